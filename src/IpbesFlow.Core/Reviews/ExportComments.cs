using IpbesFlow.Assessments;
using IpbesFlow.Common;
using IpbesFlow.Identity;
using IpbesFlow.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Reviews;

/// <summary>The compilation of a review's comments with the authors' responses, in the published format and order
/// (chapter, page, line). Public once the Plenary has approved the assessment; before that, for its TSU, its authors
/// and the secretariat.</summary>
public sealed record ExportComments(Guid AssessmentId, string StepId) : IQuery<CommentExport>;

/// <summary>The rows of a compilation, ready to be written as .xlsx or CSV.</summary>
public sealed record CommentExport(string FileStem, SheetContent Sheet, int Rows);

public sealed class ExportCommentsHandler(IpbesFlowDbContext db, ICurrentUser actor) : IQueryHandler<ExportComments, CommentExport>
{
    public async ValueTask<CommentExport> Handle(ExportComments query, CancellationToken cancellationToken)
    {
        var step = await ReviewLookup.StepAsync(db, query.AssessmentId, query.StepId, cancellationToken);
        if (!await IsPublicAsync(step.AssessmentId, cancellationToken) && !(await ReviewCaller.LoadAsync(db, actor, step.AssessmentId, cancellationToken)).MayReadAllComments)
        {
            throw new ForbiddenException("Review comments and responses are published once the Plenary has approved the assessment; until then they are for its TSU and authors.");
        }

        var round = await ReviewLookup.RoundAsync(db, step, cancellationToken);
        var comments = await db.ReviewComments.AsNoTracking().Where(c => c.RoundId == round.Id).ToListAsync(cancellationToken);
        var rows = ReviewOrder.Sort(comments, round).Select(c => (IReadOnlyList<object?>)
        [
            c.Number, c.Chapter, c.FromPage, c.FromLine, c.ToPage, c.ToLine, c.Text, c.ReviewerName, c.ReviewerCountry, c.ReviewerOrganisation,
            CommentSheet.ReviewerTypeName(c.ReviewerType), c.ResponseStatus is { } s ? CommentSheet.ResponseStatusName(s) : null, c.ResponseText,
        ]);
        return new CommentExport($"{step.StepId}-comments", new SheetContent(CommentSheet.SheetName, CommentSheet.ExportColumns, rows), comments.Count);
    }

    // The Plenary's approval step (an approval the Plenary owns) is completed.
    private Task<bool> IsPublicAsync(Guid assessmentId, CancellationToken cancellationToken) =>
        db.AssessmentSteps.AnyAsync(s => s.AssessmentId == assessmentId && s.Kind == "approval" && s.Owner == Workflows.Audience.Plenary && s.State == StepState.Completed, cancellationToken);
}
