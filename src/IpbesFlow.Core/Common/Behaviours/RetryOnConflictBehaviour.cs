using IpbesFlow.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Common.Behaviours;

/// <summary>Sits outside the transaction: when a command marked <see cref="IRetryOnConflict"/> loses an optimistic
/// concurrency race, its transaction has rolled back; the tracked entities are dropped and the command runs again on
/// what the winner committed. Two people completing the same step at once thus give one transition, and the second
/// is told who completed it and when, instead of a bare "changed meanwhile".</summary>
public sealed class RetryOnConflictBehaviour<TMessage, TResponse>(IpbesFlowDbContext db)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, ICommand<TResponse>, IRetryOnConflict
{
    private const int Attempts = 3;

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await next(message, cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (attempt < Attempts && db.Database.CurrentTransaction is null)
            {
                db.ChangeTracker.Clear();
            }
        }
    }
}
