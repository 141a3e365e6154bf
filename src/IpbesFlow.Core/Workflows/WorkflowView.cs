namespace IpbesFlow.Workflows;

public sealed record WorkflowSummary(string Id, int Version, string Title, DeliverableKind Kind, string? Description, int Steps, IReadOnlyList<string> Parameters)
{
    public static WorkflowSummary From(WorkflowDefinition d) => new(d.Id, d.Version, d.Title, d.Kind, d.Description, d.Steps.Count, d.Parameters.Select(p => p.Name).ToList());
}

/// <summary>A definition as the API shows it: durations and anchors written as in the file (<c>8w</c>, <c>12w before plenary</c>).</summary>
public sealed record WorkflowView(
    string Id,
    int Version,
    string Title,
    DeliverableKind Kind,
    string? Description,
    IReadOnlyList<string> Languages,
    IReadOnlyList<ParameterView> Parameters,
    IReadOnlyList<StepView> Steps)
{
    public static WorkflowView From(WorkflowDefinition d) => new(
        d.Id,
        d.Version,
        d.Title,
        d.Kind,
        d.Description,
        d.Languages,
        d.Parameters.Select(p => new ParameterView(p.Name, p.Type, p.Description, p.FormatDefault(), p.Min, p.Max, p.Values)).ToList(),
        d.Steps.Select(s => new StepView(
            s.Id,
            s.Kind.Name,
            s.Title,
            s.Description,
            s.After,
            s.Lag.Amount == 0 ? null : s.Lag.ToString(),
            s.Duration?.ToString(),
            s.Start?.ToString(),
            s.End?.ToString(),
            s.Deadline?.ToString(),
            s.When?.ToString(),
            s.Audience,
            s.Documents,
            s.Reminders.Select(r => r.ToString()).ToList(),
            s.Notify,
            s.Owner,
            s.Mode,
            s.Place)).ToList());
}

public sealed record ParameterView(string Name, ParameterType Type, string? Description, string? Default, int? Min, int? Max, IReadOnlyList<string> Values);

public sealed record StepView(
    string Id,
    string Kind,
    string Title,
    string? Description,
    IReadOnlyList<string> After,
    string? Lag,
    string? Duration,
    string? Start,
    string? End,
    string? Deadline,
    string? When,
    IReadOnlyList<Audience> Audience,
    IReadOnlyList<string> Documents,
    IReadOnlyList<string> Reminders,
    IReadOnlyDictionary<string, string> Notify,
    Audience? Owner,
    MeetingMode? Mode,
    string? Place);
