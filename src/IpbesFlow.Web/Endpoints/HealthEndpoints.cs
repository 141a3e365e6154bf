using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IpbesFlow.Web.Endpoints;

internal static partial class HealthEndpoints
{
    /// <summary><c>/health/live</c>: the process answers. <c>/health/ready</c>: the database and the scheduler work and no
    /// assessment is stuck. Anyone may ask; the answer says healthy, degraded or unhealthy and nothing more (which
    /// database, which error, which assessment is for the log, where the details of anything not healthy go).</summary>
    public static void MapHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteStatus }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = WriteStatus }).AllowAnonymous();
    }

    private static Task WriteStatus(HttpContext context, HealthReport report)
    {
        if (report.Status != HealthStatus.Healthy)
        {
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("IpbesFlow.Health");
            foreach (var (name, entry) in report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy))
            {
                LogCheck(logger, entry.Exception, name, entry.Status, entry.Description ?? entry.Exception?.Message ?? string.Empty);
            }
        }

        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, new { status = report.Status.ToString() }, cancellationToken: context.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Health check {Check} is {Status}: {Description}")]
    private static partial void LogCheck(ILogger logger, Exception? exception, string check, HealthStatus status, string description);
}
