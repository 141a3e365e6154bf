using IpbesFlow.Common;
using IpbesFlow.Identity;
using IpbesFlow.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Notifications;

/// <summary>Delivery status per recipient, newest first, of the mail the caller may follow (all of it for the
/// secretariat, their assessments' for a TSU member): of one assessment, or of one status. Events that could not be
/// turned into messages at all are listed too, as failed, with no recipient and the reason.</summary>
public sealed record ListNotifications(Guid? Assessment = null, DeliveryStatus? Status = null, int Limit = 200) : IQuery<IReadOnlyList<NotificationView>>;

/// <summary>One message to one person and what became of it (never its body: it may carry personal links); or, with
/// no <see cref="Id"/>, an event (<see cref="EventId"/>) that could not become messages, with why.</summary>
public sealed record NotificationView(
    long? Id, long? EventId, string Kind, Guid? AssessmentId, string? To, string? Language, string? Subject, string? MessageId,
    DeliveryStatus Status, int Attempts, DateTimeOffset QueuedAt, DateTimeOffset? SentAt, DateTimeOffset? NextAttemptAt, string? LastError)
{
    public static NotificationView From(OutboxMessage m) => new(
        m.Id, m.EventId, m.Kind, m.AssessmentId, m.ToAddress, m.Language, m.Subject, m.MessageId, m.Status, m.Attempts, m.QueuedAt, m.SentAt,
        m.Status == DeliveryStatus.Pending ? m.NextAttemptAt : null, m.LastError);

    /// <summary>Whether the message may be sent again (the rule <see cref="OutboxMessage.Requeue"/> applies).</summary>
    public bool MaySendAgain => Id is not null && OutboxMessage.MayBeSentAgain(Status);
}

public sealed class ListNotificationsHandler(IpbesFlowDbContext db, ICurrentUser caller) : IQueryHandler<ListNotifications, IReadOnlyList<NotificationView>>
{
    public async ValueTask<IReadOnlyList<NotificationView>> Handle(ListNotifications query, CancellationToken cancellationToken)
    {
        var scope = AssessmentAccess.MailOf(caller.Principal);
        if (scope is { Count: 0 } || (scope is not null && query.Assessment is { } asked && !scope.Contains(asked)))
        {
            throw new ForbiddenException("Mail is followed by the secretariat, and by each assessment's TSU for that assessment.");
        }

        var messages = db.OutboxMessages.AsNoTracking();
        var failed = db.NotificationEvents.AsNoTracking().Where(e => e.FailedAt != null);
        if (query.Assessment is { } assessment)
        {
            messages = messages.Where(m => m.AssessmentId == assessment);
            failed = failed.Where(e => e.AssessmentId == assessment);
        }
        else if (scope is not null)
        {
            messages = messages.Where(m => m.AssessmentId != null && scope.Contains(m.AssessmentId.Value));
            failed = failed.Where(e => scope.Contains(e.AssessmentId));
        }

        if (query.Status is { } status)
        {
            messages = messages.Where(m => m.Status == status);
        }

        var limit = Math.Clamp(query.Limit, 1, 1000);
        var sent = await messages.OrderByDescending(m => m.Id).Take(limit).ToListAsync(cancellationToken);
        var unsent = query.Status is null or DeliveryStatus.Failed
            ? await failed.OrderByDescending(e => e.Id).Take(limit).ToListAsync(cancellationToken)
            : [];
        return sent.Select(NotificationView.From)
            .Concat(unsent.Select(e => new NotificationView(null, e.Id, e.Event, e.AssessmentId, null, null, null, null, DeliveryStatus.Failed, 0, e.QueuedAt, null, null, $"Not turned into messages: {e.Error}")))
            .OrderByDescending(v => v.QueuedAt)
            .Take(limit)
            .ToList();
    }
}
