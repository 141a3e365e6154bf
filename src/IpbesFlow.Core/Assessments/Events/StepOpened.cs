using IpbesFlow.Notifications;

namespace IpbesFlow.Assessments.Events;

/// <summary>A step opened at its instant: a window now takes part (<c>opened</c>), a human step is now its owner's
/// (<c>assigned</c>). What was already over when the engine got to it is journaled as caught up and told to nobody.</summary>
public sealed record StepOpened(Guid AssessmentId, string StepId, string Actor, DateTimeOffset At, StepState Before, bool Human, string Because, bool IsNews)
    : AssessmentEvent(AssessmentId, StepId, Actor, At)
{
    public override string Action => "step.opened";

    public override string? OldValue => Assessment.Name(Before);

    public override string? NewValue => Assessment.Name(StepState.Open);

    public override string? Details => IsNews ? Because : $"{Because}; {CaughtUp.Words}";
}

public sealed class StepOpenedHandler : IHandles<StepOpened>
{
    public Notice? Notify(StepOpened raised, EventContext context)
    {
        var @event = raised.Human ? "assigned" : "opened";
        return raised.IsNews && context.Notifies(raised.StepId, @event) ? new Notice(@event, new NoPayload()) : null;
    }
}
