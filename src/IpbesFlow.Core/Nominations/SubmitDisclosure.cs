using FluentValidation;
using IpbesFlow.Assessments;
using IpbesFlow.Common;
using IpbesFlow.Identity;
using IpbesFlow.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Nominations;

/// <summary>A selected expert submits the disclosure form of IPBES's conflict of interest policy for the assessment
/// they were selected for: whether they have interests a reasonable person could see as a conflict with its subject,
/// and what they are, confirmed complete and true. Submitting again replaces it; its review starts over.</summary>
public sealed record SubmitDisclosure(Guid AssessmentId, bool HasInterests, string? Interests, bool Confirm) : ICommand<DisclosureView>, IRetryOnConflict;

public sealed class SubmitDisclosureValidator : AbstractValidator<SubmitDisclosure>
{
    public SubmitDisclosureValidator()
    {
        RuleFor(c => c.Confirm).Equal(true).WithMessage("Confirm that the disclosure is complete and true.");
        RuleFor(c => c.Interests).MaximumLength(Disclosure.MaxTextLength);
        RuleFor(c => c.Interests).NotEmpty().When(c => c.HasInterests).WithMessage("Describe each interest: what it is, with whom, and since when.");
    }
}

public sealed class SubmitDisclosureHandler(IpbesFlowDbContext db, ICurrentUser actor, TimeProvider time) : ICommandHandler<SubmitDisclosure, DisclosureView>
{
    public async ValueTask<DisclosureView> Handle(SubmitDisclosure command, CancellationToken cancellationToken)
    {
        var expert = await DisclosureLookup.MineAsync(db, actor, command.AssessmentId, cancellationToken)
            ?? throw new ForbiddenException("The disclosure form is for the experts selected for this assessment, signed in as themselves.");
        var now = time.GetUtcNow();
        var disclosure = await db.Disclosures.FirstOrDefaultAsync(d => d.CandidateId == expert.Id, cancellationToken);
        var again = disclosure is not null;
        if (disclosure is null)
        {
            disclosure = Disclosure.Submit(expert, command.HasInterests, command.Interests, now);
            db.Disclosures.Add(disclosure);
        }
        else
        {
            disclosure.Replace(command.HasInterests, command.Interests, now);
        }

        db.JournalEntries.Add(JournalEntry.Record(command.AssessmentId, actor.Name, again ? "disclosure.replaced" : "disclosure.submitted", null, null, expert.FullName,
            command.HasInterests ? "interests declared" : "no interests declared", now));
        return DisclosureView.From(expert, disclosure, withInterests: true);
    }
}

/// <summary>One selected expert's disclosure as a viewer may see it: whether and when it was submitted and what the
/// secretariat concluded; what it declares only to the expert and the secretariat.</summary>
public sealed record DisclosureView(
    Guid CandidateId, string Name, AuthorRole? Role, string? Chapter, DateTimeOffset? SubmittedAt, bool? HasInterests, string? Interests, DisclosureReview? Review, string? ReviewNote,
    DateTimeOffset? ReviewedAt)
{
    public bool Missing => SubmittedAt is null;

    public static DisclosureView From(Candidate expert, Disclosure? disclosure, bool withInterests) => new(
        expert.Id, expert.FullName, expert.SelectedRole, expert.SelectedChapter, disclosure?.SubmittedAt, withInterests ? disclosure?.HasInterests : null,
        withInterests ? disclosure?.Interests : null, disclosure?.Review, withInterests ? disclosure?.ReviewNote : null, disclosure?.ReviewedAt);
}

internal static class DisclosureLookup
{
    /// <summary>The caller as a serving selected expert of the assessment (a final selection), or null.</summary>
    public static async Task<Candidate?> MineAsync(IpbesFlowDbContext db, ICurrentUser actor, Guid assessmentId, CancellationToken cancellationToken)
    {
        if (actor.UserId is not { } userId)
        {
            return null;
        }

        var email = await db.Users.Where(u => u.Id == userId).Select(u => u.NormalizedEmail).FirstOrDefaultAsync(cancellationToken);
        return await db.Candidates.FirstOrDefaultAsync(
            c => c.AssessmentId == assessmentId && (c.UserId == userId || c.NormalizedEmail == email) && c.Outcome == SelectionOutcome.Selected && c.ResultAt != null && c.ResignedAt == null,
            cancellationToken);
    }

    /// <summary>Every serving selected expert of the assessment, with their disclosure if any.</summary>
    public static async Task<List<(Candidate Expert, Disclosure? Disclosure)>> ExpertsAsync(IpbesFlowDbContext db, Guid assessmentId, CancellationToken cancellationToken)
    {
        var experts = await db.Candidates.AsNoTracking()
            .Where(c => c.AssessmentId == assessmentId && c.Outcome == SelectionOutcome.Selected && c.ResultAt != null && c.ResignedAt == null)
            .OrderBy(c => c.FullName)
            .ToListAsync(cancellationToken);
        var disclosures = await db.Disclosures.AsNoTracking().Where(d => d.AssessmentId == assessmentId).ToDictionaryAsync(d => d.CandidateId, cancellationToken);
        return experts.ConvertAll(e => (e, disclosures.GetValueOrDefault(e.Id)));
    }
}
