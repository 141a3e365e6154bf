using IpbesFlow.Assessments;
using IpbesFlow.Common;
using IpbesFlow.Identity;
using IpbesFlow.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Reviews;

/// <summary>Where a review stands: comments and answers per chapter (and whether it is signed off), comments and
/// answers per reviewer type, reviewers registered, and the share answered.</summary>
public sealed record GetReviewProgress(Guid AssessmentId, string StepId) : IQuery<ReviewProgress>;

public sealed record ReviewProgress(
    Guid AssessmentId, string StepId, int Registrations, int Comments, int Answered, double ShareAnswered,
    IReadOnlyList<ChapterProgress> Chapters, IReadOnlyDictionary<string, int> ByReviewerType, IReadOnlyDictionary<string, int> AnsweredByReviewerType);

public sealed record ChapterProgress(string Code, string Title, int Comments, int Answered, DateTimeOffset? SignedOffAt);

public sealed class GetReviewProgressHandler(IpbesFlowDbContext db, ICurrentUser actor) : IQueryHandler<GetReviewProgress, ReviewProgress>
{
    public async ValueTask<ReviewProgress> Handle(GetReviewProgress query, CancellationToken cancellationToken)
    {
        var step = await ReviewLookup.StepAsync(db, query.AssessmentId, query.StepId, cancellationToken);
        var caller = await ReviewCaller.LoadAsync(db, actor, step.AssessmentId, cancellationToken);
        if (!caller.MayReadAllComments && !actor.Principal.Has(Role.MepMember) && !actor.Principal.Has(Role.BureauMember))
        {
            throw new ForbiddenException("A review's progress is for its assessment's TSU and authors, the MEP, the Bureau and the secretariat.");
        }

        var round = await ReviewLookup.RoundAsync(db, step, cancellationToken);
        return await ReviewProgressCounts.OfAsync(db, step, round, cancellationToken);
    }
}

/// <summary>A review's figures, counted in the database: comments per chapter and reviewer type, answered or not.</summary>
internal static class ReviewProgressCounts
{
    public static async Task<ReviewProgress> OfAsync(IpbesFlowDbContext db, AssessmentStep step, ReviewRound round, CancellationToken cancellationToken)
    {
        var counts = await db.ReviewComments.Where(c => c.RoundId == round.Id)
            .GroupBy(c => new { c.Chapter, c.ReviewerType, Answered = c.ResponseStatus != null })
            .Select(g => new { g.Key.Chapter, g.Key.ReviewerType, g.Key.Answered, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var registrations = await db.ReviewRegistrations.CountAsync(r => r.RoundId == round.Id, cancellationToken);
        var chapters = round.Chapters.OrderBy(c => c.Ordinal)
            .Select(c => new ChapterProgress(c.Code, c.Title, counts.Where(k => k.Chapter == c.Code).Sum(k => k.Count), counts.Where(k => k.Chapter == c.Code && k.Answered).Sum(k => k.Count), c.SignedOffAt))
            .ToList();
        var total = counts.Sum(k => k.Count);
        var answered = counts.Where(k => k.Answered).Sum(k => k.Count);
        var byType = Enum.GetValues<ReviewerType>().ToDictionary(CommentSheet.ReviewerTypeName, t => counts.Where(k => k.ReviewerType == t).Sum(k => k.Count), StringComparer.Ordinal);
        var answeredByType = Enum.GetValues<ReviewerType>().ToDictionary(CommentSheet.ReviewerTypeName, t => counts.Where(k => k.ReviewerType == t && k.Answered).Sum(k => k.Count), StringComparer.Ordinal);
        return new ReviewProgress(step.AssessmentId, step.StepId, registrations, total, answered, total == 0 ? 0 : Math.Round((double)answered / total, 4), chapters, byType, answeredByType);
    }
}
