using IpbesFlow.Notifications;

namespace IpbesFlow.Assessments.Events;

/// <summary>A reminder before an open step's close came (the latest one due, once).</summary>
public sealed record ReminderDue(Guid AssessmentId, string StepId, string Actor, DateTimeOffset At, int DaysBefore, int DaysLeft, string Because)
    : AssessmentEvent(AssessmentId, StepId, Actor, At)
{
    public override string Action => "step.reminder";

    public override string? NewValue => $"{DaysBefore} days before the close";

    public override string? Details => Because;
}

public sealed class ReminderDueHandler : IHandles<ReminderDue>
{
    // The days really left: after a reschedule a reminder set for 3 days before the close may go out with less than one
    // left, and saying "3 days" then would mislead.
    public Notice? Notify(ReminderDue raised, EventContext context) =>
        context.Notifies(raised.StepId, "reminder") ? new Notice("reminder", new DaysLeftPayload(raised.DaysLeft)) : null;
}
