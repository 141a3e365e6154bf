using System.Text.Json;
using IpbesFlow.Assessments;
using IpbesFlow.Configuration;
using IpbesFlow.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IpbesFlow.Notifications;

/// <summary>Turns queued events into messages: for each event, the people concerned, each in their language, one
/// outbox row per person, and the event marked dispatched, in one transaction; so an event becomes its messages
/// exactly once, whichever node takes it (on PostgreSQL events are claimed with FOR UPDATE SKIP LOCKED).</summary>
public sealed partial class NotificationDispatcher(
    IServiceScopeFactory scopes, NotificationTemplates templates, StorageSettings settings, TimeProvider time, ILogger<NotificationDispatcher> logger)
{
    private const int BatchSize = 50;

    /// <summary>Dispatches one batch of waiting events; returns how many it took.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IpbesFlowDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        List<long> ids = settings.Provider == DatabaseProvider.Postgres
            ? await db.Database.SqlQuery<long>($"""
                SELECT id AS "Value" FROM notification_events WHERE dispatched_at IS NULL ORDER BY id LIMIT {BatchSize} FOR UPDATE SKIP LOCKED
                """).ToListAsync(cancellationToken)
            : await db.NotificationEvents.Where(e => e.DispatchedAt == null).OrderBy(e => e.Id).Select(e => e.Id).Take(BatchSize).ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return 0;
        }

        var events = await db.NotificationEvents.Where(e => ids.Contains(e.Id)).OrderBy(e => e.Id).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        foreach (var queued in events)
        {
            var messages = await MessagesForAsync(db, queued, now, cancellationToken);
            db.OutboxMessages.AddRange(messages);
            queued.Dispatched(messages.Count, now);
            LogDispatched(logger, queued.Id, queued.Event, messages.Count);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return events.Count;
    }

    private async Task<List<OutboxMessage>> MessagesForAsync(IpbesFlowDbContext db, NotificationEvent queued, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (queued.Event != RescheduleStepHandler.Event || !templates.Has(queued.Event))
        {
            // Only schedule changes are turned into messages so far; other events wait for their templates' data.
            return [];
        }

        var assessment = await db.Assessments.AsNoTracking().Include(a => a.Steps).FirstAsync(a => a.Id == queued.AssessmentId, cancellationToken);
        var payload = JsonSerializer.Deserialize<ScheduleChange>(queued.PayloadJson, JsonSerializerOptions.Web) ?? new ScheduleChange(null, []);
        var titles = assessment.Steps.ToDictionary(s => s.StepId, s => s.Title, StringComparer.Ordinal);
        var changes = payload.Changes
            .Select(c => (c.Step ?? string.Empty, titles.GetValueOrDefault(c.Step ?? string.Empty, c.Step ?? string.Empty), c.From, c.To))
            .ToList();
        var recipients = await Recipients.ForScheduleChangeAsync(db, assessment.Id, changes.Select(c => c.Item1).ToList(), cancellationToken);
        var domain = new Uri(settings.Mail.PublicUrl).Host;
        return recipients.Select(recipient =>
        {
            var model = NotificationModel.Build(
                (recipient.Name, recipient.Email, recipient.Language), assessment.Id, assessment.Title, assessment.WorkflowId,
                queued.StepId is { } stepId && assessment.Steps.FirstOrDefault(s => s.StepId == stepId) is { } step ? NotificationModel.Step(step) : null,
                settings.Mail.PublicUrl, payload.Reason, changes);
            var rendered = templates.Render(queued.Event, recipient.Language, model);
            return OutboxMessage.Queue(queued.Event, recipient.Email, recipient.Name, rendered.Language, rendered.Subject, rendered.Text, rendered.Html, now,
                assessment.Id, queued.Id, domain: domain);
        }).ToList();
    }

    private sealed record ScheduleChange(string? Reason, IReadOnlyList<Change> Changes);

    private sealed record Change(string? Step, string? From, string? To);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification event {EventId} ({Event}) became {Count} message(s)")]
    private static partial void LogDispatched(ILogger logger, long eventId, string @event, int count);
}
