using IpbesFlow.Identity;
using IpbesFlow.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Assessments;

/// <summary>What is the caller's to do: the human steps they may complete that are open (or start within
/// <see cref="AheadDays"/> days), and, for the TSU and the secretariat, windows that have closed and wait to be
/// completed. Soonest due first; overdue ones say so.</summary>
public sealed record ListTasks(Guid? Assessment = null, int AheadDays = 14) : IQuery<IReadOnlyList<TaskView>>;

/// <summary>One thing to do: where, what, due when, whether it is late, and which actions the caller may take.</summary>
public sealed record TaskView(
    Guid AssessmentId,
    string AssessmentTitle,
    string StepId,
    string Title,
    string Kind,
    StepState State,
    DateTimeOffset? Starts,
    DateTimeOffset? Due,
    bool Overdue,
    IReadOnlyList<string> Actions);

public sealed class ListTasksHandler(IpbesFlowDbContext db, ICurrentUser caller, TimeProvider time) : IQueryHandler<ListTasks, IReadOnlyList<TaskView>>
{
    public async ValueTask<IReadOnlyList<TaskView>> Handle(ListTasks query, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var horizon = now.AddDays(Math.Clamp(query.AheadDays, 0, 3660));
        var steps = db.AssessmentSteps.AsNoTracking().Where(s =>
            (AssessmentStep.HumanKinds.Contains(s.Kind)
                && (s.State == StepState.Open || ((s.State == StepState.Pending || s.State == StepState.Scheduled) && s.OpensAt <= horizon)))
            || s.State == StepState.Closed);
        if (query.Assessment is { } only)
        {
            steps = steps.Where(s => s.AssessmentId == only);
        }

        var candidates = await steps
            .Join(db.Assessments, s => s.AssessmentId, a => a.Id, (s, a) => new { Step = s, a.Title })
            .ToListAsync(cancellationToken);

        return candidates
            .Select(c => (c.Step, c.Title, Actions: StepAuthority.ActionsFor(caller.Principal, c.Step.AssessmentId, c.Step.Owner)))
            .Where(c => c.Actions.Contains(StepAction.Complete))
            .Select(c => new TaskView(
                c.Step.AssessmentId,
                c.Title,
                c.Step.StepId,
                c.Step.Title,
                c.Step.Kind,
                c.Step.State,
                c.Step.OpensAt,
                c.Step.ClosesAt,
                c.Step.IsOverdue(now),
                c.Actions.Where(a => Allowed(c.Step, a)).Select(StepActions.Name).ToList()))
            .OrderBy(t => t.Due ?? DateTimeOffset.MaxValue).ThenBy(t => t.AssessmentTitle, StringComparer.Ordinal).ThenBy(t => t.StepId, StringComparer.Ordinal)
            .ToList();
    }

    // Only the actions the step's state allows, so a client can offer exactly these buttons.
    private static bool Allowed(AssessmentStep step, StepAction action) => action switch
    {
        StepAction.Start => step.IsHuman && step.State is StepState.Pending or StepState.Scheduled,
        StepAction.Complete => step.IsHuman || step.State == StepState.Closed,
        StepAction.Skip => !step.HasBegun,
        StepAction.Cancel => true,
        StepAction.Invite => step.Kind == "meeting" && step.InvitationSequence is null,
        _ => false,
    };
}
