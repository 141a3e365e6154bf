using IpbesFlow.Common;
using IpbesFlow.Identity;
using IpbesFlow.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Assessments;

/// <summary>The assessments the caller may see (<see cref="AssessmentAccess"/>): all of them for the secretariat, the
/// MEP and the Bureau; their own for a TSU member or an author; none for anyone else.</summary>
public sealed record ListAssessments : IQuery<IReadOnlyList<AssessmentSummary>>;

public sealed class ListAssessmentsHandler(IpbesFlowDbContext db, ICurrentUser caller, TimeProvider time) : IQueryHandler<ListAssessments, IReadOnlyList<AssessmentSummary>>
{
    public async ValueTask<IReadOnlyList<AssessmentSummary>> Handle(ListAssessments query, CancellationToken cancellationToken)
    {
        var assessments = db.Assessments.AsNoTracking();
        if (!AssessmentAccess.SeesEveryAssessment(caller.Principal))
        {
            var mine = AssessmentAccess.TeamAssessments(caller.Principal);
            assessments = assessments.Where(a => mine.Contains(a.Id));
        }

        var summaries = await assessments
            .OrderBy(a => a.StartDate).ThenBy(a => a.Title)
            .Select(a => new AssessmentSummary(a.Id, a.Title, a.WorkflowId, a.WorkflowVersion, a.StartDate, a.PlenaryDate, a.CreatedAt) { TimeZone = a.TimeZone })
            .ToListAsync(cancellationToken);
        var ids = summaries.ConvertAll(a => a.Id);
        var live = new[] { StepState.Pending, StepState.Scheduled, StepState.Open, StepState.Closed };
        var steps = (await db.AssessmentSteps.AsNoTracking()
                .Where(s => ids.Contains(s.AssessmentId) && live.Contains(s.State))
                .Select(s => new StageStep(s.AssessmentId, s.Ordinal, s.Title, s.State, s.OpensAt, s.ClosesAt))
                .ToListAsync(cancellationToken))
            .ToLookup(s => s.AssessmentId);
        var now = time.GetUtcNow();
        return summaries.ConvertAll(a => WithStage(a, [.. steps[a.Id].OrderBy(s => s.Ordinal)], now));
    }

    private static AssessmentSummary WithStage(AssessmentSummary summary, IReadOnlyList<StageStep> steps, DateTimeOffset now)
    {
        var underWay = steps.Where(s => s.State is StepState.Open or StepState.Closed).ToList();
        var next = steps.Where(s => s.State is StepState.Pending or StepState.Scheduled).MinBy(s => s.OpensAt ?? DateTimeOffset.MaxValue);
        var closing = underWay.Where(s => s.State == StepState.Open && s.ClosesAt is not null).MinBy(s => s.ClosesAt);
        var (deadline, of) = closing is not null ? (closing.ClosesAt, closing.Title)
            : next is not null ? (next.OpensAt, next.Title)
            : ((DateTimeOffset?)null, (string?)null);
        return summary with
        {
            Stage = underWay.Count > 0 ? underWay.ConvertAll(s => s.Title) : next is null ? [] : [next.Title],
            NextDeadline = deadline,
            NextDeadlineOf = of,
        };
    }

    private sealed record StageStep(Guid AssessmentId, int Ordinal, string Title, StepState State, DateTimeOffset? OpensAt, DateTimeOffset? ClosesAt);
}

/// <summary>One assessment with its steps, for whoever may see it.</summary>
public sealed record GetAssessment(Guid Id) : IQuery<AssessmentView>;

public sealed class GetAssessmentHandler(IpbesFlowDbContext db, ICurrentUser caller, TimeProvider time) : IQueryHandler<GetAssessment, AssessmentView>
{
    public async ValueTask<AssessmentView> Handle(GetAssessment query, CancellationToken cancellationToken)
    {
        var assessment = await db.Assessments.AsNoTracking().Include(a => a.Steps).FirstOrDefaultAsync(a => a.Id == query.Id, cancellationToken)
            ?? throw new NotFoundException("Assessment", query.Id);
        return AssessmentAccess.MaySee(caller.Principal, assessment.Id)
            ? AssessmentView.For(assessment, caller.Principal, time.GetUtcNow())
            : throw new ForbiddenException("An assessment is seen by its TSU and authors, the secretariat, the MEP and the Bureau.");
    }
}

/// <summary>Everything that happened to an assessment, for those who run the process.</summary>
public sealed record GetJournal(Guid AssessmentId) : IQuery<IReadOnlyList<JournalEntryView>>;

public sealed class GetJournalHandler(IpbesFlowDbContext db, ICurrentUser caller) : IQueryHandler<GetJournal, IReadOnlyList<JournalEntryView>>
{
    public async ValueTask<IReadOnlyList<JournalEntryView>> Handle(GetJournal query, CancellationToken cancellationToken)
    {
        if (!await db.Assessments.AnyAsync(a => a.Id == query.AssessmentId, cancellationToken))
        {
            throw new NotFoundException("Assessment", query.AssessmentId);
        }

        if (!AssessmentAccess.MayReadJournal(caller.Principal, query.AssessmentId))
        {
            throw new ForbiddenException("An assessment's journal is read by its TSU, the secretariat, the MEP and the Bureau.");
        }

        return await db.JournalEntries.AsNoTracking().Where(j => j.AssessmentId == query.AssessmentId).OrderBy(j => j.Id)
            .Select(j => new JournalEntryView(j.Id, j.At, j.Actor, j.Action, j.StepId, j.OldValue, j.NewValue, j.Details))
            .ToListAsync(cancellationToken);
    }
}
