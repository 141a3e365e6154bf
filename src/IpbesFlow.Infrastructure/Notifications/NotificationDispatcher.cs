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
/// outbox row per person, and the event marked dispatched, in one transaction; so an event becomes its messages
/// exactly once, whichever node takes it (on PostgreSQL events are claimed with FOR UPDATE SKIP LOCKED).</summary>
public sealed partial class NotificationDispatcher(
    IServiceScopeFactory scopes, NotificationTemplates templates, IWorkflowCatalog catalog, StorageSettings settings, TimeProvider time, ILogger<NotificationDispatcher> logger)
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
        var assessment = await db.Assessments.AsNoTracking().Include(a => a.Steps).FirstAsync(a => a.Id == queued.AssessmentId, cancellationToken);
        var step = queued.StepId is { } stepId ? assessment.Steps.FirstOrDefault(s => s.StepId == stepId) : null;
        var definition = catalog.Find(assessment.WorkflowId, assessment.WorkflowVersion);
        var stepDefinition = step is null ? null : definition?.FindStep(step.StepId);

        string? template;
        IReadOnlyList<Recipient> recipients;
        string? reason = null;
        IReadOnlyList<(string, string, string?, string?)> changes = [];
        if (queued.Event == RescheduleStepHandler.Event)
        {
            template = queued.Event;
            var payload = JsonSerializer.Deserialize<ScheduleChange>(queued.PayloadJson, JsonSerializerOptions.Web) ?? new ScheduleChange(null, []);
            var titles = assessment.Steps.ToDictionary(s => s.StepId, s => s.Title, StringComparer.Ordinal);
            reason = payload.Reason;
            changes = payload.Changes.Select(c => (c.Step ?? string.Empty, titles.GetValueOrDefault(c.Step ?? string.Empty, c.Step ?? string.Empty), c.From, c.To)).ToList();
            recipients = await Recipients.ForScheduleChangeAsync(db, assessment.Id, changes.Select(c => c.Item1).ToList(), cancellationToken);
        }
        else if (stepDefinition is not null && stepDefinition.Notify.TryGetValue(queued.Event, out template))
        {
            // Whoever acts on a human step is told it is theirs; everyone else hears what the step's audience hears.
            var audience = queued.Event == "assigned" && stepDefinition.Owner is { } owner ? [owner] : stepDefinition.Audience;
            recipients = await Recipients.ForAudienceAsync(db, assessment.Id, stepDefinition.Id, audience, cancellationToken);
        }
        else
        {
            template = null;
            recipients = [];
        }

        if (template is null || !templates.Has(template))
        {
            return [];
        }

        var meeting = stepDefinition?.Kind.Name == "meeting" ? (stepDefinition.Place, (string?)null, stepDefinition.Mode == Workflows.MeetingMode.Online) : ((string?, string?, bool)?)null;
        var domain = new Uri(settings.Mail.PublicUrl).Host;
        return recipients.Select(recipient =>
        {
            var model = NotificationModel.Build(
                (recipient.Name, recipient.Email, recipient.Language), assessment.Id, assessment.Title, assessment.WorkflowId,
                step is null ? null : NotificationModel.Step(step), settings.Mail.PublicUrl, reason, changes, meeting: meeting);
            var rendered = templates.Render(template, recipient.Language, model);
            return OutboxMessage.Queue(template, recipient.Email, recipient.Name, rendered.Language, rendered.Subject, rendered.Text, rendered.Html, now,
                assessment.Id, queued.Id, domain: domain);
        }).ToList();
    }

    private sealed record ScheduleChange(string? Reason, IReadOnlyList<Change> Changes);

    private sealed record Change(string? Step, string? From, string? To);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification event {EventId} ({Event}) became {Count} message(s)")]
    private static partial void LogDispatched(ILogger logger, long eventId, string @event, int count);
}
