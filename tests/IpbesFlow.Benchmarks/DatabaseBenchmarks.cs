using System.Data.Common;
using IpbesFlow.Configuration;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace IpbesFlow.Benchmarks;

/// <summary>What the benchmarks that compare the engine with bare commits share: one measurement per database (SQLite
/// always, PostgreSQL when a server is named), the services as the CLI builds them, and a raw connection.</summary>
internal static class DatabaseBenchmarks
{
    /// <summary>Runs <paramref name="measure"/> on SQLite and, when configured, on a fresh PostgreSQL database, prints each
    /// ratio and returns the last line: <c>name: ratio=&lt;lowest&gt;</c>.</summary>
    public static async Task<string> OnEachDatabaseAsync(string name, Func<StorageSettings, Task<double>> measure)
    {
        var ratios = new List<(string Database, double Ratio)>();
        var folder = Directory.CreateTempSubdirectory("ipbesflow-bench-").FullName;
        try
        {
            ratios.Add(("sqlite", await measure(Settings(new() { ["Storage:DataDirectory"] = folder }))));

            if (BenchmarkOptions.PostgresServer is { Length: > 0 } server)
            {
                var connection = await Testing.TestPostgres.CreateEmptyDatabaseAsync($"ipbesflow_bench_{name}", server);
                ratios.Add(("postgres", await measure(Settings(new() { ["Database:Provider"] = "Postgres", ["Database:ConnectionString"] = connection, ["Database:MigrateOnStart"] = "true", ["Storage:DataDirectory"] = folder }))));
            }
            else
            {
                Console.WriteLine("  postgres: not measured (set IPBESFLOW_BENCH_POSTGRES to a server connection string)");
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }

        var lowest = ratios.MinBy(r => r.Ratio);
        // The last line is exactly what the issue asks for; the per-database figures go on the line before it.
        Console.WriteLine($"  lowest on {lowest.Database}; " + string.Join(", ", ratios.Select(r => $"{r.Database} {Measure.F(r.Ratio)}")));
        return $"{name}: ratio={Measure.F(lowest.Ratio)}";
    }

    public static ServiceProvider BuildServices(StorageSettings settings)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddIpbesFlowStorage(settings);
        services.AddBenchmarkMediator();
        return services.BuildServiceProvider();
    }

    public static async Task<DbConnection> OpenAsync(StorageSettings settings)
    {
        DbConnection connection = settings.Provider == DatabaseProvider.Postgres
            ? new NpgsqlConnection(settings.ConnectionString)
            : new SqliteConnection(settings.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>A table for bare single-row commits, beside the engine's.</summary>
    public static async Task CreateBareTableAsync(StorageSettings settings)
    {
        await using var raw = await OpenAsync(settings);
        await using var create = raw.CreateCommand();
        create.CommandText = "CREATE TABLE IF NOT EXISTS bench_rows (id INTEGER PRIMARY KEY, payload VARCHAR(200) NOT NULL)";
        await create.ExecuteNonQueryAsync();
    }

    /// <summary>Bare single-row INSERT + COMMIT per second on one open connection: the database's own limit.</summary>
    public static async Task<double> BareCommitsAsync(StorageSettings settings, int count, string payload, int warmUp = 20)
    {
        await using var connection = await OpenAsync(settings);
        var next = 0;
        return await Measure.RateAsync(count, async _ =>
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = $"INSERT INTO bench_rows (id, payload) VALUES ({++next}, '{payload}')";
            await insert.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        }, warmUp);
    }

    public static StorageSettings Settings(Dictionary<string, string?> values) =>
        StorageSettings.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), Directory.GetCurrentDirectory());
}
