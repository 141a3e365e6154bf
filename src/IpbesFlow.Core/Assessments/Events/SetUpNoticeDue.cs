using IpbesFlow.Notifications;

namespace IpbesFlow.Assessments.Events;

/// <summary>A review its TSU has not set up (chapters and a draft) opens soon: the TSU is told, whatever the definition
/// says.</summary>
public sealed record SetUpNoticeDue(Guid AssessmentId, string StepId, string Actor, DateTimeOffset At, int DaysLeft, string Because)
    : AssessmentEvent(AssessmentId, StepId, Actor, At)
{
    /// <summary>The notification's name.</summary>
    public const string Event = "setup-due";

    public override string Action => "step.setup-notice";

    public override string? NewValue => $"opens in {DaysLeft} days, not set up";

    public override string? Details => Because;
}

public sealed class SetUpNoticeDueHandler : IHandles<SetUpNoticeDue>
{
    public Notice? Notify(SetUpNoticeDue raised, EventContext context) => new(SetUpNoticeDue.Event, new DaysLeftPayload(raised.DaysLeft));
}
