namespace IpbesFlow.Assessments;

/// <summary>Where a step is in its lifecycle: pending -> scheduled -> open -> closed -> completed, or skipped /
/// cancelled. Windows (calls, reviews) and meetings open and close on their stored instants; human steps (selection,
/// approval, task) open on theirs and are completed by a person.</summary>
public enum StepState
{
    /// <summary>Known but without dates (kept for steps whose dates wait on a decision; plans give every step dates).</summary>
    Pending,

    /// <summary>Dated, waiting for its opening instant.</summary>
    Scheduled,
    Open,

    /// <summary>A window or meeting whose end has passed; the TSU completes it once its follow-up is done.</summary>
    Closed,
    Completed,
    Skipped,
    Cancelled,
}
