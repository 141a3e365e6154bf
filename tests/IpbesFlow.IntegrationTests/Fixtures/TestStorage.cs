using IpbesFlow.Configuration;
using Microsoft.Extensions.Configuration;

namespace IpbesFlow.IntegrationTests.Fixtures;

/// <summary>Settings built the way the service builds them, from configuration keys.</summary>
public static class TestStorage
{
    public static StorageSettings Sqlite(string dataDirectory) => From(new()
    {
        ["Storage:DataDirectory"] = dataDirectory,
    });

    public static StorageSettings Postgres(string connectionString, string dataDirectory) => From(new()
    {
        ["Database:Provider"] = "Postgres",
        ["Database:ConnectionString"] = connectionString,
        ["Storage:DataDirectory"] = dataDirectory,
    });

    private static StorageSettings From(Dictionary<string, string?> values) =>
        StorageSettings.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), Directory.GetCurrentDirectory());
}
