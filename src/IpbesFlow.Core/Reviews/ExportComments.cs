using IpbesFlow.Assessments;
using IpbesFlow.Common;
using IpbesFlow.Identity;
using IpbesFlow.Persistence;
using IpbesFlow.Workflows;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Reviews;

/// <summary>The compilation of a review's comments with the authors' responses, in the published format and order
/// (chapter, page, line). Its TSU, its authors and the secretariat read the whole of it at any time. It is public once
/// the assessment's final approval is given (the Plenary's, or the MEP's for a deliverable it approves), and then only
/// for a review the definition publishes (the external ones: an internal review never is), and only with what each
/// reviewer accepted to have published: a reviewer who registered anonymously, or whose comments the TSU imported
/// without a registration, is published without name, organisation and country.</summary>
public sealed record ExportComments(Guid AssessmentId, string StepId) : IQuery<CommentExport>;

/// <summary>A compilation or a template, ready to be written as .xlsx or CSV; its rows are read as they are written.</summary>
public sealed record CommentExport(string FileStem, SheetContent Sheet);

public sealed class ExportCommentsHandler(IpbesFlowDbContext db, IWorkflowCatalog catalog, ICurrentUser actor) : IQueryHandler<ExportComments, CommentExport>
{
    public async ValueTask<CommentExport> Handle(ExportComments query, CancellationToken cancellationToken)
    {
        var step = await ReviewLookup.StepAsync(db, query.AssessmentId, query.StepId, cancellationToken);
        var whole = (await ReviewCaller.LoadAsync(db, actor, step.AssessmentId, cancellationToken)).MayReadAllComments;
        if (!whole)
        {
            await EnsurePublishedAsync(step, cancellationToken);
        }

        var round = await ReviewLookup.RoundAsync(db, step, cancellationToken);
        return new CommentExport($"{step.StepId}-comments", new SheetContent(CommentSheet.SheetName, CommentSheet.ExportColumns, Rows(round.Id, whole)));
    }

    private async Task EnsurePublishedAsync(AssessmentStep review, CancellationToken cancellationToken)
    {
        var assessment = await db.Assessments.AsNoTracking().Include(a => a.Steps).FirstAsync(a => a.Id == review.AssessmentId, cancellationToken);
        if (!Assessment.IsFinallyApproved(assessment.Steps))
        {
            throw new ForbiddenException("Review comments and responses are published once the assessment is approved; until then they are for its TSU and authors.");
        }

        if (!ReviewLookup.IsPublished(catalog, assessment, review.StepId))
        {
            throw new ForbiddenException($"Review {review.StepId} is internal: its comments and responses are not published.");
        }
    }

    // In the published order, from the database as they are written: a compilation of tens of thousands of comments is
    // never held whole. Whether a reviewer is named comes from the registration they submitted under.
    private IAsyncEnumerable<IReadOnlyList<object?>> Rows(Guid roundId, bool whole) =>
        (from c in db.ReviewComments.AsNoTracking()
         where c.RoundId == roundId
         join chapter in db.ReviewChapters on new { c.RoundId, Code = c.Chapter } equals new { chapter.RoundId, chapter.Code }
         join r in db.ReviewRegistrations on c.RegistrationId equals (Guid?)r.Id into registrations
         from registration in registrations.DefaultIfEmpty()
         orderby chapter.Ordinal, c.FromPage, c.FromLine, c.ToPage, c.ToLine, c.Number
         select new
         {
             c.Number, c.Chapter, c.FromPage, c.FromLine, c.ToPage, c.ToLine, c.Text, c.ReviewerName, c.ReviewerCountry, c.ReviewerOrganisation, c.ReviewerType,
             c.ResponseStatus, c.ResponseText, c.ErratumAt, c.ErratumReason, Named = registration != null && registration.PublishIdentity,
         })
        .AsAsyncEnumerable()
        .Select(c =>
        {
            var named = whole || c.Named;
            return (IReadOnlyList<object?>)
            [
                c.Number, c.Chapter, c.FromPage, c.FromLine, c.ToPage, c.ToLine, c.Text, named ? c.ReviewerName : null, named ? c.ReviewerCountry : null,
                named ? c.ReviewerOrganisation : null, CommentSheet.ReviewerTypeName(c.ReviewerType), c.ResponseStatus is { } s ? CommentSheet.ResponseStatusName(s) : null, c.ResponseText,
                c.ErratumAt is { } at ? $"Corrected on {at:yyyy-MM-dd}: {c.ErratumReason}" : null,
            ];
        });
}
