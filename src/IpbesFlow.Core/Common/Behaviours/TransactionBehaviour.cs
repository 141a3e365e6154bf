using IpbesFlow.Persistence;
using Mediator;

namespace IpbesFlow.Common.Behaviours;

/// <summary>Innermost behaviour for commands: one database transaction around the handler and its SaveChanges.
/// Whatever a command changes (state, journal, timers it wants, outbox rows) commits together or not at all.
/// A command sent from inside another command joins the outer transaction.</summary>
public sealed class TransactionBehaviour<TMessage, TResponse>(IpbesFlowDbContext db)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, ICommand<TResponse>
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await next(message, cancellationToken);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var response = await next(message, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return response;
    }
}
