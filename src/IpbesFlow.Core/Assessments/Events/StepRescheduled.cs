using IpbesFlow.Notifications;

namespace IpbesFlow.Assessments.Events;

/// <summary>A step's dates moved (a person moved it or one it follows, or a new workflow version did). A meeting whose
/// participants hold its invitation is sent the change, with the sequence the move raised.</summary>
public sealed record StepRescheduled(Guid AssessmentId, string StepId, string Actor, DateTimeOffset At, string From, string To, string? Why, int? StandingInvitation)
    : AssessmentEvent(AssessmentId, StepId, Actor, At)
{
    public override string Action => "step.rescheduled";

    public override string? OldValue => From;

    public override string? NewValue => To;

    public override string? Details => Why;
}

public sealed class StepRescheduledHandler : IHandles<StepRescheduled>
{
    public Notice? Notify(StepRescheduled raised, EventContext context) =>
        raised.StandingInvitation is { } sequence ? new Notice(MeetingEvents.Changed, new MeetingPayload(sequence)) : null;
}
