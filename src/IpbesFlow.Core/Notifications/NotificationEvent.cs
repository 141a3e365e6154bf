using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Notifications;

/// <summary>Something people must hear about (a schedule changed, a review opened), queued in the same transaction as
/// the change that caused it: the outbox. A dispatcher later resolves its recipients from the step's audience and
/// renders one message per person in their language; until then the row waits, and it is never deleted.</summary>
public sealed class NotificationEvent
{
    private NotificationEvent()
    {
    }

    public long Id { get; private set; }

    public Guid AssessmentId { get; private set; }

    /// <summary>The event's name as the definitions' <c>notify:</c> maps use it: <c>schedule-changed</c>, <c>opened</c>...</summary>
    public string Event { get; private set; } = string.Empty;

    public string? StepId { get; private set; }

    /// <summary>What the templates need, as a JSON object.</summary>
    public string PayloadJson { get; private set; } = "{}";

    public DateTimeOffset QueuedAt { get; private set; }

    public string QueuedBy { get; private set; } = string.Empty;

    /// <summary>When the dispatcher was done with it (turned it into messages, or found it could not); null while it waits.</summary>
    public DateTimeOffset? DispatchedAt { get; private set; }

    /// <summary>How many messages it became (one per person concerned).</summary>
    public int Recipients { get; private set; }

    /// <summary>When it was found that it cannot be turned into messages (a template that does not render, a step the
    /// definition no longer has); it then waits for a person, not for the dispatcher.</summary>
    public DateTimeOffset? FailedAt { get; private set; }

    /// <summary>Why it could not be turned into messages.</summary>
    public string? Error { get; private set; }

    public const int MaxErrorLength = 1000;

    /// <summary>Marks the event as one that cannot become messages, if nobody has dispatched it meanwhile; it leaves the
    /// queue, so a few broken events never hold up the rest.</summary>
    public static Task<int> MarkFailedAsync(IQueryable<NotificationEvent> events, long id, string error, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var reason = error.Length > MaxErrorLength ? error[..(MaxErrorLength - 1)] + "…" : error;
        return events.Where(e => e.Id == id && e.DispatchedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.DispatchedAt, now).SetProperty(e => e.FailedAt, now).SetProperty(e => e.Error, reason), cancellationToken);
    }

    /// <summary>A person fixed the cause (a template, a definition): the event goes back to the dispatcher.</summary>
    public void Retry()
    {
        if (FailedAt is null)
        {
            throw new Common.ConflictException($"Notification event {Id} has not failed; it {(DispatchedAt is null ? "waits to be dispatched" : "was dispatched")}.");
        }

        DispatchedAt = null;
        FailedAt = null;
        Error = null;
    }

    /// <summary>Marks the event dispatched, in one statement, if nobody has yet: 1 when this caller won it, 0 when
    /// another node got there first (its messages are then the ones that count).</summary>
    public static Task<int> MarkDispatchedAsync(IQueryable<NotificationEvent> events, long id, int recipients, DateTimeOffset now, CancellationToken cancellationToken) =>
        events.Where(e => e.Id == id && e.DispatchedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.DispatchedAt, now).SetProperty(e => e.Recipients, recipients), cancellationToken);

    /// <summary>Its payload, read as the record it was written as (Payloads.cs); a payload a data fix broke
    /// throws, and the dispatcher marks the event failed with why.</summary>
    public TPayload Payload<TPayload>() =>
        JsonSerializer.Deserialize<TPayload>(PayloadJson, JsonSerializerOptions.Web) ?? throw new JsonException($"Notification event {Id} has no {typeof(TPayload).Name} payload.");

    public static NotificationEvent Queue(Guid assessmentId, string @event, string? stepId, object payload, string actor, DateTimeOffset now) => new()
    {
        AssessmentId = assessmentId,
        Event = @event,
        StepId = stepId,
        PayloadJson = JsonSerializer.Serialize(payload, payload.GetType(), JsonSerializerOptions.Web),
        QueuedAt = now,
        QueuedBy = actor,
    };
}
