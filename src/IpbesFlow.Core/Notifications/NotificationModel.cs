using System.Globalization;
using IpbesFlow.Assessments;

namespace IpbesFlow.Notifications;

/// <summary>What templates may use, and nothing else: <c>recipient</c>, <c>assessment</c>, <c>step</c>, <c>links</c>,
/// <c>reminder</c>, <c>meeting</c>, <c>reason</c> and <c>changes</c> (a list of step, title, from, to). Dates are
/// written yyyy-mm-dd, the same in every language; a window's edges fall at midnight in <c>step.time_zone</c>.</summary>
public static class NotificationModel
{
    public static IReadOnlyList<string> Variables { get; } =
    [
        "recipient.name", "recipient.email", "recipient.language", "assessment.id", "assessment.title", "assessment.workflow",
        "step.id", "step.title", "step.kind", "step.start", "step.end", "step.time_zone", "links.assessment", "links.step", "reminder.days_left",
        "meeting.place", "meeting.link", "meeting.online", "reason", "changes[].step", "changes[].title", "changes[].from", "changes[].to",
    ];

    /// <summary>Every variable with a value, for checking templates.</summary>
    public static IReadOnlyDictionary<string, object?> Sample { get; } = Build(
        ("Sample Person", "sample@example.org", "en"),
        Guid.Empty,
        "Sample assessment",
        "thematic-assessment",
        ("fod-review", "First-order draft review", "review", new DateOnly(2019, 7, 29), new DateOnly(2019, 9, 22), "Europe/Berlin"),
        "https://ipbesflow.example.org",
        reason: "sample reason",
        changes: [("fod-review", "First-order draft review", "2019-07-29..2019-09-22", "2019-08-05..2019-09-29")],
        reminderDaysLeft: 14,
        meeting: ("Bonn", "https://meet.example.org/sample", true));

    public static IReadOnlyDictionary<string, object?> Build(
        (string Name, string Email, string Language) recipient,
        Guid assessmentId,
        string assessmentTitle,
        string workflow,
        (string Id, string Title, string Kind, DateOnly Start, DateOnly End, string TimeZone)? step,
        string publicUrl,
        string? reason = null,
        IReadOnlyList<(string Step, string Title, string? From, string? To)>? changes = null,
        int? reminderDaysLeft = null,
        (string? Place, string? Link, bool Online)? meeting = null)
    {
        var baseUrl = publicUrl.TrimEnd('/');
        var model = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["recipient"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["name"] = recipient.Name, ["email"] = recipient.Email, ["language"] = recipient.Language },
            ["assessment"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["id"] = assessmentId.ToString(), ["title"] = assessmentTitle, ["workflow"] = workflow },
            ["links"] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["assessment"] = $"{baseUrl}/assessments/{assessmentId}",
                ["step"] = step is { } s ? $"{baseUrl}/assessments/{assessmentId}/steps/{s.Id}" : $"{baseUrl}/assessments/{assessmentId}",
            },
            ["reason"] = reason ?? string.Empty,
            ["changes"] = (changes ?? []).Select(c => new Dictionary<string, object?>(StringComparer.Ordinal) { ["step"] = c.Step, ["title"] = c.Title, ["from"] = c.From ?? "-", ["to"] = c.To ?? "-" }).ToList(),
            ["reminder"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["days_left"] = reminderDaysLeft ?? 0 },
            ["meeting"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["place"] = meeting?.Place ?? string.Empty, ["link"] = meeting?.Link ?? string.Empty, ["online"] = meeting?.Online ?? false },
        };
        if (step is { } st)
        {
            model["step"] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["id"] = st.Id,
                ["title"] = st.Title,
                ["kind"] = st.Kind,
                ["start"] = st.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["end"] = st.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["time_zone"] = st.TimeZone,
            };
        }
        else
        {
            model["step"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["id"] = string.Empty, ["title"] = string.Empty, ["kind"] = string.Empty, ["start"] = string.Empty, ["end"] = string.Empty, ["time_zone"] = string.Empty };
        }

        return model;
    }

    /// <summary>A step as templates see it; its window's edges fall at midnight in the assessment's time zone.</summary>
    public static (string Id, string Title, string Kind, DateOnly Start, DateOnly End, string TimeZone) Step(AssessmentStep step, string timeZone) =>
        (step.StepId, step.Title, step.Kind.Name, step.PlannedStart, step.PlannedEnd, timeZone);
}
