using IpbesFlow.Notifications;

namespace IpbesFlow.Assessments.Events;

/// <summary>A window closed at its instant.</summary>
public sealed record StepClosed(Guid AssessmentId, string StepId, string Actor, DateTimeOffset At, string Because, bool IsNews)
    : AssessmentEvent(AssessmentId, StepId, Actor, At)
{
    public override string Action => "step.closed";

    public override string? OldValue => Assessment.Name(StepState.Open);

    public override string? NewValue => Assessment.Name(StepState.Closed);

    public override string? Details => IsNews ? Because : $"{Because}; {CaughtUp.Words}";
}

public sealed class StepClosedHandler : IHandles<StepClosed>
{
    public Notice? Notify(StepClosed raised, EventContext context) =>
        raised.IsNews && context.Notifies(raised.StepId, "closed") ? new Notice("closed", new ReasonPayload(null)) : null;
}
