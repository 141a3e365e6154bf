using IpbesFlow.Common;
using IpbesFlow.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Assessments;

public sealed record ListAssessments : IQuery<IReadOnlyList<AssessmentSummary>>;

public sealed class ListAssessmentsHandler(IpbesFlowDbContext db) : IQueryHandler<ListAssessments, IReadOnlyList<AssessmentSummary>>
{
    public async ValueTask<IReadOnlyList<AssessmentSummary>> Handle(ListAssessments query, CancellationToken cancellationToken) =>
        await db.Assessments.AsNoTracking()
            .OrderBy(a => a.StartDate).ThenBy(a => a.Title)
            .Select(a => new AssessmentSummary(a.Id, a.Title, a.WorkflowId, a.WorkflowVersion, a.StartDate, a.PlenaryDate, a.CreatedAt))
            .ToListAsync(cancellationToken);
}

public sealed record GetAssessment(Guid Id) : IQuery<AssessmentView>;

public sealed class GetAssessmentHandler(IpbesFlowDbContext db) : IQueryHandler<GetAssessment, AssessmentView>
{
    public async ValueTask<AssessmentView> Handle(GetAssessment query, CancellationToken cancellationToken) =>
        AssessmentView.From(await db.Assessments.AsNoTracking().Include(a => a.Steps).FirstOrDefaultAsync(a => a.Id == query.Id, cancellationToken)
            ?? throw new NotFoundException("Assessment", query.Id));
}

public sealed record GetJournal(Guid AssessmentId) : IQuery<IReadOnlyList<JournalEntryView>>;

public sealed class GetJournalHandler(IpbesFlowDbContext db) : IQueryHandler<GetJournal, IReadOnlyList<JournalEntryView>>
{
    public async ValueTask<IReadOnlyList<JournalEntryView>> Handle(GetJournal query, CancellationToken cancellationToken)
    {
        if (!await db.Assessments.AnyAsync(a => a.Id == query.AssessmentId, cancellationToken))
        {
            throw new NotFoundException("Assessment", query.AssessmentId);
        }

        return await db.JournalEntries.AsNoTracking().Where(j => j.AssessmentId == query.AssessmentId).OrderBy(j => j.Id)
            .Select(j => new JournalEntryView(j.Id, j.At, j.Actor, j.Action, j.StepId, j.OldValue, j.NewValue, j.Details))
            .ToListAsync(cancellationToken);
    }
}
