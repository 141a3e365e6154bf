using IpbesFlow.Assessments;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IpbesFlow.Scheduling;

/// <summary>Advances everything that is due, one batch (one transaction) at a time, until nothing is. A batch that
/// loses a race with another node or a person's action is simply taken again: the loser finds those steps done.</summary>
public sealed partial class DueStepsRunner(IServiceScopeFactory scopes, ILogger<DueStepsRunner> logger)
{
    private const int MaxConsecutiveConflicts = 20;

    /// <summary>Runs batches until none finds anything due; <paramref name="cause"/> (what set it off: <c>timer due-…
    /// fired</c>, <c>start-up catch-up</c>) is journaled with each transition.</summary>
    public async Task<int> RunAsync(string cause, CancellationToken cancellationToken)
    {
        var transitions = 0;
        var conflicts = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            await using var scope = scopes.CreateAsyncScope();
            try
            {
                var batch = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new AdvanceDueSteps(Cause: cause), cancellationToken);
                if (batch.Assessments == 0)
                {
                    break;
                }

                transitions += batch.Transitions;
                conflicts = 0;
            }
            catch (DbUpdateConcurrencyException) when (++conflicts < MaxConsecutiveConflicts)
            {
                LogConflict(logger, conflicts);
            }
        }

        if (transitions > 0)
        {
            LogAdvanced(logger, transitions);
        }

        return transitions;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "A batch of due steps changed meanwhile; taking it again ({Attempt})")]
    private static partial void LogConflict(ILogger logger, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Timer path: {Transitions} step transition(s)")]
    private static partial void LogAdvanced(ILogger logger, int transitions);
}
