using IpbesFlow.Common;
using IpbesFlow.Identity;
using IpbesFlow.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Reviews;

/// <summary>A review's comments in the published order (chapter, page, line). The TSU, the secretariat and the
/// assessment's authors read them all; a reviewer reads only their own (their country's, for a focal point).</summary>
public sealed record ListComments(Guid AssessmentId, string StepId, string? Chapter = null, bool Unanswered = false) : IQuery<IReadOnlyList<CommentView>>;

public sealed record CommentView(
    Guid Id, int Number, string Chapter, int FromPage, int FromLine, int ToPage, int ToLine, string Text,
    ReviewerType ReviewerType, string ReviewerName, string? ReviewerCountry, string? ReviewerOrganisation, DateTimeOffset SubmittedAt,
    ResponseStatus? ResponseStatus, string? ResponseText, DateTimeOffset? RespondedAt, string? RespondedBy, IReadOnlyList<EarlierResponseView> EarlierResponses)
{
    public static CommentView From(ReviewComment c, IEnumerable<EarlierResponse>? earlier = null) => new(
        c.Id, c.Number, c.Chapter, c.FromPage, c.FromLine, c.ToPage, c.ToLine, c.Text, c.ReviewerType, c.ReviewerName, c.ReviewerCountry, c.ReviewerOrganisation,
        c.SubmittedAt, c.ResponseStatus, c.ResponseText, c.RespondedAt, c.RespondedBy,
        (earlier ?? []).Select(e => new EarlierResponseView(e.Status, e.Text, e.RespondedAt, e.RespondedBy, e.ReplacedAt)).ToList());
}

public sealed class ListCommentsHandler(IpbesFlowDbContext db, ICurrentUser actor) : IQueryHandler<ListComments, IReadOnlyList<CommentView>>
{
    public async ValueTask<IReadOnlyList<CommentView>> Handle(ListComments query, CancellationToken cancellationToken)
    {
        var step = await ReviewLookup.StepAsync(db, query.AssessmentId, query.StepId, cancellationToken);
        var round = await ReviewLookup.RoundAsync(db, step, cancellationToken);
        var comments = db.ReviewComments.AsNoTracking().Where(c => c.RoundId == round.Id);
        if (!(await ReviewCaller.LoadAsync(db, actor, step.AssessmentId, cancellationToken)).MayReadAllComments)
        {
            var mine = (await ReviewerRegistrations.OfAsync(db, actor, round.Id, cancellationToken)).Select(r => (Guid?)r.Id).ToList();
            if (mine.Count == 0)
            {
                throw new ForbiddenException("The comments of a review are read by its assessment's TSU and authors; a reviewer reads their own.");
            }

            comments = comments.Where(c => mine.Contains(c.RegistrationId));
        }

        if (query.Chapter is { } chapter)
        {
            var code = (round.FindChapter(chapter) ?? throw new ValidationFailedException("chapter", $"'{chapter}' is not a chapter of this review.")).Code;
            comments = comments.Where(c => c.Chapter == code);
        }

        if (query.Unanswered)
        {
            comments = comments.Where(c => c.ResponseStatus == null);
        }

        var rows = await comments.ToListAsync(cancellationToken);
        // Revised responses are few: their history is read for the whole review in one query.
        var earlier = (await db.EarlierResponses.AsNoTracking()
                .Join(db.ReviewComments.Where(c => c.RoundId == round.Id), e => e.CommentId, c => c.Id, (e, _) => e)
                .OrderBy(e => e.Id)
                .ToListAsync(cancellationToken))
            .ToLookup(e => e.CommentId);
        return ReviewOrder.Sort(rows, round).Select(c => CommentView.From(c, earlier[c.Id])).ToList();
    }
}

/// <summary>The published order: chapters as the review lists them, then page and line, then the comment's number.</summary>
internal static class ReviewOrder
{
    public static IEnumerable<ReviewComment> Sort(IEnumerable<ReviewComment> comments, ReviewRound round)
    {
        var ordinals = round.Chapters.ToDictionary(c => c.Code, c => c.Ordinal, StringComparer.Ordinal);
        return comments.OrderBy(c => ordinals.GetValueOrDefault(c.Chapter, int.MaxValue)).ThenBy(c => c.FromPage).ThenBy(c => c.FromLine).ThenBy(c => c.ToPage).ThenBy(c => c.ToLine).ThenBy(c => c.Number);
    }
}
