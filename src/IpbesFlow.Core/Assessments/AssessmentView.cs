namespace IpbesFlow.Assessments;

public sealed record AssessmentSummary(Guid Id, string Title, string Workflow, int WorkflowVersion, DateOnly Start, DateOnly? Plenary, DateTimeOffset CreatedAt);

/// <summary>One assessment as people see it. <c>Version</c> is the plan's revision: raised by each change of the plan
/// as a whole (a reschedule, a move to another workflow version); a person's action or a timer's transition changes
/// only its step. Window edges fall at midnight in <c>TimeZone</c>; every instant is given in UTC.</summary>
public sealed record AssessmentView(
    Guid Id,
    string Title,
    string Workflow,
    int WorkflowVersion,
    DateOnly Start,
    DateOnly? Plenary,
    IReadOnlyDictionary<string, string> Parameters,
    int Version,
    string TimeZone,
    IReadOnlyList<AssessmentStepView> Steps)
{
    public static AssessmentView From(Assessment a) => new(
        a.Id,
        a.Title,
        a.WorkflowId,
        a.WorkflowVersion,
        a.StartDate,
        a.PlenaryDate,
        a.Parameters,
        a.Version,
        a.TimeZone,
        a.Steps.OrderBy(s => s.Ordinal).Select(AssessmentStepView.From).ToList());
}

/// <summary>A step as people see it: planned days, the instants its window opens and closes, and what actually
/// happened (started, ended, last changed by whom).</summary>
public sealed record AssessmentStepView(
    string Id,
    string Kind,
    string Title,
    Workflows.Audience? Owner,
    StepState State,
    DateOnly Start,
    DateOnly End,
    bool Fixed,
    DateTimeOffset? OpensAt,
    DateTimeOffset? ClosesAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    DateTimeOffset? ChangedAt,
    string? ChangedBy)
{
    public static AssessmentStepView From(AssessmentStep s) =>
        new(s.StepId, s.Kind.Name, s.Title, s.Owner, s.State, s.PlannedStart, s.PlannedEnd, s.Fixed, s.OpensAt, s.ClosesAt, s.StartedAt, s.EndedAt, s.ChangedAt, s.ChangedBy);
}

public sealed record JournalEntryView(long Id, DateTimeOffset At, string Actor, string Action, string? Step, string? OldValue, string? NewValue, string? Details);
