using Npgsql;

namespace IpbesFlow.Testing;

/// <summary>The throwaway PostgreSQL server that tests/run.sh starts. Each test project works in databases of its
/// own (test assemblies run in parallel), recreated empty on first use.</summary>
public static class TestPostgres
{
    public const string Variable = "IPBESFLOW_TEST_POSTGRES";

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set. PostgreSQL tests need a server: run `bash tests/run.sh`, which starts a throwaway one, " +
                $"or set {Variable} to a connection string for a server where this user may create databases.");

    /// <summary>Drops and recreates <paramref name="database"/> on <paramref name="server"/> (default: the test server),
    /// and returns a connection string for it.</summary>
    public static async Task<string> CreateEmptyDatabaseAsync(string database, string? server = null)
    {
        server ??= ServerConnectionString;
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection))
        {
            await drop.ExecuteNonQueryAsync();
        }

        await using (var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
    }

    public static string UniqueDatabaseName(string prefix) => $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 63)];
}
