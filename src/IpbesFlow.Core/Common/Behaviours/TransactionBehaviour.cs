using IpbesFlow.Assessments;
using IpbesFlow.Assessments.Events;
using IpbesFlow.Persistence;
using IpbesFlow.Workflows;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IpbesFlow.Common.Behaviours;

/// <summary>Innermost behaviour for commands: one database transaction around the handler and its SaveChanges.
/// Whatever a command changes (state, journal, the instants its steps are next due, outbox rows) commits together or
/// not at all: before the save, the events the assessments raised become their journal rows and the notifications
/// their handlers queue. After the commit, the scheduler is asked for a firing at each instant the command made due; a command
/// sent from inside another command joins the outer transaction and leaves that to it.</summary>
public sealed partial class TransactionBehaviour<TMessage, TResponse>(
    IpbesFlowDbContext db, IWorkflowCatalog catalog, IEnumerable<ITimerScheduler> timers, ILogger<TransactionBehaviour<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, ICommand<TResponse>
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await next(message, cancellationToken);
        }

        TResponse response;
        HashSet<DateTimeOffset> due;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // Any failure rolls the whole transaction back, so EF's savepoint around SaveChanges would only add two
            // round trips to every command.
            db.Database.AutoSavepointsEnabled = false;
            response = await next(message, cancellationToken);
            RaisedEvents.Record(db, catalog);
            due = DueInstantsOfChangedSteps();
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        if (due.Count > 0)
        {
            await EnsureFiringsAsync(due);
        }

        return response;
    }

    private HashSet<DateTimeOffset> DueInstantsOfChangedSteps() =>
        db.ChangeTracker.Entries<AssessmentStep>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified)
            .Select(e => e.Entity.NextDueAt)
            .OfType<DateTimeOffset>()
            .ToHashSet();

    private async Task EnsureFiringsAsync(HashSet<DateTimeOffset> due)
    {
        foreach (var timer in timers)
        {
            try
            {
                // Committed is committed: a caller who goes away now must not cancel the firing it is owed.
                await timer.EnsureFiringsAsync(due, CancellationToken.None);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFiringsNotEnsured(logger, e, due.Count);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not ask the scheduler for {Count} firing(s) after a commit; the reconciler and the sweep will find them in the database")]
    private static partial void LogFiringsNotEnsured(ILogger logger, Exception exception, int count);
}
