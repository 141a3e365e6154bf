using Microsoft.Extensions.Diagnostics.HealthChecks;
using Quartz;

namespace IpbesFlow.Scheduling;

/// <summary>Ready only while the scheduler runs: a node that cannot fire timers must not take traffic.</summary>
public sealed class SchedulerHealthCheck(ISchedulerFactory schedulers) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var metadata = await scheduler.GetMetadata(cancellationToken);
        return metadata.Status == SchedulerStatus.Running
            ? HealthCheckResult.Healthy($"{metadata.SchedulerInstanceId}, {metadata.JobStoreTypeName}{(metadata.JobStoreClustered ? ", clustered" : string.Empty)}")
            : HealthCheckResult.Unhealthy($"The scheduler is {metadata.Status}, not running.");
    }
}
