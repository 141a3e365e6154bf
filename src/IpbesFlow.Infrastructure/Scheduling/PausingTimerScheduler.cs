using IpbesFlow.Common;
using Microsoft.Extensions.Logging;

namespace IpbesFlow.Scheduling;

/// <summary>Fault injection for the crash tests, decorating the real scheduler only when <c>Faults:PauseAfterCommit</c>
/// is on: it stops for good after a commit and before it asks for any firing, so that a test can kill the process at
/// exactly that point and see the reconciler make up for it.</summary>
public sealed partial class PausingTimerScheduler(QuartzTimerScheduler inner, ILogger<PausingTimerScheduler> logger) : ITimerScheduler
{
    public async Task EnsureFiringsAsync(IReadOnlyCollection<DateTimeOffset> instants, CancellationToken cancellationToken)
    {
        LogPaused(logger, instants.Count);
        await Task.Delay(Timeout.Infinite, cancellationToken);
        await inner.EnsureFiringsAsync(instants, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fault injection: paused after a commit, before scheduling {Count} firing(s)")]
    private static partial void LogPaused(ILogger logger, int count);
}
