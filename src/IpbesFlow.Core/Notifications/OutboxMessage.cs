using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Notifications;

public enum DeliveryStatus
{
    /// <summary>Waiting for its next attempt.</summary>
    Pending,

    /// <summary>The SMTP server accepted it.</summary>
    Sent,

    /// <summary>The server refused this recipient for good (a 5xx reply, kept in <see cref="OutboxMessage.LastError"/>).</summary>
    Failed,

    /// <summary>Every attempt failed for a passing reason; kept, never dropped, for the TSU to resend.</summary>
    DeadLettered,
}

/// <summary>One rendered email to one person, written in the transaction of the change that caused it and sent later
/// by the outbox worker. Its Message-ID is fixed when it is queued, so that a message resent after a crash (accepted
/// by the server, not yet marked sent) is recognisable as the same message. Rows are never deleted.</summary>
public sealed class OutboxMessage
{
    private OutboxMessage()
    {
    }

    public long Id { get; private set; }

    /// <summary>What kind of notification (the template's name): <c>review-opened</c>, <c>schedule-changed</c>...</summary>
    public string Kind { get; private set; } = string.Empty;

    public Guid? AssessmentId { get; private set; }

    /// <summary>The queued event this message was made from, when there is one.</summary>
    public long? EventId { get; private set; }

    public string ToAddress { get; private set; } = string.Empty;

    public string? ToName { get; private set; }

    /// <summary>The language it was rendered in (ar, en, es, fr, ru, zh).</summary>
    public string Language { get; private set; } = "en";

    public string Subject { get; private set; } = string.Empty;

    public string TextBody { get; private set; } = string.Empty;

    public string? HtmlBody { get; private set; }

    /// <summary>An iCalendar invitation (text/calendar) to attach, for meetings.</summary>
    public string? CalendarIcs { get; private set; }

    public string MessageId { get; private set; } = string.Empty;

    public DeliveryStatus Status { get; private set; }

    public int Attempts { get; private set; }

    public DateTimeOffset QueuedAt { get; private set; }

    public DateTimeOffset NextAttemptAt { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    /// <summary>The server's last reply or the connection error, as it was.</summary>
    public string? LastError { get; private set; }

    /// <summary>On SQLite, the node sending it and until when (a lease: a node that dies lets it go when this passes).
    /// PostgreSQL holds a batch by row locks instead, and leaves these empty.</summary>
    public string? ClaimedBy { get; private set; }

    public DateTimeOffset? ClaimedUntil { get; private set; }

    public static OutboxMessage Queue(
        string kind, string toAddress, string? toName, string language, string subject, string textBody, string? htmlBody, DateTimeOffset now,
        Guid? assessmentId = null, long? eventId = null, string? calendarIcs = null, string domain = "ipbesflow.localhost")
    {
        var id = Guid.CreateVersion7(now);
        return new OutboxMessage
        {
            Kind = kind,
            AssessmentId = assessmentId,
            EventId = eventId,
            ToAddress = toAddress,
            ToName = toName,
            Language = language,
            Subject = subject,
            TextBody = textBody,
            HtmlBody = htmlBody,
            CalendarIcs = calendarIcs,
            MessageId = $"{kind}.{id:N}@{domain}",
            Status = DeliveryStatus.Pending,
            QueuedAt = now,
            NextAttemptAt = now,
        };
    }

    /// <summary>Records that the server accepted the messages, in one statement: one more attempt, sent, no error, no
    /// claim.</summary>
    public static Task<int> MarkDeliveredAsync(IQueryable<OutboxMessage> messages, DateTimeOffset now, CancellationToken cancellationToken) =>
        messages.ExecuteUpdateAsync(
            set => set
                .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                .SetProperty(m => m.Status, DeliveryStatus.Sent)
                .SetProperty(m => m.SentAt, now)
                .SetProperty(m => m.LastError, (string?)null)
                .SetProperty(m => m.ClaimedBy, (string?)null)
                .SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null),
            cancellationToken);

    /// <summary>A passing failure (a 4xx reply, the server unreachable): tried again after <paramref name="delay"/>,
    /// or dead-lettered once <paramref name="maxAttempts"/> attempts have failed.</summary>
    public void Deferred(string error, TimeSpan delay, int maxAttempts, DateTimeOffset now)
    {
        Attempts++;
        LastError = Trim(error);
        NextAttemptAt = now + delay;
        Status = Attempts >= maxAttempts ? DeliveryStatus.DeadLettered : DeliveryStatus.Pending;
        Release();
    }

    /// <summary>A 5xx reply: the server will not take it for this recipient; trying again would not help.</summary>
    public void Rejected(string reply)
    {
        Attempts++;
        LastError = Trim(reply);
        Status = DeliveryStatus.Failed;
        Release();
    }

    /// <summary>Only a message that failed or was dead-lettered is sent again.</summary>
    public static bool MayBeSentAgain(DeliveryStatus status) => status is DeliveryStatus.Failed or DeliveryStatus.DeadLettered;

    /// <summary>The TSU sends a failed or dead-lettered message again, with the same Message-ID.</summary>
    public void Requeue(DateTimeOffset now)
    {
        if (!MayBeSentAgain(Status))
        {
            throw new Common.ConflictException($"Message {Id} is {Status.ToString().ToLowerInvariant()}; only a failed or dead-lettered message is sent again.");
        }

        Status = DeliveryStatus.Pending;
        Attempts = 0;
        NextAttemptAt = now;
        Release();
    }

    /// <summary>Lets the message go unsent (the node is stopping): another attempt takes it at once.</summary>
    public void Release()
    {
        ClaimedBy = null;
        ClaimedUntil = null;
    }

    private static string Trim(string text) => text.Length <= 1000 ? text : text[..1000];
}
