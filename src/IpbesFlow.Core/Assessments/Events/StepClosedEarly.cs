using IpbesFlow.Notifications;

namespace IpbesFlow.Assessments.Events;

/// <summary>The secretariat closed an open window before its close; its "closed" mail says why.</summary>
public sealed record StepClosedEarly(Guid AssessmentId, string StepId, string Actor, DateTimeOffset At, string? Note)
    : PersonActed(AssessmentId, StepId, Actor, At, StepState.Open, StepState.Closed, Note)
{
    public override StepAction Taken => StepAction.Close;
}

public sealed class StepClosedEarlyHandler : IHandles<StepClosedEarly>
{
    public Notice? Notify(StepClosedEarly raised, EventContext context) =>
        context.Notifies(raised.StepId, "closed") ? new Notice("closed", new ReasonPayload(raised.Note)) : null;
}
