using IpbesFlow.Common;
using Microsoft.Extensions.Logging;

namespace IpbesFlow.Scheduling;

/// <summary>Fault injection for the crash tests, registered only when <c>Faults:PauseAfterCommit</c> is on: in place of
/// the real scheduler, it stops for good after a commit and before any firing exists, so that a test can kill the
/// process at exactly that point and see the reconciler make up for it.</summary>
public sealed partial class PausingTimerScheduler(ILogger<PausingTimerScheduler> logger) : ITimerScheduler
{
    public async Task EnsureFiringsAsync(IReadOnlyCollection<DateTimeOffset> instants, CancellationToken cancellationToken)
    {
        LogPaused(logger, instants.Count);
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fault injection: paused after a commit, before scheduling {Count} firing(s)")]
    private static partial void LogPaused(ILogger logger, int count);
}
