using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace IpbesFlow.Scheduling;

public sealed class TimerOptions
{
    /// <summary>How often Quartz is made to match the database (and due steps are swept, on the sweep trigger).</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>At start: advance what came due while the service was down (each exactly once, by state), then make
/// Quartz match the database; afterwards, reconcile periodically.</summary>
public sealed class TimerService(DueStepsRunner runner, TimerReconciler reconciler, IOptions<TimerOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await runner.RunAsync(stoppingToken);
        using var timer = new PeriodicTimer(options.Value.ReconcileInterval, time);
        do
        {
            await reconciler.ReconcileAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
