using IpbesFlow.Common;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Quartz;

namespace IpbesFlow.Scheduling;

/// <summary>Right after a commit, a Quartz firing for each instant within the reconciler's horizon (later ones are
/// added by the reconciler as they come near).</summary>
public sealed partial class QuartzTimerScheduler(ISchedulerFactory schedulers, TimeProvider time, IConfiguration configuration, ILogger<QuartzTimerScheduler> logger) : ITimerScheduler
{
    /// <summary>Fault injection for the crash tests: the process stops here for good, after the commit and before any
    /// firing exists, so a test can kill it at exactly that point.</summary>
    public const string PauseAfterCommitSetting = "Faults:PauseAfterCommit";

    public async Task EnsureFiringsAsync(IReadOnlyCollection<DateTimeOffset> instants, CancellationToken cancellationToken)
    {
        if (configuration.GetValue<bool>(PauseAfterCommitSetting))
        {
            LogPaused(logger, instants.Count);
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        var until = time.GetUtcNow() + TimerReconciler.Horizon;
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        foreach (var instant in instants.Where(i => i <= until).Order())
        {
            await TimerReconciler.EnsureFiringAsync(scheduler, instant, time, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fault injection: paused after a commit, before scheduling {Count} firing(s)")]
    private static partial void LogPaused(ILogger logger, int count);
}
