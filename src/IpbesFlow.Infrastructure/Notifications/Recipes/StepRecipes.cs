using IpbesFlow.Assessments.Events;
using IpbesFlow.Workflows;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Notifications.Recipes;

// The news of a step, each in the template its definition names for the event (notify:), to the people the event
// concerns: a window's news to its audience, a human step's to whoever acts on it.

/// <summary>A window opened: its audience and the TSU, and for an external review or call the focal points,
/// organisations and people who asked to be told of reviews, so that they register.</summary>
public sealed class OpenedRecipe : NotificationRecipe
{
    public override IReadOnlyCollection<string> Events { get; } = ["opened"];

    public override Task<IReadOnlyList<Letter>> LettersAsync(RecipeContext context, CancellationToken cancellationToken) =>
        DefinedAsync(context, "opened", step => step.Kind.RequiresAudience
            ? Recipients.ForOpeningAsync(context.Db, context.Assessment.Id, step.Id, step.Audience, cancellationToken)
            : Recipients.ForAudienceAsync(context.Db, context.Assessment.Id, step.Id, step.Audience, cancellationToken));
}

/// <summary>A window closed (by its clock, or early by the secretariat, saying why): its audience; and a review with
/// comments sends them to the authors and review editors to answer, the TSU following.</summary>
public sealed class ClosedRecipe : NotificationRecipe
{
    /// <summary>The template of the comments sent to the authors, review editors and TSU when a review with comments
    /// closes.</summary>
    public const string CommentsReady = "review-comments-ready";

    public override IReadOnlyCollection<string> Events { get; } = ["closed"];

    public override async Task<IReadOnlyList<Letter>> LettersAsync(RecipeContext context, CancellationToken cancellationToken)
    {
        var reason = context.Queued.Payload<ReasonPayload>().Reason ?? string.Empty;
        var letters = (await DefinedAsync(context, "closed",
            step => Recipients.ForAudienceAsync(context.Db, context.Assessment.Id, step.Id, step.Audience, cancellationToken),
            letter => letter with { Reason = reason })).ToList();
        if (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(
                context.Db.ReviewComments, c => c.AssessmentId == context.Assessment.Id && c.StepId == context.StepId, cancellationToken))
        {
            letters.Add(new Letter(CommentsReady,
                await Recipients.ForAudienceAsync(context.Db, context.Assessment.Id, context.StepId, [Audience.Authors, Audience.ReviewEditors, Audience.Tsu], cancellationToken)));
        }

        return letters;
    }
}

/// <summary>A reminder before a close: a window's audience, or whoever acts on a human step; with the days really left.</summary>
public sealed class ReminderRecipe : NotificationRecipe
{
    public override IReadOnlyCollection<string> Events { get; } = ["reminder"];

    public override Task<IReadOnlyList<Letter>> LettersAsync(RecipeContext context, CancellationToken cancellationToken)
    {
        var daysLeft = context.Queued.Payload<DaysLeftPayload>().DaysLeft;
        return DefinedAsync(context, "reminder",
            step => Recipients.ForAudienceAsync(context.Db, context.Assessment.Id, step.Id, step.Kind.IsHuman && step.Owner is { } owner ? [owner] : step.Audience, cancellationToken),
            letter => letter with { DaysLeft = daysLeft });
    }
}

/// <summary>A human step became its owner's.</summary>
public sealed class AssignedRecipe : NotificationRecipe
{
    public override IReadOnlyCollection<string> Events { get; } = ["assigned"];

    public override Task<IReadOnlyList<Letter>> LettersAsync(RecipeContext context, CancellationToken cancellationToken) =>
        DefinedAsync(context, "assigned", step => Recipients.ForAudienceAsync(context.Db, context.Assessment.Id, step.Id, Owner(step), cancellationToken));

    internal static IReadOnlyList<Audience> Owner(StepDefinition step) => step.Owner is { } owner ? [owner] : step.Audience;
}

/// <summary>A human step is late: its owner, and the TSU.</summary>
public sealed class OverdueRecipe : NotificationRecipe
{
    public override IReadOnlyCollection<string> Events { get; } = ["overdue"];

    public override Task<IReadOnlyList<Letter>> LettersAsync(RecipeContext context, CancellationToken cancellationToken) =>
        DefinedAsync(context, "overdue", step => Recipients.ForAudienceAsync(context.Db, context.Assessment.Id, step.Id, [.. AssignedRecipe.Owner(step), Audience.Tsu], cancellationToken));
}

/// <summary>A human step was completed (the MEP's selection, the Plenary's approval): news for its owner and the
/// assessment's team, and for its audience.</summary>
public sealed class CompletedRecipe : NotificationRecipe
{
    public override IReadOnlyCollection<string> Events { get; } = [StepCompleted.Event];

    public override Task<IReadOnlyList<Letter>> LettersAsync(RecipeContext context, CancellationToken cancellationToken) =>
        DefinedAsync(context, StepCompleted.Event, step => Recipients.ForAudienceAsync(context.Db, context.Assessment.Id, step.Id,
            [.. new[] { Audience.Authors, Audience.ReviewEditors, Audience.Tsu }.Concat(AssignedRecipe.Owner(step)).Concat(step.Audience).Distinct()], cancellationToken));
}

/// <summary>A milestone's day came: its audience.</summary>
public sealed class ReachedRecipe : NotificationRecipe
{
    public override IReadOnlyCollection<string> Events { get; } = ["reached"];

    public override Task<IReadOnlyList<Letter>> LettersAsync(RecipeContext context, CancellationToken cancellationToken) =>
        DefinedAsync(context, "reached", step => Recipients.ForAudienceAsync(context.Db, context.Assessment.Id, step.Id, step.Audience, cancellationToken));
}

/// <summary>A meeting's invitation, its change, its cancellation, with the calendar entry at the sequence people are
/// sent: to its participants once its TSU has set it up (not to those who declined or were taken off the list), else to
/// its audience; saying where it is held, from the set-up when there is one.</summary>
public sealed class MeetingRecipe : NotificationRecipe
{
    public override IReadOnlyCollection<string> Events { get; } = [MeetingEvents.Invitation, MeetingEvents.Changed, MeetingEvents.Cancelled];

    public override async Task<IReadOnlyList<Letter>> LettersAsync(RecipeContext context, CancellationToken cancellationToken)
    {
        var sequence = context.Queued.Payload<MeetingPayload>().Sequence;
        var venue = await context.Db.MeetingVenues.AsNoTracking().FirstOrDefaultAsync(v => v.AssessmentId == context.Assessment.Id && v.StepId == context.StepId, cancellationToken);
        var listed = venue is not null && await context.Db.MeetingParticipants.AnyAsync(p => p.AssessmentId == context.Assessment.Id && p.StepId == context.StepId, cancellationToken);
        var hearing = listed
            ? await context.Db.MeetingParticipants.AsNoTracking()
                .Where(p => p.AssessmentId == context.Assessment.Id && p.StepId == context.StepId)
                .Where(Meetings.MeetingParticipant.HearsOfChanges)
                .Select(p => p.UserId)
                .ToListAsync(cancellationToken)
            : [];
        return await DefinedAsync(context, context.Queued.Event,
            step => listed ? Recipients.ForUsersAsync(context.Db, hearing, cancellationToken) : Recipients.ForAudienceAsync(context.Db, context.Assessment.Id, step.Id, step.Audience, cancellationToken),
            letter => letter with
            {
                Calendar = (sequence, context.Queued.Event == MeetingEvents.Cancelled),
                Venue = venue is null ? null : new MeetingPlace(venue.Location, venue.Mode == MeetingMode.Online, venue.OnlineLink),
            });
    }
}
