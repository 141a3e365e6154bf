using System.Globalization;
using System.Reflection;
using IpbesFlow.Assessments;

namespace IpbesFlow.Notifications;

/// <summary>What a template sees, and nothing else, written in it in snake_case (<c>recipient.name</c>,
/// <c>step.time_zone</c>, <c>reminder.days_left</c>, <c>changes[].from</c>). Dates are written yyyy-mm-dd, the same in
/// every language; a window's edges fall at midnight in <c>step.time_zone</c>. A part a message does not need is empty,
/// never missing.</summary>
public sealed record MailModel
{
    public required RecipientModel Recipient { get; init; }

    public AssessmentModel Assessment { get; init; } = AssessmentModel.None;

    public StepModel Step { get; init; } = StepModel.None;

    public LinksModel Links { get; init; } = LinksModel.None;

    public ReminderModel Reminder { get; init; } = ReminderModel.None;

    public MeetingModel Meeting { get; init; } = MeetingModel.None;

    /// <summary>Why a person did what the message reports (a reschedule, a window closed early), or empty.</summary>
    public string Reason { get; init; } = string.Empty;

    public IReadOnlyList<ChangeModel> Changes { get; init; } = [];

    public SignInModel SignIn { get; init; } = SignInModel.None;

    /// <summary>A candidate's application or outcome, in a message about one (to the candidate, or to a body).</summary>
    public CandidacyModel Candidacy { get; init; } = CandidacyModel.None;

    /// <summary>A nominating body's nominees and their outcomes, when a selection completes.</summary>
    public IReadOnlyList<NomineeModel> Nominees { get; init; } = [];
}

/// <summary>One candidate's application to a call: who nominates them, the body's deadline (yyyy-mm-dd HH:mm in the
/// step's zone) and, once the selection has completed, the outcome (<c>selected</c>, <c>reserve</c>,
/// <c>not-selected</c>) with the role and chapter.</summary>
public sealed record CandidacyModel(string Candidate, string Body, string Deadline, string Outcome, string Role, string Chapter)
{
    public static readonly CandidacyModel None = new(string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty);
}

/// <summary>A nominee of a body and their outcome.</summary>
public sealed record NomineeModel(string Name, string Outcome, string Role, string Chapter);

public sealed record RecipientModel(string Name, string Email, string Language);

public sealed record AssessmentModel(string Id, string Title, string Workflow)
{
    public static readonly AssessmentModel None = new(string.Empty, string.Empty, string.Empty);
}

/// <summary>A step as templates see it; its window's edges fall at midnight in <see cref="TimeZone"/>.</summary>
public sealed record StepModel(string Id, string Title, string Kind, string Start, string End, string TimeZone)
{
    public static readonly StepModel None = new(string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty);

    public static StepModel Of(AssessmentStep step, string timeZone) => new(
        step.StepId, step.Title, step.Kind.Name, NotificationModel.Date(step.PlannedStart), NotificationModel.Date(step.PlannedEnd), timeZone);
}

/// <summary>Where the message's pages are: the assessment, and the step the message is about.</summary>
public sealed record LinksModel(string Assessment, string Step)
{
    public static readonly LinksModel None = new(string.Empty, string.Empty);

    public static LinksModel For(string publicUrl, Guid assessmentId, string? stepId)
    {
        var assessment = $"{publicUrl.TrimEnd('/')}/assessments/{assessmentId}";
        return new(assessment, stepId is null ? assessment : $"{assessment}/steps/{stepId}");
    }
}

/// <summary>A reminder: the whole days left, and the instant something is due (yyyy-mm-dd HH:mm and the zone) when it
/// names one.</summary>
public sealed record ReminderModel(int DaysLeft, string Deadline)
{
    public static readonly ReminderModel None = new(0, string.Empty);
}

public sealed record MeetingModel(string Place, string Link, bool Online)
{
    public static readonly MeetingModel None = new(string.Empty, string.Empty, false);
}

/// <summary>One step of a schedule change: its dates before and after (<c>-</c> for a step added or removed).</summary>
public sealed record ChangeModel(string Step, string Title, string From, string To);

/// <summary>A sign-in link and when it stops working (UTC).</summary>
public sealed record SignInModel(string Link, string ExpiresAt)
{
    public static readonly SignInModel None = new(string.Empty, string.Empty);
}

/// <summary>The variables <see cref="MailModel"/> gives templates, read from its types (so that the check of templates
/// and the model cannot disagree), and a sample with every one of them set.</summary>
public static class NotificationModel
{
    /// <summary>The types a template reaches (for the renderer to allow member access to them, and no others).</summary>
    public static IReadOnlyList<Type> Types { get; } = [typeof(MailModel), .. typeof(MailModel).GetProperties().Select(p => ElementOf(p.PropertyType) ?? p.PropertyType).Where(t => t != typeof(string)).Distinct()];

    public static IReadOnlyList<string> Variables { get; } = [.. Paths(typeof(MailModel), prefix: null)];

    /// <summary>Every variable with a value, for checking templates.</summary>
    public static MailModel Sample { get; } = new()
    {
        Recipient = new("Sample Person", "sample@example.org", "en"),
        Assessment = new(Guid.Empty.ToString(), "Sample assessment", "thematic-assessment"),
        Step = new("fod-review", "First-order draft review", "review", "2019-07-29", "2019-09-22", "Europe/Berlin"),
        Links = LinksModel.For("https://ipbesflow.example.org", Guid.Empty, "fod-review"),
        Reminder = new(14, "2019-10-07 00:00 Europe/Madrid"),
        Meeting = new("Bonn", "https://meet.example.org/sample", true),
        Reason = "sample reason",
        Changes = [new("fod-review", "First-order draft review", "2019-07-29..2019-09-22", "2019-08-05..2019-09-29")],
        SignIn = new("https://ipbesflow.example.org/sign-in?token=sample", "2019-07-30 09:00"),
        Candidacy = new("Sample Candidate", "Government of KE", "2019-10-29 00:00", "selected", "lead-author", "3"),
        Nominees = [new("Sample Candidate", "selected", "lead-author", "3"), new("Other Candidate", "reserve", string.Empty, string.Empty)],
    };

    public static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A property's name as templates write it: <c>TimeZone</c> is <c>time_zone</c>.</summary>
    public static string SnakeCase(string name) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(name);

    private static IEnumerable<string> Paths(Type type, string? prefix)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = prefix is null ? SnakeCase(property.Name) : $"{prefix}.{SnakeCase(property.Name)}";
            var element = ElementOf(property.PropertyType);
            var inner = element ?? property.PropertyType;
            var path = element is null ? name : name + "[]";
            if (inner == typeof(string) || inner.IsValueType)
            {
                yield return path;
                continue;
            }

            foreach (var nested in Paths(inner, path))
            {
                yield return nested;
            }
        }
    }

    private static Type? ElementOf(Type type) =>
        type != typeof(string) && type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? type.GetGenericArguments()[0] : null;
}
