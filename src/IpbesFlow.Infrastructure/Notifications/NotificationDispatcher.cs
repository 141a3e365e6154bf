using System.Text.Json;
using IpbesFlow.Assessments;
using IpbesFlow.Configuration;
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
    /// <summary>Sent to the authors, review editors and TSU when a review with comments closes.</summary>
    public const string CommentsReady = "review-comments-ready";

    /// <summary>Sent to the TSU before a review it has not set up opens.</summary>
    public const string SetUpDue = "review-setup-due";

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

    private async Task<List<OutboxMessage>> MessagesForAsync(IpbesFlowDbContext db, NotificationEvent queued, Assessment assessment, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var messages = await AudienceMessagesAsync(db, queued, assessment, now, cancellationToken);
        if (queued.Event == "closed" && queued.StepId is { } stepId && templates.Has(CommentsReady)
            && await db.ReviewComments.AnyAsync(c => c.AssessmentId == assessment.Id && c.StepId == stepId, cancellationToken))
        {
            // A closed review's comments go to the authors (and review editors) to answer; the TSU follows it.
            var authors = await Recipients.ForAudienceAsync(db, assessment.Id, stepId, [Workflows.Audience.Authors, Workflows.Audience.ReviewEditors, Workflows.Audience.Tsu], cancellationToken);
            messages.AddRange(await RenderAsync(db, queued, assessment, CommentsReady, authors, null, [], now, cancellationToken));
        }

        return messages;
    }

    private async Task<List<OutboxMessage>> AudienceMessagesAsync(IpbesFlowDbContext db, NotificationEvent queued, Assessment assessment, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Who is concerned is known before the steps are read: most events of a burst (thousands of reviews closing at
        // once) concern few people, and reading every assessment's steps would only slow the timer path down.
        var definition = catalog.Find(assessment.WorkflowId, assessment.WorkflowVersion);
        var stepDefinition = queued.StepId is { } stepId ? definition?.FindStep(stepId) : null;

        string? template;
        IReadOnlyList<Recipient> recipients;
        string? reason = null;
        IReadOnlyList<(string, string, string?, string?)> changes = [];
        if (queued.Event == RescheduleStepHandler.Event)
        {
            template = queued.Event;
            var payload = JsonSerializer.Deserialize<ScheduleChange>(queued.PayloadJson, JsonSerializerOptions.Web) ?? new ScheduleChange(null, []);
            var titles = definition?.Steps.ToDictionary(s => s.Id, s => s.Title, StringComparer.Ordinal) ?? new Dictionary<string, string>(StringComparer.Ordinal);
            reason = payload.Reason;
            changes = payload.Changes.Select(c => (c.Step ?? string.Empty, titles.GetValueOrDefault(c.Step ?? string.Empty, c.Step ?? string.Empty), c.From, c.To)).ToList();
            recipients = await Recipients.ForScheduleChangeAsync(db, assessment.Id, changes.Select(c => c.Item1).ToList(), cancellationToken);
        }
        else if (queued.Event == Reviews.RegisterForReviewHandler.Event)
        {
            // A registration is confirmed to the person who registered, whatever the step's audience.
            template = queued.Event;
            var registrant = JsonSerializer.Deserialize<Registration>(queued.PayloadJson, JsonSerializerOptions.Web)?.UserId;
            recipients = registrant is { } userId ? await Recipients.ForUsersAsync(db, [userId], cancellationToken) : [];
        }
        else if (queued.Event == AdvanceDueStepsHandler.SetUpDue)
        {
            // A review nearing its opening without chapters or drafts: its TSU is told, whatever the definition says.
            template = SetUpDue;
            recipients = await Recipients.ForAudienceAsync(db, assessment.Id, queued.StepId ?? string.Empty, [Workflows.Audience.Tsu], cancellationToken);
        }
        else if (stepDefinition is not null && stepDefinition.Notify.TryGetValue(queued.Event, out template))
        {
            // A human step's news (it is yours, it is due soon, it is overdue) goes to whoever acts on it, and an overdue
            // one to the TSU as well; a window's news goes to its audience.
            // A completed one (the MEP's selection, the Plenary's approval) is news for the assessment's team too.
            IReadOnlyList<Workflows.Audience> audience = stepDefinition.Kind.IsHuman && stepDefinition.Owner is { } owner
                ? queued.Event switch
                {
                    "overdue" => [owner, Workflows.Audience.Tsu],
                    ActOnStepHandler.Completed => [.. new[] { owner, Workflows.Audience.Authors, Workflows.Audience.ReviewEditors, Workflows.Audience.Tsu }.Distinct(), .. stepDefinition.Audience],
                    _ => [owner],
                }
                : stepDefinition.Audience;
            reason = JsonSerializer.Deserialize<Note>(queued.PayloadJson, JsonSerializerOptions.Web)?.Reason;
            recipients = queued.Event == "opened" && stepDefinition.Kind.RequiresAudience
                ? await Recipients.ForOpeningAsync(db, assessment.Id, stepDefinition.Id, audience, cancellationToken)
                : await Recipients.ForAudienceAsync(db, assessment.Id, stepDefinition.Id, audience, cancellationToken);
        }
        else
        {
            template = null;
            recipients = [];
        }

        if (template is null || recipients.Count == 0 || !templates.Has(template))
        {
            return [];
        }

        return await RenderAsync(db, queued, assessment, template, recipients, reason, changes, now, cancellationToken);
    }

    private async Task<List<OutboxMessage>> RenderAsync(
        IpbesFlowDbContext db, NotificationEvent queued, Assessment assessment, string template, IReadOnlyList<Recipient> recipients, string? reason,
        IReadOnlyList<(string, string, string?, string?)> changes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (recipients.Count == 0)
        {
            return [];
        }

        var definition = catalog.Find(assessment.WorkflowId, assessment.WorkflowVersion);
        var stepDefinition = queued.StepId is { } stepId ? definition?.FindStep(stepId) : null;
        var step = queued.StepId is { } id
            ? await db.AssessmentSteps.AsNoTracking().FirstOrDefaultAsync(s => s.AssessmentId == assessment.Id && s.StepId == id, cancellationToken)
            : null;

        // An online meeting's link is its page here until meetings carry their own conference links.
        var stepPage = step is null ? null : $"{settings.Mail.PublicUrl.TrimEnd('/')}/assessments/{assessment.Id}/steps/{step.StepId}";
        var meeting = stepDefinition?.Kind.IsMeeting == true ? (stepDefinition.Place, stepPage, stepDefinition.Mode == Workflows.MeetingMode.Online) : ((string?, string?, bool)?)null;
        var domain = new Uri(settings.Mail.PublicUrl).Host;
        int? reminderDaysLeft = queued.Event is "reminder" or AdvanceDueStepsHandler.SetUpDue ? JsonSerializer.Deserialize<Reminder>(queued.PayloadJson, JsonSerializerOptions.Web)?.DaysLeft : null;
        string? ics = null;
        if (MeetingEvents.IsMeetingEvent(queued.Event) && step is not null && stepDefinition is not null)
        {
            var sequence = JsonSerializer.Deserialize<MeetingChange>(queued.PayloadJson, JsonSerializerOptions.Web)?.Sequence ?? 0;
            ics = MeetingInvitation.Ics(
                assessment.Id, assessment.Title, step.StepId, step.Title, step.PlannedStart, step.PlannedEnd, sequence, queued.Event == MeetingEvents.Cancelled,
                stepDefinition.Place, stepDefinition.Mode == Workflows.MeetingMode.Online, stepPage!,
                MimeKit.MailboxAddress.Parse(settings.Mail.From).Address, domain, now);
        }

        return recipients.Select(recipient =>
        {
            var model = NotificationModel.Build(
                (recipient.Name, recipient.Email, recipient.Language), assessment.Id, assessment.Title, assessment.WorkflowId,
                step is null ? null : NotificationModel.Step(step, assessment.TimeZone), settings.Mail.PublicUrl, reason, changes, reminderDaysLeft, meeting);
            var rendered = templates.Render(template, recipient.Language, model);
            return OutboxMessage.Queue(template, recipient.Email, recipient.Name, rendered.Language, rendered.Subject, rendered.Text, rendered.Html, now,
                assessment.Id, queued.Id, ics, domain);
        }).ToList();
    }

    private sealed record MeetingChange(int Sequence);

    private sealed record Registration(Guid UserId);

    // Why, when a person acted (a window closed early by the secretariat).
    private sealed record Note(string? Reason);

    private sealed record Reminder(int DaysLeft);

    private sealed record ScheduleChange(string? Reason, IReadOnlyList<Change> Changes);

    private sealed record Change(string? Step, string? From, string? To);

    [LoggerMessage(Level = LogLevel.Error, Message = "Notification event {EventId} ({Event}) could not be turned into messages; it is marked failed until a person sends it again")]
    private static partial void LogEventFailed(ILogger logger, Exception exception, long eventId, string @event);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification event {EventId} ({Event}) became {Count} message(s)")]
    private static partial void LogDispatched(ILogger logger, long eventId, string @event, int count);
}
