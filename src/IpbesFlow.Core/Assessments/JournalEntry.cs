namespace IpbesFlow.Assessments;

/// <summary>What happened to an assessment, who did it and when, with old and new values. Append-only, like the audit
/// log: the DbContext refuses to change or delete an entry.</summary>
public sealed class JournalEntry
{
    private JournalEntry()
    {
    }

    public long Id { get; private set; }

    public Guid AssessmentId { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string Actor { get; private set; } = string.Empty;

    public string Action { get; private set; } = string.Empty;

    public string? StepId { get; private set; }

    public string? OldValue { get; private set; }

    public string? NewValue { get; private set; }

    public string? Details { get; private set; }

    /// <summary>The same entry, not yet stored, with more said in its details (e.g. the notification it queued).</summary>
    public JournalEntry With(string more) => Record(AssessmentId, Actor, Action, StepId, OldValue, NewValue, Details is null ? more : $"{Details}; {more}", At);

    /// <summary>An event as the journal keeps it.</summary>
    public static JournalEntry Of(Events.AssessmentEvent raised) =>
        Record(raised.AssessmentId, raised.Actor, raised.Action, raised.StepId, raised.OldValue, raised.NewValue, raised.Details, raised.At);

    public static JournalEntry Record(Guid assessmentId, string actor, string action, string? stepId, string? oldValue, string? newValue, string? details, DateTimeOffset now) => new()
    {
        AssessmentId = assessmentId,
        At = now,
        Actor = actor,
        Action = action,
        StepId = stepId,
        OldValue = Clip(oldValue, MaxValueLength),
        NewValue = Clip(newValue, MaxValueLength),
        Details = Clip(details, MaxDetailsLength),
    };

    internal const int MaxValueLength = 500;
    internal const int MaxDetailsLength = 2000;

    // A record too long for its column (a review with fifty chapters listed) is shortened, never refused: the change
    // it records must not fail for it.
    private static string? Clip(string? value, int max) => value is null || value.Length <= max ? value : string.Concat(value.AsSpan(0, max - 1), "…");
}
