using IpbesFlow.Identity;
using IpbesFlow.People;
using IpbesFlow.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Notifications;

/// <summary>A person a notification goes to, in the language they chose (from their record among the people, by
/// email; English when they have none).</summary>
public sealed record Recipient(Guid UserId, string Email, string Name, string Language);

/// <summary>Who is concerned by what happens to an assessment, from the roles people hold on it.</summary>
public static class Recipients
{
    /// <summary>For a schedule change: the assessment's TSU, its authors (review editors included), and the reviewers
    /// registered for any step that moved.</summary>
    public static async Task<IReadOnlyList<Recipient>> ForScheduleChangeAsync(IpbesFlowDbContext db, Guid assessmentId, IReadOnlyCollection<string> movedSteps, CancellationToken cancellationToken)
    {
        var userIds = await db.RoleAssignments
            .Where(r => r.AssessmentId == assessmentId
                && (r.Role == Role.TsuMember || r.Role == Role.Author || (r.Role == Role.Reviewer && movedSteps.Contains(r.ReviewStepId!))))
            .Select(r => r.UserId)
            .Distinct()
            .ToListAsync(cancellationToken);
        return await ResolveAsync(db, userIds, cancellationToken);
    }

    /// <summary>The people a step speaks to (its audience) or who act on it (its owner): experts are the reviewers
    /// registered for that step; governments and the Plenary, the national focal points; stakeholders, the registered
    /// organisations; authors and review editors, those of the assessment; the MEP and the Bureau, their members; the
    /// TSU, the assessment's.</summary>
    public static async Task<IReadOnlyList<Recipient>> ForAudienceAsync(IpbesFlowDbContext db, Guid assessmentId, string stepId, IReadOnlyCollection<Workflows.Audience> audience, CancellationToken cancellationToken)
    {
        bool Has(Workflows.Audience a) => audience.Contains(a);
        var experts = Has(Workflows.Audience.Experts);
        var governments = Has(Workflows.Audience.Governments) || Has(Workflows.Audience.Plenary);
        var stakeholders = Has(Workflows.Audience.Stakeholders);
        var authors = Has(Workflows.Audience.Authors);
        var reviewEditors = Has(Workflows.Audience.ReviewEditors);
        var mep = Has(Workflows.Audience.Mep);
        var bureau = Has(Workflows.Audience.Bureau);
        var tsu = Has(Workflows.Audience.Tsu);
        var userIds = await db.RoleAssignments
            .Where(r =>
                (experts && r.Role == Role.Reviewer && r.AssessmentId == assessmentId && r.ReviewStepId == stepId)
                || (governments && r.Role == Role.NationalFocalPoint)
                || (stakeholders && r.Role == Role.StakeholderOrganisation)
                || (authors && r.Role == Role.Author && r.AssessmentId == assessmentId && r.AuthorRole != AuthorRole.ReviewEditor)
                || (reviewEditors && r.Role == Role.Author && r.AssessmentId == assessmentId && r.AuthorRole == AuthorRole.ReviewEditor)
                || (mep && r.Role == Role.MepMember)
                || (bureau && r.Role == Role.BureauMember)
                || (tsu && r.Role == Role.TsuMember && r.AssessmentId == assessmentId))
            .Select(r => r.UserId)
            .Distinct()
            .ToListAsync(cancellationToken);
        return await ResolveAsync(db, userIds, cancellationToken);
    }

    /// <summary>Who hears that a window opened: its audience and the assessment's TSU; for an external review or call
    /// (one for experts, governments or stakeholders), also every national focal point and stakeholder organisation,
    /// who circulate it, and everyone who asked to be told of reviews, so that they can register. (Experts as an
    /// audience are otherwise the reviewers already registered: at the opening of a review there may be none.)</summary>
    public static async Task<IReadOnlyList<Recipient>> ForOpeningAsync(IpbesFlowDbContext db, Guid assessmentId, string stepId, IReadOnlyCollection<Workflows.Audience> audience, CancellationToken cancellationToken)
    {
        var external = audience.Any(a => a is Workflows.Audience.Experts or Workflows.Audience.Governments or Workflows.Audience.Stakeholders);
        IReadOnlyCollection<Workflows.Audience> widened = external
            ? [.. audience.Union([Workflows.Audience.Tsu, Workflows.Audience.Governments, Workflows.Audience.Stakeholders])]
            : [.. audience.Union([Workflows.Audience.Tsu])];
        var people = await ForAudienceAsync(db, assessmentId, stepId, widened, cancellationToken);
        if (!external)
        {
            return people;
        }

        var subscribers = await db.Users.Where(u => u.ReviewAnnouncements && u.DisabledAt == null).Select(u => u.Id).ToListAsync(cancellationToken);
        var known = people.Select(p => p.UserId).ToHashSet();
        return [.. people.Concat(await ResolveAsync(db, subscribers.Where(s => !known.Contains(s)).ToList(), cancellationToken)).OrderBy(r => r.Email, StringComparer.Ordinal)];
    }

    /// <summary>Named people (a registration is confirmed to whoever registered).</summary>
    public static Task<IReadOnlyList<Recipient>> ForUsersAsync(IpbesFlowDbContext db, IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken) =>
        ResolveAsync(db, userIds.ToList(), cancellationToken);

    private static async Task<IReadOnlyList<Recipient>> ResolveAsync(IpbesFlowDbContext db, List<Guid> userIds, CancellationToken cancellationToken)
    {
        var users = await db.Users.Where(u => userIds.Contains(u.Id) && u.Email != null && u.DisabledAt == null)
            .Select(u => new { u.Id, Email = u.Email!, u.NormalizedEmail, u.FullName })
            .ToListAsync(cancellationToken);
        var emails = users.Select(u => u.NormalizedEmail).ToList();
        var languages = await db.People.Where(p => emails.Contains(p.NormalizedEmail))
            .Select(p => new { p.NormalizedEmail, p.PreferredLanguage })
            .ToDictionaryAsync(p => p.NormalizedEmail, p => p.PreferredLanguage, StringComparer.Ordinal, cancellationToken);
        return users
            .Select(u => new Recipient(u.Id, u.Email, u.FullName, u.NormalizedEmail is { } e && languages.TryGetValue(e, out var l) && UnLanguages.IsSupported(l) ? l : UnLanguages.English))
            .OrderBy(r => r.Email, StringComparer.Ordinal)
            .ToList();
    }
}
