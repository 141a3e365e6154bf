using IpbesFlow.Notifications;

namespace IpbesFlow.Assessments.Events;

/// <summary>A milestone's day came.</summary>
public sealed record MilestoneReached(Guid AssessmentId, string StepId, string Actor, DateTimeOffset At, StepState Before, string Because, bool IsNews)
    : AssessmentEvent(AssessmentId, StepId, Actor, At)
{
    public override string Action => "step.reached";

    public override string? OldValue => Assessment.Name(Before);

    public override string? NewValue => Assessment.Name(StepState.Completed);

    public override string? Details => IsNews ? Because : $"{Because}; {CaughtUp.Words}";
}

public sealed class MilestoneReachedHandler : IHandles<MilestoneReached>
{
    public Notice? Notify(MilestoneReached raised, EventContext context) =>
        raised.IsNews && context.Notifies(raised.StepId, "reached") ? new Notice("reached", new NoPayload()) : null;
}
