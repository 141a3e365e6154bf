using IpbesFlow.Assessments;
using IpbesFlow.Configuration;
using IpbesFlow.Persistence;
using IpbesFlow.Scheduling;
using IpbesFlow.Startup;
using IpbesFlow.Workflows;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IpbesFlow.Benchmarks.Benchmarks;

/// <summary>Deadlines bunch: N review windows in N assessments close at the same instant. The node runs as the
/// service does (Quartz on its store, the reconciler, the batched due-steps path); the benchmark prints the seconds
/// from that instant until every window is closed and journaled. Target (issue 5): under 5 s for 10,000 on one node.</summary>
internal sealed class BurstBenchmark : IBenchmark
{
    public string Name => "burst";

    public string Description => "seconds from a shared close instant until every window is closed and journaled";

    public async Task<string> RunAsync(BenchmarkOptions options)
    {
        var windows = options.Quick ? 1_000 : 10_000;
        var folder = Directory.CreateTempSubdirectory("ipbesflow-burst-").FullName;
        try
        {
            var values = new Dictionary<string, string?>
            {
                ["Storage:DataDirectory"] = folder,
                ["Scheduler:SweepSeconds"] = "3600", // only the instant's own trigger may do the work
            };
            if (options.Postgres)
            {
                var server = BenchmarkOptions.PostgresServer ?? throw new InvalidOperationException("--postgres needs IPBESFLOW_BENCH_POSTGRES (or IPBESFLOW_TEST_POSTGRES): a server connection string.");
                values["Database:Provider"] = "Postgres";
                values["Database:ConnectionString"] = await Testing.TestPostgres.CreateEmptyDatabaseAsync("ipbesflow_bench_burst", server);
                values["Database:MigrateOnStart"] = "true";
            }

            var settings = StorageSettings.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), Directory.GetCurrentDirectory());
            Console.WriteLine($"  {settings.DescribeDatabase()}");

            var builder = Host.CreateApplicationBuilder();
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Services.AddIpbesFlowNode(settings);
            builder.Services.AddBenchmarkMediator();
            using var host = builder.Build();
            await host.Services.GetRequiredService<StartupChecks>().RunAsync(CancellationToken.None);

            var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
            var created = TimeProvider.System.GetTimestamp();
            for (var i = 0; i < windows; i++)
            {
                await using var scope = host.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ISender>().Send(new CreateAssessment(
                    "single-review-deliverable", $"Deliverable {i}", today.AddDays(-300),
                    Fixed: new Dictionary<string, FixedDates> { ["external-review"] = new(today.AddDays(-1), today.AddDays(30)) }));
            }

            Console.WriteLine($"  created {windows} assessments in {TimeProvider.System.GetElapsedTime(created).TotalSeconds:0.0} s (setup, not measured)");
            await host.Services.GetRequiredService<DueStepsRunner>().RunAsync("benchmark set-up", CancellationToken.None); // every review is open now

            await host.StartAsync();
            var closeAt = TimeProvider.System.GetUtcNow().AddSeconds(8);
            await using (var scope = host.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<IpbesFlowDbContext>();
                // As a reschedule to that instant would store it: the close is the step's due instant, every reminder behind it.
                var moved = await db.AssessmentSteps.Where(s => s.StepId == "external-review" && s.State == StepState.Open)
                    .ExecuteUpdateAsync(set => set.SetProperty(s => s.ClosesAt, closeAt).SetProperty(s => s.DueAt, closeAt).SetProperty(s => s.NextReminderAt, (DateTimeOffset?)null));
                Console.WriteLine($"  {moved} open review windows now close at {closeAt:HH:mm:ss.fff} UTC");
            }

            await host.Services.GetRequiredService<TimerReconciler>().ReconcileAsync(CancellationToken.None);

            double? seconds = null;
            while (seconds is null && TimeProvider.System.GetUtcNow() < closeAt.AddMinutes(2))
            {
                await Task.Delay(50);
                await using var scope = host.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<IpbesFlowDbContext>();
                var journaled = await db.JournalEntries.CountAsync(j => j.Action == "step.closed" && j.StepId == "external-review");
                if (journaled >= windows)
                {
                    seconds = (TimeProvider.System.GetUtcNow() - closeAt).TotalSeconds;
                }
            }

            await host.StopAsync();
            return seconds is { } s
                ? $"burst: seconds={s.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)} windows={windows}"
                : $"burst: seconds=timeout windows={windows}";
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
