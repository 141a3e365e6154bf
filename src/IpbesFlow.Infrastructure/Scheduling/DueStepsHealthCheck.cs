using IpbesFlow.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IpbesFlow.Scheduling;

/// <summary>Degraded while some assessment could not be advanced and waits for its backoff: the engine goes on with
/// the others, but someone has to look at the data the log names.</summary>
public sealed class DueStepsHealthCheck(IpbesFlowDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var failing = await db.AssessmentSteps.AsNoTracking().Where(s => s.AdvanceFailures > 0)
            .OrderByDescending(s => s.AdvanceFailures).ThenBy(s => s.AssessmentId).ThenBy(s => s.StepId)
            .Select(s => new { s.AssessmentId, s.StepId, s.AdvanceFailures, s.AdvanceError })
            .Take(20)
            .ToListAsync(cancellationToken);
        return failing.Count == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Degraded(
                $"{failing.Select(f => f.AssessmentId).Distinct().Count()} assessment(s) could not be advanced and are retried with backoff: "
                + string.Join("; ", failing.Select(f => $"{f.AssessmentId} {f.StepId} ({f.AdvanceFailures} failure(s): {f.AdvanceError})")));
    }
}
