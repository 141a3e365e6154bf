using IpbesFlow.Assessments;
using IpbesFlow.Identity;
using IpbesFlow.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Reviews;

/// <summary>The reviews that are set up, for a reviewer looking for one to register for: open or upcoming ones (or all,
/// closed included), soonest closing first, each with the caller's registration if any. A review is open from the
/// start of its first day to the end of its last (<c>Start</c>, <c>End</c>) in <c>TimeZone</c>, the instants given in UTC.</summary>
public sealed record ListReviews(bool IncludeClosed = false) : IQuery<IReadOnlyList<ReviewSummary>>;

public sealed record ReviewSummary(
    Guid AssessmentId, string AssessmentTitle, string StepId, string Title, StepState State, DateTimeOffset? OpensAt, DateTimeOffset? ClosesAt,
    DateOnly Start, DateOnly End, string TimeZone, IReadOnlyList<string> Chapters, bool Registered);

public sealed class ListReviewsHandler(IpbesFlowDbContext db, ICurrentUser actor, TimeProvider time) : IQueryHandler<ListReviews, IReadOnlyList<ReviewSummary>>
{
    public async ValueTask<IReadOnlyList<ReviewSummary>> Handle(ListReviews query, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var rounds = await db.ReviewRounds.AsNoTracking()
            .Join(db.AssessmentSteps, r => new { r.AssessmentId, r.StepId }, s => new { s.AssessmentId, s.StepId }, (r, s) => new { Round = r, Step = s })
            .Join(db.Assessments, x => x.Round.AssessmentId, a => a.Id, (x, a) => new { x.Round.Id, x.Step, a.Title, a.TimeZone })
            .Where(x => x.Step.State != StepState.Skipped && x.Step.State != StepState.Cancelled && (query.IncludeClosed || x.Step.ClosesAt > now))
            .ToListAsync(cancellationToken);
        var ids = rounds.Select(r => r.Id).ToList();
        var chapters = (await db.ReviewChapters.AsNoTracking().Where(c => ids.Contains(c.RoundId)).OrderBy(c => c.Ordinal).Select(c => new { c.RoundId, c.Code }).ToListAsync(cancellationToken))
            .ToLookup(c => c.RoundId, c => c.Code);
        var keys = await ReviewerRegistrations.KeysOfAsync(db, actor, cancellationToken);
        var registered = keys.Count == 0
            ? []
            : (await db.ReviewRegistrations.AsNoTracking().Where(r => ids.Contains(r.RoundId) && keys.Contains(r.ReviewerKey)).Select(r => r.RoundId).ToListAsync(cancellationToken)).ToHashSet();

        return rounds
            .OrderBy(r => r.Step.ClosesAt).ThenBy(r => r.Title, StringComparer.Ordinal)
            .Select(r => new ReviewSummary(r.Step.AssessmentId, r.Title, r.Step.StepId, r.Step.Title, r.Step.State, r.Step.OpensAt, r.Step.ClosesAt, r.Step.PlannedStart, r.Step.PlannedEnd, r.TimeZone, [.. chapters[r.Id]], registered.Contains(r.Id)))
            .ToList();
    }
}
