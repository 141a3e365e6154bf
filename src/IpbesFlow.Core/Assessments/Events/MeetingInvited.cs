using IpbesFlow.Notifications;

namespace IpbesFlow.Assessments.Events;

/// <summary>A meeting's participants are sent its calendar invitation.</summary>
public sealed record MeetingInvited(Guid AssessmentId, string StepId, string Actor, DateTimeOffset At, int Sequence, string? Note)
    : AssessmentEvent(AssessmentId, StepId, Actor, At)
{
    public override string Action => "step.invite";

    public override string? NewValue => $"invitation sequence {Sequence}";

    public override string? Details => Note;
}

public sealed class MeetingInvitedHandler : IHandles<MeetingInvited>
{
    public Notice? Notify(MeetingInvited raised, EventContext context) => new(MeetingEvents.Invitation, new MeetingPayload(raised.Sequence));
}
