using IpbesFlow.Notifications;

namespace IpbesFlow.Assessments.Events;

/// <summary>A step was stopped. A meeting people were invited to sends them its cancellation.</summary>
public sealed record StepCancelled(Guid AssessmentId, string StepId, string Actor, DateTimeOffset At, StepState Before, string? Note, int? CancelledInvitation)
    : PersonActed(AssessmentId, StepId, Actor, At, Before, StepState.Cancelled, Note)
{
    public override StepAction Taken => StepAction.Cancel;
}

public sealed class StepCancelledHandler : IHandles<StepCancelled>
{
    public Notice? Notify(StepCancelled raised, EventContext context) =>
        raised.CancelledInvitation is { } sequence ? new Notice(MeetingEvents.Cancelled, new MeetingPayload(sequence)) : null;
}
