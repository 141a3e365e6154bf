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
        return new NotificationView(
            message.Id, message.Kind, message.AssessmentId, message.ToAddress, message.Language, message.Subject, message.MessageId,
            message.Status, message.Attempts, message.QueuedAt, message.SentAt, message.NextAttemptAt, message.LastError);
    }
}
