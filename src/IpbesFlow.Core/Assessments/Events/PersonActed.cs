namespace IpbesFlow.Assessments.Events;

/// <summary>A person took an action on a step (start, complete, skip, cancel, close): journaled with the state before
/// and after and what they said.</summary>
public abstract record PersonActed(Guid AssessmentId, string StepId, string Actor, DateTimeOffset At, StepState Before, StepState After, string? Note)
    : AssessmentEvent(AssessmentId, StepId, Actor, At)
{
    public abstract StepAction Taken { get; }

    public override string Action => "step." + StepActions.Name(Taken);

    public override string? OldValue => Assessment.Name(Before);

    public override string? NewValue => Assessment.Name(After);

    public override string? Details => Note;
}

/// <summary>The secretariat started a human step before its date.</summary>
public sealed record StepStarted(Guid AssessmentId, string StepId, string Actor, DateTimeOffset At, StepState Before, string? Note)
    : PersonActed(AssessmentId, StepId, Actor, At, Before, StepState.Open, Note)
{
    public override StepAction Taken => StepAction.Start;
}

public sealed class StepStartedHandler : IHandles<StepStarted>
{
    public Notice? Notify(StepStarted raised, EventContext context) => null;
}

/// <summary>A step was left out before it began.</summary>
public sealed record StepSkipped(Guid AssessmentId, string StepId, string Actor, DateTimeOffset At, StepState Before, string? Note)
    : PersonActed(AssessmentId, StepId, Actor, At, Before, StepState.Skipped, Note)
{
    public override StepAction Taken => StepAction.Skip;
}

public sealed class StepSkippedHandler : IHandles<StepSkipped>
{
    public Notice? Notify(StepSkipped raised, EventContext context) => null;
}
