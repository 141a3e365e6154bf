using IpbesFlow.Assessments;
using IpbesFlow.Configuration;
using IpbesFlow.Mail;
using IpbesFlow.Notifications.Recipes;
using IpbesFlow.Persistence;
using IpbesFlow.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IpbesFlow.Notifications;

/// <summary>Turns queued events into messages: for each event, the people concerned, each in their language, one
/// outbox row per person, written with the event marked dispatched, so an event becomes its messages exactly once,
/// whichever node takes it.</summary>
public sealed partial class NotificationDispatcher(
    IServiceScopeFactory scopes, NotificationTemplates templates, IWorkflowCatalog catalog, StorageSettings settings, TimeProvider time, ILogger<NotificationDispatcher> logger)
{
    private readonly Dictionary<string, NotificationRecipe> recipes = NotificationRecipes.All()
        .SelectMany(r => r.Events.Select(e => (Event: e, Recipe: r)))
        .ToDictionary(x => x.Event, x => x.Recipe, StringComparer.Ordinal);

    private const int BatchSize = 200;

    /// <summary>Dispatches one batch of waiting events; returns how many it took. The people and the messages are
    /// worked out outside any transaction; the write is short: each event is marked dispatched only if nobody has
    /// done it meanwhile, and its messages are added with it, so the write lock (all of SQLite's) is held briefly and
    /// an event never becomes its messages twice, even when two nodes take it at once.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IpbesFlowDbContext>();
        var events = await db.NotificationEvents.AsNoTracking().Where(e => e.DispatchedAt == null).OrderBy(e => e.Id).Take(BatchSize).ToListAsync(cancellationToken);
        if (events.Count == 0)
        {
            return 0;
        }

        var now = time.GetUtcNow();
        var assessmentIds = events.Select(e => e.AssessmentId).Distinct().ToList();
        var assessments = await db.Assessments.AsNoTracking().Where(a => assessmentIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, cancellationToken);
        var prepared = new List<(NotificationEvent Event, List<OutboxMessage> Messages)>();
        var failed = new List<(NotificationEvent Event, string Error)>();
        foreach (var queued in events)
        {
            try
            {
                prepared.Add((queued, await MessagesForAsync(db, queued, assessments[queued.AssessmentId], now, cancellationToken)));
            }
            catch (Exception e) when (e is not OperationCanceledException and not System.Data.Common.DbException)
            {
                // An event that cannot be turned into messages leaves the queue, marked failed with the reason (shown in
                // /api/notifications, sent again once the cause is fixed): left queued, it would be taken at every
                // round, and two hundred of them would stop every notification. A database error is no reason of the
                // event's: the round fails and the event is taken again.
                LogEventFailed(logger, e, queued.Id, queued.Event);
                failed.Add((queued, $"{e.GetType().Name}: {e.Message}"));
            }
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var (queued, messages) in prepared)
        {
            if (await NotificationEvent.MarkDispatchedAsync(db.NotificationEvents, queued.Id, messages.Count, now, cancellationToken) == 1)
            {
                db.OutboxMessages.AddRange(messages);
                LogDispatched(logger, queued.Id, queued.Event, messages.Count);
                if (messages.Count == 0)
                {
                    // The journal said the notification was queued; it says too that it reached nobody.
                    db.JournalEntries.Add(JournalEntry.Record(queued.AssessmentId, "notifications", "notification.unsent", queued.StepId, queued.Event, null,
                        "nobody to tell: no one holds the role it goes to (or no template is named for it)", now));
                }
            }
        }

        foreach (var (queued, error) in failed)
        {
            await NotificationEvent.MarkFailedAsync(db.NotificationEvents, queued.Id, error, now, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return events.Count;
    }

    // The event's recipe says who receives which template with what; each letter is rendered once per person, in their
    // language. An event no recipe knows reaches nobody (and the journal says so).
    private async Task<List<OutboxMessage>> MessagesForAsync(IpbesFlowDbContext db, NotificationEvent queued, Assessment assessment, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!recipes.TryGetValue(queued.Event, out var recipe))
        {
            return [];
        }

        var step = queued.StepId is { } id
            ? await db.AssessmentSteps.AsNoTracking().FirstOrDefaultAsync(s => s.AssessmentId == assessment.Id && s.StepId == id, cancellationToken)
            : null;
        var context = new RecipeContext(db, queued, assessment, catalog.Find(assessment.WorkflowId, assessment.WorkflowVersion), step, now);
        var messages = new List<OutboxMessage>();
        foreach (var letter in await recipe.LettersAsync(context, cancellationToken))
        {
            if (templates.Has(letter.Template))
            {
                messages.AddRange(letter.Recipients.Select(recipient => Render(context, letter, recipient)));
            }
        }

        return messages;
    }

    private OutboxMessage Render(RecipeContext context, Letter letter, Recipient recipient)
    {
        var assessment = context.Assessment;
        var links = LinksModel.For(settings.Mail.PublicUrl, assessment.Id, context.Step?.StepId);
        var place = context.StepDefinition is { Kind.IsMeeting: true } meeting ? meeting : null;
        var model = new MailModel
        {
            Recipient = new(recipient.Name, recipient.Email, recipient.Language),
            Assessment = new(assessment.Id.ToString(), assessment.Title, assessment.WorkflowId),
            Step = context.Step is { } step ? StepModel.Of(step, assessment.TimeZone) : StepModel.None,
            Links = links,
            Reminder = new(letter.DaysLeft, letter.Deadline),
            // An online meeting's link is its page here until meetings carry their own conference links.
            Meeting = place is null ? MeetingModel.None
                : letter.Venue is { } venue ? new(venue.Location, venue.Link ?? links.Step, venue.Online)
                : new(place.Place ?? string.Empty, links.Step, place.Mode == MeetingMode.Online),
            Reason = letter.Reason,
            Changes = letter.Changes,
            Candidacy = letter.Candidacy,
            Nominees = letter.Nominees,
        };
        var rendered = templates.Render(letter.Template, recipient.Language, model);
        var domain = MailMessages.Domain(settings.Mail.PublicUrl);
        var ics = letter.Calendar is { } calendar && context.Step is { } invited && place is not null
            ? MeetingInvitation.Ics(
                assessment.Id, assessment.Title, invited.StepId, invited.Title, invited.PlannedStart, invited.PlannedEnd, calendar.Sequence, calendar.Cancelled,
                letter.Venue?.Location ?? place.Place, letter.Venue?.Online ?? place.Mode == MeetingMode.Online, letter.Venue?.Link ?? links.Step, MimeKit.MailboxAddress.Parse(settings.Mail.From).Address, domain, context.Now,
                (recipient.Email, recipient.Name))
            : null;
        return OutboxMessage.Queue(letter.Template, recipient.Email, recipient.Name, rendered.Language, rendered.Subject, rendered.Text, rendered.Html, context.Now,
            assessment.Id, context.Queued.Id, ics, domain);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Notification event {EventId} ({Event}) could not be turned into messages; it is marked failed until a person sends it again")]
    private static partial void LogEventFailed(ILogger logger, Exception exception, long eventId, string @event);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification event {EventId} ({Event}) became {Count} message(s)")]
    private static partial void LogDispatched(ILogger logger, long eventId, string @event, int count);
}
