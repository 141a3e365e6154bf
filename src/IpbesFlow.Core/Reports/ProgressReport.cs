namespace IpbesFlow.Reports;

/// <summary>The facts a progress report on the work programme states, each taken from the records when the report is
/// generated: per assessment, what was done in the period (with dates, places and counts), where it stands, what comes
/// next; then every assessment in one table; and every count with how it was taken. A fact the records do not hold is
/// absent (an empty list, a null), never a placeholder: the templates say only what is there. Written in the model's
/// snake_case in the templates (<c>assessments[].done[].sentence_kind</c>).</summary>
public sealed record ProgressReport(string Since, string Until, string Generated, IReadOnlyList<AssessmentSection> Assessments, IReadOnlyList<ReportCount> Counts)
{
    /// <summary>Every assessment's steps as planned, for the portfolio's timeline (not written by the templates).</summary>
    public IReadOnlyList<TimelineRow> Timeline { get; init; } = [];
}

/// <summary>One assessment's row of the portfolio's timeline: its steps' planned days, and its Plenary.</summary>
public sealed record TimelineRow(string Title, DateOnly? Plenary, IReadOnlyList<TimelineBar> Bars);

/// <summary>A step on the timeline: <c>Kind</c> is the step kind's name (review, meeting, ...).</summary>
public sealed record TimelineBar(string Title, string Kind, DateOnly Start, DateOnly End);

public sealed record AssessmentSection(
    string Title, string Workflow, string Stage, string Plenary, IReadOnlyList<DoneStep> Done, IReadOnlyList<NextStep> Next, string NextMilestone);

/// <summary>A step ended in the period. <c>Kind</c> says which sentence it gets: <c>review</c> (with its counts),
/// <c>meeting</c> (with its place), <c>call</c> (with its nominations), <c>selection</c> (with the experts selected),
/// <c>approval</c> (with the decision), <c>step</c>.</summary>
public sealed record DoneStep(
    string Kind, string Title, string Start, string End, string Place, bool Online, int Comments, int Reviewers, int Governments, int Organisations,
    int Candidates, int Approved, int Selected, string Decision, int Participants, int Attended);

public sealed record NextStep(string Title, string Start, string End);

/// <summary>A number the report states, and how it was counted.</summary>
public sealed record ReportCount(string Assessment, string What, int Value, string How);
