namespace IpbesFlow.Assessments.Events;

/// <summary>Something that happened to an assessment, raised by the aggregate as it happens (a step opened, a person
/// completed one, the plan moved). Before the one SaveChanges of the command that raised it, the transaction behaviour
/// writes it to the journal (<see cref="Action"/>, <see cref="OldValue"/>, <see cref="NewValue"/>,
/// <see cref="Details"/>) and lets its handler (<see cref="IHandles{TEvent}"/>, one per event) queue what
/// people are to hear of it, in the same transaction.</summary>
public abstract record AssessmentEvent(Guid AssessmentId, string? StepId, string Actor, DateTimeOffset At)
{
    /// <summary>What the journal calls it: <c>step.opened</c>, <c>step.complete</c>, <c>assessment.created</c>...</summary>
    public abstract string Action { get; }

    public virtual string? OldValue => null;

    public virtual string? NewValue => null;

    public virtual string? Details => null;
}

/// <summary>Turns one kind of event into what people are to hear of it, if anything: the notification event to queue
/// (its name, as definitions' <c>notify:</c> maps use it, and its payload). Exactly one handler per event type.</summary>
public interface IHandles<in TEvent>
    where TEvent : AssessmentEvent
{
    Notice? Notify(TEvent raised, EventContext context);
}

/// <summary>A notification to queue: its event name and its payload (a record of <c>Notifications.Payloads</c>, read back
/// as the same type by the dispatcher).</summary>
public sealed record Notice(string Event, object Payload);

/// <summary>What a handler may read: the assessment as it now is, and the definition version it follows.</summary>
public sealed class EventContext(Assessment assessment, Workflows.WorkflowDefinition? definition)
{
    public Assessment Assessment { get; } = assessment;

    public Workflows.StepDefinition? StepDefinition(string? stepId) => stepId is null ? null : definition?.FindStep(stepId);

    /// <summary>Whether the step's definition names a template for <paramref name="event"/> (<c>notify:</c>).</summary>
    public bool Notifies(string? stepId, string @event) => StepDefinition(stepId)?.Notify.ContainsKey(@event) == true;
}
