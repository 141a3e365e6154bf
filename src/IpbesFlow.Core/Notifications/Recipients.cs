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

    private static async Task<IReadOnlyList<Recipient>> ResolveAsync(IpbesFlowDbContext db, List<Guid> userIds, CancellationToken cancellationToken)
    {
        var users = await db.Users.Where(u => userIds.Contains(u.Id) && u.Email != null)
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
