namespace IpbesFlow.Assessments.Events;

/// <summary>What fell due longer ago than <see cref="After"/> when the engine gets to it (an assessment created with past
/// dates, a service down for days) is history: journaled as caught up, told to nobody. People hear of what is current:
/// a window open now, a task theirs now and not long overdue, a close or a milestone of today.</summary>
public static class CaughtUp
{
    public static readonly TimeSpan After = TimeSpan.FromDays(1);

    public const string Words = "caught up: nobody told";

    /// <summary>Whether something due at <paramref name="due"/> is still news at <paramref name="now"/>.</summary>
    public static bool IsNews(DateTimeOffset? due, DateTimeOffset now) => due is not { } at || at > now - After;
}
