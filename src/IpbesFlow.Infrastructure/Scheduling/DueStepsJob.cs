using Quartz;

namespace IpbesFlow.Scheduling;

/// <summary>Thin, as jobs should be: it runs the due-steps path, which decides everything from the database.</summary>
public sealed class DueStepsJob(DueStepsRunner runner) : IJob
{
    public const string Group = "ipbesflow";
    public static readonly JobKey Key = new("due-steps", Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await runner.RunAsync($"timer {context.Trigger.Key.Name} fired", cancellationToken);
}
