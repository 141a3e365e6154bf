using IpbesFlow.Common;
using Quartz;

namespace IpbesFlow.Scheduling;

/// <summary>Right after a commit, a Quartz firing for each instant within the reconciler's horizon (later ones are
/// added by the reconciler as they come near).</summary>
public sealed class QuartzTimerScheduler(ISchedulerFactory schedulers, TimeProvider time) : ITimerScheduler
{
    public async Task EnsureFiringsAsync(IReadOnlyCollection<DateTimeOffset> instants, CancellationToken cancellationToken)
    {
        var until = time.GetUtcNow() + TimerReconciler.Horizon;
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        foreach (var instant in instants.Where(i => i <= until).Order())
        {
            await TimerReconciler.EnsureFiringAsync(scheduler, instant, time, cancellationToken);
        }
    }
}
