using System.Data.Common;
using IpbesFlow.Configuration;
using IpbesFlow.People;
using IpbesFlow.Startup;
using Mediator;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace IpbesFlow.Benchmarks.Benchmarks;

/// <summary>Commands per second through the whole path (mediator, validation, handler, transaction, commit) divided by
/// bare single-row INSERT+COMMITs per second on the same database in the same run: what the pipeline costs over
/// the database's own limit. PostgreSQL is measured too when IPBESFLOW_BENCH_POSTGRES (or IPBESFLOW_TEST_POSTGRES)
/// names a server.</summary>
internal sealed class CommandsBenchmark : IBenchmark
{
    public string Name => "commands";

    public string Description => "command path vs bare single-row commits (SQLite, and PostgreSQL when configured)";

    public async Task<string> RunAsync(BenchmarkOptions options)
    {
        var count = options.Quick ? 500 : 5_000;
        var ratios = new List<(string Database, double Ratio)>();

        var folder = Directory.CreateTempSubdirectory("ipbesflow-bench-").FullName;
        try
        {
            ratios.Add(("sqlite", await MeasureAsync(Settings(new() { ["Storage:DataDirectory"] = folder }), count)));

            var server = Environment.GetEnvironmentVariable("IPBESFLOW_BENCH_POSTGRES") ?? Environment.GetEnvironmentVariable("IPBESFLOW_TEST_POSTGRES");
            if (!string.IsNullOrEmpty(server))
            {
                var connection = await Testing.TestPostgres.CreateEmptyDatabaseAsync("ipbesflow_bench_commands", server);
                ratios.Add(("postgres", await MeasureAsync(Settings(new() { ["Database:Provider"] = "Postgres", ["Database:ConnectionString"] = connection, ["Database:MigrateOnStart"] = "true", ["Storage:DataDirectory"] = folder }), count)));
            }
            else
            {
                Console.WriteLine("  postgres: not measured (set IPBESFLOW_BENCH_POSTGRES to a server connection string)");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        var lowest = ratios.MinBy(r => r.Ratio);
        return $"commands: ratio={Measure.F(lowest.Ratio)} lowest-on={lowest.Database} " + string.Join(' ', ratios.Select(r => $"{r.Database}={Measure.F(r.Ratio)}"));
    }

    private static async Task<double> MeasureAsync(StorageSettings settings, int count)
    {
        await using var services = BuildServices(settings);
        await services.GetRequiredService<StartupChecks>().RunAsync(CancellationToken.None); // as the service starts: migrated, WAL on SQLite
        await using (var raw = await OpenAsync(settings))
        {
            await using var create = raw.CreateCommand();
            create.CommandText = "CREATE TABLE IF NOT EXISTS bench_rows (id INTEGER PRIMARY KEY, payload VARCHAR(200) NOT NULL)";
            await create.ExecuteNonQueryAsync();
        }

        var run = Guid.NewGuid().ToString("N")[..8];
        var engine = await Measure.RateAsync(count, async i =>
        {
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RegisterPerson($"Expert {i}", $"expert.{run}.{i}@example.org", "en", "KE", "Benchmark"));
        });

        await using var connection = await OpenAsync(settings);
        var next = 0;
        var bare = await Measure.RateAsync(count, async _ =>
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = $"INSERT INTO bench_rows (id, payload) VALUES ({++next}, 'expert.{run}@example.org')";
            await insert.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        });

        var ratio = engine / bare;
        Console.WriteLine($"  {settings.DescribeDatabase()}: commands/s={Measure.F(engine)} bare-commits/s={Measure.F(bare)} ratio={Measure.F(ratio)}");
        return ratio;
    }

    private static ServiceProvider BuildServices(StorageSettings settings)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddIpbesFlowStorage(settings);
        services.AddBenchmarkMediator();
        return services.BuildServiceProvider();
    }

    private static async Task<DbConnection> OpenAsync(StorageSettings settings)
    {
        DbConnection connection = settings.Provider == DatabaseProvider.Postgres
            ? new NpgsqlConnection(settings.ConnectionString)
            : new SqliteConnection(settings.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static StorageSettings Settings(Dictionary<string, string?> values) =>
        StorageSettings.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), Directory.GetCurrentDirectory());
}
