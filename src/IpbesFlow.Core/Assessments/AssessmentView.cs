namespace IpbesFlow.Assessments;

public sealed record AssessmentSummary(Guid Id, string Title, string Workflow, int WorkflowVersion, DateOnly Start, DateOnly? Plenary, DateTimeOffset CreatedAt)
{
    /// <summary>The steps under way (open, or closed and waiting to be completed), or else the next to begin.</summary>
    public IReadOnlyList<string> Stage { get; init; } = [];

    /// <summary>The soonest instant something is due: an open step's close, else the next step's opening.</summary>
    public DateTimeOffset? NextDeadline { get; init; }

    /// <summary>What <see cref="NextDeadline"/> is the deadline of.</summary>
    public string? NextDeadlineOf { get; init; }

    /// <summary>Where the assessment's window edges fall at midnight (IANA name).</summary>
    public string TimeZone { get; init; } = WindowTimeZone.Default;
}

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

    /// <summary>The assessment as <paramref name="viewer"/> sees it at <paramref name="now"/>: each step with the actions
    /// the viewer may take on it now (the same rules as the actions themselves), overdue steps flagged.</summary>
    public static AssessmentView For(Assessment a, System.Security.Claims.ClaimsPrincipal viewer, DateTimeOffset now) => From(a) with
    {
        Steps = a.Steps.OrderBy(s => s.Ordinal).Select(s => AssessmentStepView.From(s) with
        {
            Actions = Identity.StepAuthority.ActionsFor(viewer, a.Id, s.Owner).Where(action => s.CanApply(action, out _)).Select(StepActions.Name).ToList(),
            Overdue = s.IsOverdue(now),
        }).ToList(),
        MayReschedule = Identity.StepAuthority.MayReschedule(viewer, a.Id),
    };

    /// <summary>Whether the viewer may move steps (set by <see cref="For"/>).</summary>
    public bool MayReschedule { get; init; }
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
        new(s.StepId, s.Kind.Name, s.Title, s.Owner, s.State, s.PlannedStart, s.PlannedEnd, s.Fixed, s.OpensAt, s.ClosesAt, s.StartedAt, s.EndedAt, s.ChangedAt, s.ChangedBy)
        {
            TakesComments = s.Kind.TakesComments,
            IsMeeting = s.Kind.IsMeeting,
            IsInstant = s.Kind.IsInstant,
        };

    /// <summary>The actions (kebab-case names) the viewer may take on the step now; empty unless read for a viewer.</summary>
    public IReadOnlyList<string> Actions { get; init; } = [];

    /// <summary>A human step open past its due end.</summary>
    public bool Overdue { get; init; }

    /// <summary>A review window: comments are taken while it is open.</summary>
    public bool TakesComments { get; init; }

    public bool IsMeeting { get; init; }

    /// <summary>A milestone: a day, not a span.</summary>
    public bool IsInstant { get; init; }
}

public sealed record JournalEntryView(long Id, DateTimeOffset At, string Actor, string Action, string? Step, string? OldValue, string? NewValue, string? Details);
