namespace IpbesFlow.Assessments;

public sealed record AssessmentSummary(Guid Id, string Title, string Workflow, int WorkflowVersion, DateOnly Start, DateOnly? Plenary, DateTimeOffset CreatedAt);

public sealed record AssessmentView(
    Guid Id,
    string Title,
    string Workflow,
    int WorkflowVersion,
    DateOnly Start,
    DateOnly? Plenary,
    IReadOnlyDictionary<string, string> Parameters,
    int Version,
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
        a.Steps.OrderBy(s => s.Ordinal).Select(s => new AssessmentStepView(s.StepId, s.Kind, s.Title, s.State, s.PlannedStart, s.PlannedEnd, s.Fixed, s.OpensAt, s.ClosesAt)).ToList());
}

public sealed record AssessmentStepView(string Id, string Kind, string Title, StepState State, DateOnly Start, DateOnly End, bool Fixed, DateTimeOffset? OpensAt, DateTimeOffset? ClosesAt);

public sealed record JournalEntryView(long Id, DateTimeOffset At, string Actor, string Action, string? Step, string? OldValue, string? NewValue, string? Details);
