namespace IpbesFlow.Assessments.Events;

/// <summary>An assessment was started from a definition, with its plan.</summary>
public sealed record AssessmentCreated(Guid AssessmentId, string Actor, DateTimeOffset At, string Workflow, string Summary)
    : AssessmentEvent(AssessmentId, null, Actor, At)
{
    public override string Action => "assessment.created";

    public override string? NewValue => Workflow;

    public override string? Details => Summary;
}

public sealed class AssessmentCreatedHandler : IHandles<AssessmentCreated>
{
    public Notice? Notify(AssessmentCreated raised, EventContext context) => null;
}
