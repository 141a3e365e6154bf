using IpbesFlow.Assessments;
using IpbesFlow.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IpbesFlow.Scheduling;

/// <summary>Advances everything that is due, one batch (one transaction) at a time, until nothing is. A batch that
/// loses a race with another node or a person's action is simply taken again: the loser finds those steps done. A
/// batch the database refuses is taken again one assessment at a time, and the assessment it cannot save is deferred
/// with a backoff, so that one broken assessment never stops the others.</summary>
public sealed partial class DueStepsRunner(IServiceScopeFactory scopes, TimeProvider time, ILogger<DueStepsRunner> logger)
{
    private const int MaxConsecutiveConflicts = 20;
    private const int BatchSize = 1000;

    /// <summary>Runs batches until none finds anything due; <paramref name="cause"/> (what set it off: <c>timer due-…
    /// fired</c>, <c>start-up catch-up</c>) is journaled with each transition.</summary>
    public async Task<int> RunAsync(string cause, CancellationToken cancellationToken)
    {
        var transitions = 0;
        var conflicts = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            AdvanceResult batch;
            try
            {
                batch = await SendAsync(new AdvanceDueSteps(BatchSize, cause), cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (++conflicts < MaxConsecutiveConflicts)
            {
                LogConflict(logger, conflicts);
                continue;
            }
            catch (Exception e) when (e is not (OperationCanceledException or DbUpdateConcurrencyException))
            {
                LogBatchRefused(logger, e);
                batch = await OneByOneAsync(cause, cancellationToken);
            }

            if (batch.Assessments == 0)
            {
                break;
            }

            transitions += batch.Transitions;
            conflicts = 0;
        }

        if (transitions > 0)
        {
            LogAdvanced(logger, transitions);
        }

        return transitions;
    }

    // Each due assessment in a transaction of its own; the one the database refuses is deferred, and the batch answers
    // as one would. A failure to read what is due (the database is down) is not an assessment's fault: it goes to the
    // caller, whose firing is taken again.
    private async Task<AdvanceResult> OneByOneAsync(string cause, CancellationToken cancellationToken)
    {
        IReadOnlyList<Guid> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            due = await AdvanceDueStepsHandler.DueAssessmentsAsync(scope.ServiceProvider.GetRequiredService<IpbesFlowDbContext>(), time.GetUtcNow(), BatchSize, null, cancellationToken);
        }

        var assessments = 0;
        var transitions = 0;
        foreach (var id in due)
        {
            try
            {
                var one = await SendAsync(new AdvanceDueSteps(1, cause, id), cancellationToken);
                assessments += one.Assessments;
                transitions += one.Transitions;
            }
            catch (DbUpdateConcurrencyException)
            {
                assessments++; // someone else moved it meanwhile: nothing is lost, and the next batch looks again
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogAssessmentRefused(logger, e, id);
                await SendAsync(new DeferDueSteps(id, $"{e.GetBaseException().GetType().Name}: {e.GetBaseException().Message}"), cancellationToken);
                assessments++;
            }
        }

        return new AdvanceResult(assessments, transitions);
    }

    private async Task<TResponse> SendAsync<TResponse>(ICommand<TResponse> command, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "A batch of due steps changed meanwhile; taking it again ({Attempt})")]
    private static partial void LogConflict(ILogger logger, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database refused a batch of due steps; taking its assessments one at a time")]
    private static partial void LogBatchRefused(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The database refused to save assessment {AssessmentId}'s due steps; it is deferred and taken again after a backoff")]
    private static partial void LogAssessmentRefused(ILogger logger, Exception exception, Guid assessmentId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Timer path: {Transitions} step transition(s)")]
    private static partial void LogAdvanced(ILogger logger, int transitions);
}
