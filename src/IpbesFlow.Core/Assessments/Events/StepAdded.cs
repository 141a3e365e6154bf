namespace IpbesFlow.Assessments.Events;

/// <summary>A step the new workflow version has and the assessment did not.</summary>
public sealed record StepAdded(Guid AssessmentId, string StepId, string Actor, DateTimeOffset At, string Dates, string Why)
    : AssessmentEvent(AssessmentId, StepId, Actor, At)
{
    public override string Action => "step.added";

    public override string? NewValue => Dates;

    public override string? Details => Why;
}

public sealed class StepAddedHandler : IHandles<StepAdded>
{
    public Notice? Notify(StepAdded raised, EventContext context) => null;
}
