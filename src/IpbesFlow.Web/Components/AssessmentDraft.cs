using System.Globalization;
using IpbesFlow.Assessments;
using IpbesFlow.Workflows;
using Microsoft.Extensions.Primitives;

namespace IpbesFlow.Web.Components;

/// <summary>What the new-assessment form holds, read from its fields as the person left them (so that a refused or
/// previewed form comes back filled in), and turned into the plan query and the create command the API takes. Empty
/// fields are "not given"; text that is not a date is passed on as it is for the command to refuse by field.</summary>
public sealed class AssessmentDraft
{
    public const string ParameterPrefix = "parameter.";
    public const string FixedStartPrefix = "fixed-start.";
    public const string FixedEndPrefix = "fixed-end.";

    public string Workflow { get; init; } = string.Empty;

    public string Title { get; init; } = string.Empty;

    public string? Start { get; init; }

    public string? Plenary { get; init; }

    public string? TimeZone { get; init; }

    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, (string? Start, string? End)> Fixed { get; init; } = new Dictionary<string, (string?, string?)>(StringComparer.Ordinal);

    /// <summary>Which of the form's two buttons was pressed.</summary>
    public bool Create { get; init; }

    public static AssessmentDraft Read(IEnumerable<KeyValuePair<string, StringValues>> form)
    {
        var fields = form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        string? Field(string name) => fields.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
        var parameters = fields.Where(f => f.Key.StartsWith(ParameterPrefix, StringComparison.Ordinal) && !string.IsNullOrWhiteSpace(f.Value))
            .ToDictionary(f => f.Key[ParameterPrefix.Length..], f => f.Value.Trim(), StringComparer.Ordinal);
        var steps = fields.Keys.Where(k => k.StartsWith(FixedStartPrefix, StringComparison.Ordinal)).Select(k => k[FixedStartPrefix.Length..])
            .Concat(fields.Keys.Where(k => k.StartsWith(FixedEndPrefix, StringComparison.Ordinal)).Select(k => k[FixedEndPrefix.Length..]))
            .Distinct(StringComparer.Ordinal);
        var @fixed = steps.Select(s => (Step: s, Start: Field(FixedStartPrefix + s), End: Field(FixedEndPrefix + s)))
            .Where(f => f.Start is not null || f.End is not null)
            .ToDictionary(f => f.Step, f => (f.Start, f.End), StringComparer.Ordinal);
        return new AssessmentDraft
        {
            Workflow = Field("workflow") ?? string.Empty,
            Title = Field("title") ?? string.Empty,
            Start = Field("start"),
            Plenary = Field("plenary"),
            TimeZone = Field("time-zone"),
            Parameters = parameters,
            Fixed = @fixed,
            Create = Field("intent") == "create",
        };
    }

    public PlanWorkflow Plan() => new(Workflow, Day(Start), Day(Plenary), null, Parameters, FixedDates());

    public CreateAssessment Command() => new(Workflow, Title, Day(Start), Day(Plenary), null, Parameters, FixedDates(), TimeZone);

    public string? ParameterValue(string name) => Parameters.TryGetValue(name, out var value) ? value : null;

    private Dictionary<string, FixedDates> FixedDates() =>
        Fixed.ToDictionary(f => f.Key, f => new FixedDates(Day(f.Value.Start), Day(f.Value.End)), StringComparer.Ordinal);

    // The browser's date inputs send yyyy-mm-dd; anything else is left out, and the command says the date is required.
    private static DateOnly? Day(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}
