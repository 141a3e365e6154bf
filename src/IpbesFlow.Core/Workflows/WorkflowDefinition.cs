namespace IpbesFlow.Workflows;

/// <summary>What kind of deliverable a workflow produces.</summary>
public enum DeliverableKind
{
    Scoping,
    Thematic,
    Methodological,
    Deliverable,
}

/// <summary>A versioned workflow template loaded from <c>workflows/*.yaml</c>. The MEP creates assessments from it;
/// an assessment pins the <see cref="Version"/> it was created from.</summary>
public sealed record WorkflowDefinition
{
    public required string Id { get; init; }

    public required int Version { get; init; }

    public required string Title { get; init; }

    public required DeliverableKind Kind { get; init; }

    public string? Description { get; init; }

    /// <summary>UN language codes every notification template must exist in; English is always among them.</summary>
    public required IReadOnlyList<string> Languages { get; init; }

    public required IReadOnlyList<ParameterDefinition> Parameters { get; init; }

    /// <summary>Steps in the order the file lists them (the order of a Gantt chart).</summary>
    public required IReadOnlyList<StepDefinition> Steps { get; init; }

    /// <summary>The file it was loaded from, as given to the loader.</summary>
    public required string SourceFile { get; init; }

    public StepDefinition? FindStep(string id) => Steps.FirstOrDefault(s => string.Equals(s.Id, id, StringComparison.Ordinal));

    /// <summary>The call for nominations a selection chooses from: the one it comes after.</summary>
    public StepDefinition? CallSelectedBy(string selectionStepId) =>
        FindStep(selectionStepId) is { Kind.SelectsExperts: true } selection
            ? selection.After.Select(FindStep).FirstOrDefault(s => s is { IsCallForNominations: true })
            : null;

    /// <summary>The selection that chooses from a call for nominations.</summary>
    public StepDefinition? SelectionOf(string callStepId) =>
        Steps.FirstOrDefault(s => s.Kind.SelectsExperts && CallSelectedBy(s.Id)?.Id == callStepId);

    public ParameterDefinition? FindParameter(string name) => Parameters.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal));
}

[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "Named as workflow files write them: type: int, type: string.")]
public enum ParameterType
{
    Date,
    Bool,
    Int,
    String,
    Enum,
}

/// <summary>A value the MEP sets when it creates an assessment, e.g. whether the additional SPM government review runs.</summary>
public sealed record ParameterDefinition
{
    public required string Name { get; init; }

    public required ParameterType Type { get; init; }

    public string? Description { get; init; }

    /// <summary>Typed default (<see cref="DateOnly"/>, <see cref="bool"/>, <see cref="int"/> or <see cref="string"/>); null when the value is required.</summary>
    public object? Default { get; init; }

    public int? Min { get; init; }

    public int? Max { get; init; }

    /// <summary>The allowed values of an enum parameter.</summary>
    public IReadOnlyList<string> Values { get; init; } = [];

    /// <summary>The default as a person writes it (<c>true</c>, <c>8</c>, <c>2021-03-19</c>).</summary>
    public string? FormatDefault() => Default switch
    {
        null => null,
        bool flag => flag ? "true" : "false",
        DateOnly date => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        int number => number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => Default.ToString(),
    };

    /// <summary>Parses a value written by a person (CLI, API) into this parameter's type; null with a reason when it does not fit.</summary>
    public object? Parse(string text, out string? problem)
    {
        problem = null;
        switch (Type)
        {
            case ParameterType.Bool when bool.TryParse(text, out var flag):
                return flag;
            case ParameterType.Int when int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var number):
                if (number < Min || number > Max)
                {
                    problem = $"{number} is outside {Min}..{Max}";
                    return null;
                }

                return number;
            case ParameterType.Date when DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date):
                return date;
            case ParameterType.String:
                return text;
            case ParameterType.Enum when Values.Contains(text, StringComparer.Ordinal):
                return text;
            case ParameterType.Enum:
                problem = $"'{text}' is not one of {string.Join(", ", Values)}";
                return null;
            default:
                problem = $"'{text}' is not a {Type.ToString().ToLowerInvariant()}{(Type == ParameterType.Date ? " (yyyy-mm-dd)" : string.Empty)}";
                return null;
        }
    }
}

/// <summary>One step of a workflow: a window, a meeting, a decision or a milestone, with how its dates are planned.</summary>
public sealed record StepDefinition
{
    public required string Id { get; init; }

    public required StepKind Kind { get; init; }

    public required string Title { get; init; }

    public string? Description { get; init; }

    /// <summary>Steps that must end before this one starts.</summary>
    public IReadOnlyList<string> After { get; init; } = [];

    /// <summary>Time between the end of <see cref="After"/> and this step's start.</summary>
    public DurationSpec Lag { get; init; } = DurationSpec.Zero;

    /// <summary>Null only for a step whose start and end are both anchored.</summary>
    public DurationSpec? Duration { get; init; }

    /// <summary>Pins the first day.</summary>
    public Anchor? Start { get; init; }

    /// <summary>Pins the last day (e.g. final government review ends 2w before plenary).</summary>
    public Anchor? End { get; init; }

    /// <summary>The last day may not be later than this (e.g. final drafts 12w before plenary); a conflict otherwise.</summary>
    public Anchor? Deadline { get; init; }

    public Condition? When { get; init; }

    public IReadOnlyList<Audience> Audience { get; init; } = [];

    public IReadOnlyList<string> Documents { get; init; } = [];

    /// <summary>How long before the end a reminder goes out.</summary>
    public IReadOnlyList<DurationSpec> Reminders { get; init; } = [];

    /// <summary>Event (opened, reminder, closed, invitation, ...) to notification template name.</summary>
    public IReadOnlyDictionary<string, string> Notify { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Who acts on a human step (selection, approval, task).</summary>
    public Audience? Owner { get; init; }

    public MeetingMode? Mode { get; init; }

    public string? Place { get; init; }

    /// <summary>For a review: its comments and the authors' responses are published once the Plenary has approved the
    /// assessment (the external reviews). An internal review (the zero-order draft's) never is.</summary>
    public bool Publish { get; init; }

    /// <summary>For a call for nominations: how long after the call's close its nominating bodies may still approve or
    /// decline applications (IPBES gives about two weeks). A call without it takes no applications.</summary>
    public DurationSpec? NominatorsGrace { get; init; }

    /// <summary>For a selection: the largest share (percent) of the selected experts nominated by organisations; the rest
    /// come from governments' nominations. Null means the IPBES rule, <see cref="DefaultOrganisationShare"/>.</summary>
    public int? OrganisationShare { get; init; }

    public const int DefaultOrganisationShare = 20;

    public bool IsCallForNominations => Kind.TakesNominations && NominatorsGrace is not null;

    /// <summary>Where the step's <c>id</c> stands in its file, for messages.</summary>
    public SourceLocation Location { get; init; }
}

/// <summary>Groups of people a step speaks to or who act on it.</summary>
public enum Audience
{
    Experts,
    Governments,
    Stakeholders,
    Authors,
    ReviewEditors,
    Mep,
    Bureau,
    Tsu,
    Plenary,
}

public enum MeetingMode
{
    Online,
    InPerson,
    Hybrid,
}
