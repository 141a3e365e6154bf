using IpbesFlow.Assessments.Events;
using IpbesFlow.Workflows;

namespace IpbesFlow.Notifications.Recipes;

// What the engine sends whatever the definitions say, each in a template of the same name.

/// <summary>A schedule moved: the TSU, the authors and the reviewers of the steps that moved, with each step's dates
/// before and after and why.</summary>
public sealed class ScheduleChangedRecipe : NotificationRecipe
{
    public override IReadOnlyCollection<string> Events { get; } = [ScheduleChanged.Event];

    public override async Task<IReadOnlyList<Letter>> LettersAsync(RecipeContext context, CancellationToken cancellationToken)
    {
        var payload = context.Queued.Payload<ScheduleChangePayload>();
        var changes = payload.Changes.Select(c => new ChangeModel(c.Step ?? string.Empty, context.TitleOf(c.Step), c.From ?? "-", c.To ?? "-")).ToList();
        var recipients = await Recipients.ForScheduleChangeAsync(context.Db, context.Assessment.Id, changes.ConvertAll(c => c.Step), cancellationToken);
        return [new Letter(ScheduleChanged.Event, recipients) { Reason = payload.Reason ?? string.Empty, Changes = changes }];
    }
}

/// <summary>A registration, confirmed to the person who registered, whatever the step's audience.</summary>
public sealed class RegistrationRecipe : NotificationRecipe
{
    public override IReadOnlyCollection<string> Events { get; } = [RegistrationPayload.Event];

    public override async Task<IReadOnlyList<Letter>> LettersAsync(RecipeContext context, CancellationToken cancellationToken) =>
        [new Letter(RegistrationPayload.Event, await Recipients.ForUsersAsync(context.Db, [context.Queued.Payload<RegistrationPayload>().UserId], cancellationToken))];
}

/// <summary>A review its TSU has not set up opens soon: the TSU, with the days left.</summary>
public sealed class SetUpDueRecipe : NotificationRecipe
{
    /// <summary>Its template.</summary>
    public const string Template = "review-setup-due";

    public override IReadOnlyCollection<string> Events { get; } = [SetUpNoticeDue.Event];

    public override async Task<IReadOnlyList<Letter>> LettersAsync(RecipeContext context, CancellationToken cancellationToken) =>
        [new Letter(Template, await Recipients.ForAudienceAsync(context.Db, context.Assessment.Id, context.StepId, [Audience.Tsu], cancellationToken))
        {
            DaysLeft = context.Queued.Payload<DaysLeftPayload>().DaysLeft,
        }];
}
