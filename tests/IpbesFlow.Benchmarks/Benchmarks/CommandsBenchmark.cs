using IpbesFlow.Configuration;
using IpbesFlow.People;
using IpbesFlow.Startup;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace IpbesFlow.Benchmarks.Benchmarks;

/// <summary>Commands per second through the whole path (mediator, validation, handler, transaction, commit) divided by
/// bare single-row INSERT+COMMITs per second on the same database in the same run: what the pipeline costs over
/// the database's own limit. PostgreSQL is measured too when IPBESFLOW_BENCH_POSTGRES (or IPBESFLOW_TEST_POSTGRES)
/// names a server.</summary>
internal sealed class CommandsBenchmark : IBenchmark
{
    public string Name => "commands";

    public string Description => "command path vs bare single-row commits (SQLite, and PostgreSQL when configured)";

    public Task<string> RunAsync(BenchmarkOptions options) =>
        DatabaseBenchmarks.OnEachDatabaseAsync(Name, settings => MeasureAsync(settings, options.Quick ? 500 : 5_000));

    private static async Task<double> MeasureAsync(StorageSettings settings, int count)
    {
        await using var services = DatabaseBenchmarks.BuildServices(settings);
        await services.GetRequiredService<StartupChecks>().RunAsync(CancellationToken.None); // as the service starts: migrated, WAL on SQLite
        await DatabaseBenchmarks.CreateBareTableAsync(settings);

        var run = Guid.NewGuid().ToString("N")[..8];
        var engine = await Measure.RateAsync(count, async i =>
        {
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RegisterPerson($"Expert {i}", $"expert.{run}.{i}@example.org", "en", "KE", "Benchmark"));
        });
        var bare = await DatabaseBenchmarks.BareCommitsAsync(settings, count, $"expert.{run}@example.org");

        var ratio = engine / bare;
        Console.WriteLine($"  {settings.DescribeDatabase()}: commands/s={Measure.F(engine)} bare-commits/s={Measure.F(bare)} ratio={Measure.F(ratio)}");
        return ratio;
    }
}
