using IpbesFlow.Common;
using IpbesFlow.Identity;
using IpbesFlow.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Notifications;

/// <summary>The TSU (of the message's assessment) or the secretariat sends a failed or dead-lettered message again,
/// with the same Message-ID, once the cause (a full mailbox, a wrong address fixed at the server) is dealt with.</summary>
public sealed record ResendNotification(long Id) : ICommand<NotificationView>, IRetryOnConflict;

public sealed class ResendNotificationHandler(IpbesFlowDbContext db, ICurrentUser actor, TimeProvider time) : ICommandHandler<ResendNotification, NotificationView>
{
    public async ValueTask<NotificationView> Handle(ResendNotification command, CancellationToken cancellationToken)
    {
        var message = await db.OutboxMessages.FirstOrDefaultAsync(m => m.Id == command.Id, cancellationToken)
            ?? throw new NotFoundException("Notification", command.Id);
        var allowed = actor.Principal.MayWrite()
            && (actor.Principal.Has(Role.SecretariatAdmin) || (message.AssessmentId is { } assessment && actor.Principal.HasFor(Role.TsuMember, assessment)));
        if (!allowed)
        {
            throw new ForbiddenException("Only the secretariat, or the TSU of the message's assessment, sends a message again.");
        }

        var now = time.GetUtcNow();
        message.Requeue(now);
        db.AuditEntries.Add(AuditEntry.Record(actor, "notification.resent", $"message {message.Id}", $"{message.Kind} to {message.ToAddress}", now));
        return NotificationView.From(message);
    }
}

/// <summary>The TSU (of the event's assessment) or the secretariat sends an event that could not be turned into
/// messages to the dispatcher again, once its cause (a template, a definition) is fixed.</summary>
public sealed record RedispatchNotification(long Id) : ICommand<Unit>, IRetryOnConflict;

public sealed class RedispatchNotificationHandler(IpbesFlowDbContext db, ICurrentUser actor, TimeProvider time) : ICommandHandler<RedispatchNotification, Unit>
{
    public async ValueTask<Unit> Handle(RedispatchNotification command, CancellationToken cancellationToken)
    {
        var queued = await db.NotificationEvents.FirstOrDefaultAsync(e => e.Id == command.Id, cancellationToken)
            ?? throw new NotFoundException("Notification event", command.Id);
        if (!actor.Principal.MayWrite() || !(actor.Principal.Has(Role.SecretariatAdmin) || actor.Principal.HasFor(Role.TsuMember, queued.AssessmentId)))
        {
            throw new ForbiddenException("Only the secretariat, or the TSU of the event's assessment, sends an event to the dispatcher again.");
        }

        queued.Retry();
        db.AuditEntries.Add(AuditEntry.Record(actor, "notification.retried", $"event {queued.Id}", queued.Event, time.GetUtcNow()));
        return Unit.Value;
    }
}
