namespace IpbesFlow.Workflows;

/// <summary>Dates a person fixed for a step; either may be left to the planner.</summary>
public sealed record FixedDates(DateOnly? Start, DateOnly? End);

public sealed record PlanRequest
{
    /// <summary>When the assessment starts: the first steps start here.</summary>
    public required DateOnly Start { get; init; }

    /// <summary>The Plenary session that will consider it; when absent, the earliest date the workflow allows.</summary>
    public DateOnly? Plenary { get; init; }

    /// <summary>Parameter values as people write them (<c>true</c>, <c>8</c>, <c>2021-03-19</c>).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, FixedDates> Fixed { get; init; } = new Dictionary<string, FixedDates>(StringComparer.Ordinal);
}

/// <summary>One step's planned dates; <see cref="End"/> is the last day (inclusive).</summary>
public sealed record PlannedStep(string Id, StepKind Kind, string Title, IReadOnlyList<Audience> Audience, DateOnly Start, DateOnly End, int Days, bool Skipped, bool Fixed);

/// <summary>A constraint the plan cannot meet, with the steps involved and how many days are missing.</summary>
public sealed record PlanConflict(IReadOnlyList<string> Steps, int ShortfallDays, string Message);

public sealed record Plan(
    string Workflow,
    int Version,
    DateOnly Start,
    DateOnly? Plenary,
    bool PlenaryDerived,
    IReadOnlyDictionary<string, object> Parameters,
    IReadOnlyList<PlannedStep> Steps,
    IReadOnlyList<PlanConflict> Conflicts);
