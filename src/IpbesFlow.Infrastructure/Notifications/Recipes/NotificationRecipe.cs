using IpbesFlow.Assessments;
using IpbesFlow.Assessments.Events;
using IpbesFlow.Persistence;
using IpbesFlow.Workflows;

namespace IpbesFlow.Notifications.Recipes;

/// <summary>How one kind of queued notification becomes mail: who receives it, in which template, and what it says
/// beyond the assessment and the step (its payload, read as the record it was written as). One recipe per event; the
/// dispatcher renders each letter once per person, in their language.</summary>
public abstract class NotificationRecipe
{
    /// <summary>The notification events this recipe turns into mail (<c>opened</c>, <c>schedule-changed</c>...).</summary>
    public abstract IReadOnlyCollection<string> Events { get; }

    public abstract Task<IReadOnlyList<Letter>> LettersAsync(RecipeContext context, CancellationToken cancellationToken);

    /// <summary>The template the step's definition names for <paramref name="event"/> (<c>notify:</c>), with the people
    /// who receive it; none when the definition names none.</summary>
    protected static async Task<IReadOnlyList<Letter>> DefinedAsync(
        RecipeContext context, string @event, Func<StepDefinition, Task<IReadOnlyList<Recipient>>> recipients, Func<Letter, Letter>? with = null)
    {
        if (context.StepDefinition is not { } step || !step.Notify.TryGetValue(@event, out var template))
        {
            return [];
        }

        var letter = new Letter(template, await recipients(step));
        return [with is null ? letter : with(letter)];
    }
}

/// <summary>What a recipe reads: the queued event, its assessment, the definition version the assessment follows and
/// the step the event is about.</summary>
public sealed record RecipeContext(
    IpbesFlowDbContext Db, NotificationEvent Queued, Assessment Assessment, WorkflowDefinition? Definition, AssessmentStep? Step, DateTimeOffset Now)
{
    public StepDefinition? StepDefinition => Queued.StepId is { } id ? Definition?.FindStep(id) : null;

    public string StepId => Queued.StepId ?? string.Empty;

    /// <summary>The step's title in the definition, for steps a change names.</summary>
    public string TitleOf(string? stepId) => stepId is null ? string.Empty : Definition?.FindStep(stepId)?.Title ?? stepId;
}

/// <summary>One template for some people, with what the message says beyond the assessment and the step.</summary>
public sealed record Letter(string Template, IReadOnlyList<Recipient> Recipients)
{
    public string Reason { get; init; } = string.Empty;

    public IReadOnlyList<ChangeModel> Changes { get; init; } = [];

    public int DaysLeft { get; init; }

    /// <summary>When what the message reminds of is due, as people read it (yyyy-mm-dd HH:mm and the zone).</summary>
    public string Deadline { get; init; } = string.Empty;

    /// <summary>For a meeting's invitation, change or cancellation: the iCalendar SEQUENCE and whether it is cancelled.</summary>
    public (int Sequence, bool Cancelled)? Calendar { get; init; }

    public CandidacyModel Candidacy { get; init; } = CandidacyModel.None;

    public IReadOnlyList<NomineeModel> Nominees { get; init; } = [];

    /// <summary>Where a meeting is held, from its set-up (else the definition's place).</summary>
    public MeetingPlace? Venue { get; init; }
}

/// <summary>A meeting's venue as a message gives it: where (the address, or the link), online or not, its link.</summary>
public sealed record MeetingPlace(string Location, bool Online, string? Link);

/// <summary>Every recipe, one per notification event; and the templates the engine sends whatever the definitions say.</summary>
public static class NotificationRecipes
{
    /// <summary>Sent whatever the definitions name: without them in English, schedule changes, registrations, set-up
    /// notices, closed reviews' comments and sign-in links would reach nobody, so the service does not start without
    /// them.</summary>
    public static IReadOnlyList<string> EngineTemplates { get; } =
        [ScheduleChanged.Event, RegistrationPayload.Event, SetUpDueRecipe.Template, ClosedRecipe.CommentsReady, Identity.PendingSignInLink.Template,
         NominationPayload.Received, DisclosureReminderPayload.Event, MeetingReplyReminderPayload.Event, .. SelectionOutcomesRecipe.Templates];

    public static IReadOnlyList<NotificationRecipe> All() =>
    [
        new OpenedRecipe(), new ClosedRecipe(), new ReminderRecipe(), new AssignedRecipe(), new OverdueRecipe(), new CompletedRecipe(),
        new ReachedRecipe(), new MeetingRecipe(), new ScheduleChangedRecipe(), new RegistrationRecipe(), new SetUpDueRecipe(),
        new NominationReceivedRecipe(), new SelectionOutcomesRecipe(), new ReserveInvitedRecipe(), new DisclosureReminderRecipe(),
        new MeetingReplyReminderRecipe(),
    ];
}
