namespace IpbesFlow.Assessments.Events;

/// <summary>The assessment's window edges are given in another time zone.</summary>
public sealed record TimeZoneChanged(Guid AssessmentId, string Actor, DateTimeOffset At, string From, string To, string Reason)
    : AssessmentEvent(AssessmentId, null, Actor, At)
{
    public override string Action => "assessment.time-zone";

    public override string? OldValue => From;

    public override string? NewValue => To;

    public override string? Details => Reason;
}

public sealed class TimeZoneChangedHandler : IHandles<TimeZoneChanged>
{
    public Notice? Notify(TimeZoneChanged raised, EventContext context) => null;
}
