using IpbesFlow.Notifications;

namespace IpbesFlow.Assessments.Events;

/// <summary>A human step is still open at its due end (reported once).</summary>
public sealed record StepOverdue(Guid AssessmentId, string StepId, string Actor, DateTimeOffset At, string Because, bool IsNews)
    : AssessmentEvent(AssessmentId, StepId, Actor, At)
{
    public override string Action => "step.overdue";

    public override string? NewValue => "overdue";

    public override string? Details => IsNews ? Because : $"{Because}; {CaughtUp.Words}";
}

public sealed class StepOverdueHandler : IHandles<StepOverdue>
{
    public Notice? Notify(StepOverdue raised, EventContext context) =>
        raised.IsNews && context.Notifies(raised.StepId, "overdue") ? new Notice("overdue", new NoPayload()) : null;
}
