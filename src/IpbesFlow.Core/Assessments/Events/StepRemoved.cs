namespace IpbesFlow.Assessments.Events;

/// <summary>A step the new workflow version no longer has (it had not begun).</summary>
public sealed record StepRemoved(Guid AssessmentId, string StepId, string Actor, DateTimeOffset At, StepState State, string Why)
    : AssessmentEvent(AssessmentId, StepId, Actor, At)
{
    public override string Action => "step.removed";

    public override string? OldValue => Assessment.Name(State);

    public override string? Details => Why;
}

public sealed class StepRemovedHandler : IHandles<StepRemoved>
{
    public Notice? Notify(StepRemoved raised, EventContext context) => null;
}
