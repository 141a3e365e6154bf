using IpbesFlow.Notifications;

namespace IpbesFlow.Assessments.Events;

/// <summary>The plan moved: the people whose work moved are told, once, with every step's old and new dates.</summary>
public sealed record ScheduleChanged(Guid AssessmentId, string? StepId, string Actor, DateTimeOffset At, string Reason, IReadOnlyList<ScheduleChangePayload.Change> Changes)
    : AssessmentEvent(AssessmentId, StepId, Actor, At)
{
    /// <summary>The notification's name, and its template's.</summary>
    public const string Event = "schedule-changed";

    public override string Action => "schedule.changed";

    public override string? NewValue => $"{Changes.Count} step(s) moved";

    public override string? Details => Reason;
}

public sealed class ScheduleChangedHandler : IHandles<ScheduleChanged>
{
    public Notice? Notify(ScheduleChanged raised, EventContext context) => new(ScheduleChanged.Event, new ScheduleChangePayload(raised.Reason, raised.Changes));
}
