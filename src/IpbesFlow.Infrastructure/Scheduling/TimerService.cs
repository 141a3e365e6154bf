using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IpbesFlow.Scheduling;

public sealed class TimerOptions
{
    /// <summary>How often Quartz is made to match the database (and due steps are swept, on the sweep trigger).</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>At start: advance what came due while the service was down (each exactly once, by state), then make
/// Quartz match the database; afterwards, reconcile periodically. A failed round is logged and tried again at the next
/// tick (the sweep trigger keeps advancing due steps meanwhile); it never stops the node.</summary>
public sealed partial class TimerService(
    DueStepsRunner runner, TimerReconciler reconciler, IOptions<TimerOptions> options, TimeProvider time, IHostApplicationLifetime lifetime, ILogger<TimerService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Guarded(() => runner.RunAsync("start-up catch-up", stoppingToken), stoppingToken);
        using var timer = new PeriodicTimer(options.Value.ReconcileInterval, time);
        do
        {
            await Guarded(() => reconciler.ReconcileAsync(stoppingToken), stoppingToken);
        }
        while (!Stopping(stoppingToken) && await timer.WaitForNextTickAsync(stoppingToken));
    }

    // Quartz shuts its scheduler down as soon as the application starts stopping, before this service is stopped.
    private bool Stopping(CancellationToken stoppingToken) => stoppingToken.IsCancellationRequested || lifetime.ApplicationStopping.IsCancellationRequested;

    private async Task Guarded(Func<Task> work, CancellationToken stoppingToken)
    {
        try
        {
            await work();
        }
        catch (Exception) when (Stopping(stoppingToken))
        {
            // Stopping: the next start catches up from the database.
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogRoundFailed(logger, e, options.Value.ReconcileInterval.TotalSeconds);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer round failed; trying again in {Seconds} s (the sweep keeps advancing due steps)")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception, double seconds);
}
