using IpbesFlow.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Notifications;

/// <summary>Delivery status per recipient, newest first: of one assessment, or of one status across all.</summary>
public sealed record ListNotifications(Guid? Assessment = null, DeliveryStatus? Status = null, int Limit = 200) : IQuery<IReadOnlyList<NotificationView>>;

/// <summary>One message to one person and what became of it (never its body: it may carry personal links).</summary>
public sealed record NotificationView(
    long Id, string Kind, Guid? AssessmentId, string To, string Language, string Subject, string MessageId,
    DeliveryStatus Status, int Attempts, DateTimeOffset QueuedAt, DateTimeOffset? SentAt, DateTimeOffset? NextAttemptAt, string? LastError);

public sealed class ListNotificationsHandler(IpbesFlowDbContext db) : IQueryHandler<ListNotifications, IReadOnlyList<NotificationView>>
{
    public async ValueTask<IReadOnlyList<NotificationView>> Handle(ListNotifications query, CancellationToken cancellationToken)
    {
        var messages = db.OutboxMessages.AsNoTracking();
        if (query.Assessment is { } assessment)
        {
            messages = messages.Where(m => m.AssessmentId == assessment);
        }

        if (query.Status is { } status)
        {
            messages = messages.Where(m => m.Status == status);
        }

        return await messages.OrderByDescending(m => m.Id).Take(Math.Clamp(query.Limit, 1, 1000))
            .Select(m => new NotificationView(
                m.Id, m.Kind, m.AssessmentId, m.ToAddress, m.Language, m.Subject, m.MessageId, m.Status, m.Attempts, m.QueuedAt, m.SentAt,
                m.Status == DeliveryStatus.Pending ? m.NextAttemptAt : null, m.LastError))
            .ToListAsync(cancellationToken);
    }
}
