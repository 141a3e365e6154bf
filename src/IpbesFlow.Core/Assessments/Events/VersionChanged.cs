namespace IpbesFlow.Assessments.Events;

/// <summary>The assessment moved to another version of its workflow.</summary>
public sealed record VersionChanged(Guid AssessmentId, string Actor, DateTimeOffset At, int From, int To)
    : AssessmentEvent(AssessmentId, null, Actor, At)
{
    public override string Action => "assessment.version-changed";

    public override string? OldValue => $"v{From}";

    public override string? NewValue => $"v{To}";
}

public sealed class VersionChangedHandler : IHandles<VersionChanged>
{
    public Notice? Notify(VersionChanged raised, EventContext context) => null;
}
