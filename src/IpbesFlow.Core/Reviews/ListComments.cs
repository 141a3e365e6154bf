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
        var (round, comments) = await VisibleComments.OfAsync(db, actor, query.AssessmentId, query.StepId, query.Chapter, query.Unanswered, cancellationToken);
        var rows = await comments.ToListAsync(cancellationToken);
        var earlier = await VisibleComments.EarlierResponsesAsync(db, round, cancellationToken);
        return ReviewOrder.Sort(rows, round).Select(c => CommentView.From(c, earlier[c.Id])).ToList();
    }
}

/// <summary>One page of a review's comments in the published order, with how many there are in all: what a person
/// reads on screen, where a review may hold 20,000 comments. Ordered and cut in the database, chapter by chapter.</summary>
public sealed record ListCommentPage(Guid AssessmentId, string StepId, string? Chapter = null, bool Unanswered = false, int Page = 1, int PageSize = 50) : IQuery<CommentPage>;

public sealed record CommentPage(int Total, int Page, int PageSize, IReadOnlyList<CommentView> Comments)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

public sealed class ListCommentPageHandler(IpbesFlowDbContext db, ICurrentUser actor) : IQueryHandler<ListCommentPage, CommentPage>
{
    public const int MaxPageSize = 500;

    public async ValueTask<CommentPage> Handle(ListCommentPage query, CancellationToken cancellationToken)
    {
        var size = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var (round, comments) = await VisibleComments.OfAsync(db, actor, query.AssessmentId, query.StepId, query.Chapter, query.Unanswered, cancellationToken);
        // Chapter by chapter in the review's order, each read through its index (round, chapter, page, line): a page of
        // 50 out of 20,000 reads its 50 rows, not a sort of all of them. Chapters no longer listed (none, as long as
        // a chapter with comments cannot be removed) come last, as in the published order.
        var perChapter = await comments.GroupBy(c => c.Chapter).Select(g => new { Chapter = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var total = perChapter.Sum(c => c.Count);
        var page = Math.Clamp(query.Page, 1, Math.Max(1, (total + size - 1) / size));
        var listed = round.Chapters.OrderBy(c => c.Ordinal).Select(c => c.Code).ToList();
        var counts = perChapter.ToDictionary(c => c.Chapter, c => c.Count, StringComparer.Ordinal);
        var skip = (page - 1) * size;
        var rows = new List<ReviewComment>();
        foreach (var chapter in listed.Where(counts.ContainsKey))
        {
            if (rows.Count == size)
            {
                break;
            }

            if (skip >= counts[chapter])
            {
                skip -= counts[chapter];
                continue;
            }

            rows.AddRange(await InPageOrder(comments.Where(c => c.Chapter == chapter)).Skip(skip).Take(size - rows.Count).ToListAsync(cancellationToken));
            skip = 0;
        }

        if (rows.Count < size && perChapter.Any(c => !listed.Contains(c.Chapter)))
        {
            rows.AddRange(await InPageOrder(comments.Where(c => !listed.Contains(c.Chapter))).Skip(skip).Take(size - rows.Count).ToListAsync(cancellationToken));
        }

        var earlier = await VisibleComments.EarlierResponsesAsync(db, round, cancellationToken);
        return new CommentPage(total, page, size, rows.ConvertAll(c => CommentView.From(c, earlier[c.Id])));
    }

    private static IQueryable<ReviewComment> InPageOrder(IQueryable<ReviewComment> comments) =>
        comments.OrderBy(c => c.FromPage).ThenBy(c => c.FromLine).ThenBy(c => c.ToPage).ThenBy(c => c.ToLine).ThenBy(c => c.Number);
}

/// <summary>The comments of a review the caller may read: all of them for the TSU, the secretariat and the authors; a
/// reviewer's own (their country's, for a focal point); refused to anyone else. Filtered by chapter and by whether
/// they have a response.</summary>
internal static class VisibleComments
{
    public static async Task<(ReviewRound Round, IQueryable<ReviewComment> Comments)> OfAsync(
        IpbesFlowDbContext db, ICurrentUser actor, Guid assessmentId, string stepId, string? chapter, bool unanswered, CancellationToken cancellationToken)
    {
        var step = await ReviewLookup.StepAsync(db, assessmentId, stepId, cancellationToken);
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

        if (chapter is { } named)
        {
            var code = (round.FindChapter(named) ?? throw new ValidationFailedException("chapter", $"'{named}' is not a chapter of this review.")).Code;
            comments = comments.Where(c => c.Chapter == code);
        }

        if (unanswered)
        {
            comments = comments.Where(c => c.ResponseStatus == null);
        }

        return (round, comments);
    }

    /// <summary>Revised responses are few: their history is read for the whole review in one query.</summary>
    public static async Task<ILookup<Guid, EarlierResponse>> EarlierResponsesAsync(IpbesFlowDbContext db, ReviewRound round, CancellationToken cancellationToken) =>
        (await db.EarlierResponses.AsNoTracking()
            .Join(db.ReviewComments.Where(c => c.RoundId == round.Id), e => e.CommentId, c => c.Id, (e, _) => e)
            .OrderBy(e => e.Id)
            .ToListAsync(cancellationToken))
        .ToLookup(e => e.CommentId);
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
