using IpbesFlow.Identity;
using IpbesFlow.Persistence;
using Mediator;

namespace IpbesFlow.Reviews;

/// <summary>The empty comment template of a review: its chapters offered as a list in the chapter column (a registered
/// reviewer's, the chapters they registered for), whole numbers of 1 or more required in the page and line columns, and
/// the comment's length limit on the comment column.</summary>
public sealed record GetCommentTemplate(Guid AssessmentId, string StepId) : IQuery<CommentExport>;

public sealed class GetCommentTemplateHandler(IpbesFlowDbContext db, ICurrentUser actor) : IQueryHandler<GetCommentTemplate, CommentExport>
{
    public async ValueTask<CommentExport> Handle(GetCommentTemplate query, CancellationToken cancellationToken)
    {
        var step = await ReviewLookup.StepAsync(db, query.AssessmentId, query.StepId, cancellationToken);
        var round = await ReviewLookup.RoundAsync(db, step, cancellationToken);
        var registered = (await ReviewerRegistrations.OfAsync(db, actor, round.Id, cancellationToken)).SelectMany(r => r.ChapterCodes).ToHashSet(StringComparer.Ordinal);
        var chapters = round.Chapters.OrderBy(c => c.Ordinal)
            .Where(c => registered.Count == 0 || registered.Contains(c.Code))
            .Select(c => (c.Code, c.Title)).ToList();
        return new CommentExport($"{step.StepId}-comment-template", new SheetContent(CommentSheet.SheetName, CommentSheet.TemplateColumns, AsyncEnumerable.Empty<IReadOnlyList<object?>>(), chapters, round.MaxCommentLength));
    }
}
