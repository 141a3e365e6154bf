using IpbesFlow.Notifications;

namespace IpbesFlow.Assessments.Events;

/// <summary>A person completed a step (the Plenary's approval with its decision). A human step whose definition says so
/// announces it (the MEP's selection, the Plenary's approval).</summary>
public sealed record StepCompleted(Guid AssessmentId, string StepId, string Actor, DateTimeOffset At, StepState Before, string? Note, bool Human, string? Decision, DateOnly? DecidedOn)
    : PersonActed(AssessmentId, StepId, Actor, At, Before, StepState.Completed, Note)
{
    /// <summary>The notification's name, as definitions' <c>notify:</c> maps use it.</summary>
    public const string Event = "completed";

    public override StepAction Taken => StepAction.Complete;

    public override string? Details => Decision is null ? Note : $"decision {Decision} of {DecidedOn:yyyy-MM-dd}" + (Note is null ? string.Empty : $"; {Note}");
}

public sealed class StepCompletedHandler : IHandles<StepCompleted>
{
    public Notice? Notify(StepCompleted raised, EventContext context) =>
        raised.Human && context.Notifies(raised.StepId, StepCompleted.Event) ? new Notice(StepCompleted.Event, new NoPayload()) : null;
}
