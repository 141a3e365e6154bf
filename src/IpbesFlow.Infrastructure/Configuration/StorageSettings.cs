using System.Data.Common;
using IpbesFlow.Startup;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace IpbesFlow.Configuration;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Where the service keeps its data and sends its mail, resolved once from configuration.
/// The embedded default needs no configuration at all: SQLite files and a mail folder under <c>data/</c>.</summary>
public sealed record StorageSettings
{
    public required DatabaseProvider Provider { get; init; }

    /// <summary>Absolute path of the data folder (SQLite files, mail pickup folder).</summary>
    public required string DataDirectory { get; init; }

    public required string ConnectionString { get; init; }

    /// <summary>Quartz's store: a second SQLite file next to the application's, or the same PostgreSQL database.</summary>
    public required string SchedulerConnectionString { get; init; }

    public required bool MigrateOnStart { get; init; }

    /// <summary>Several nodes share one Quartz store (PostgreSQL only).</summary>
    public required bool SchedulerClustered { get; init; }

    public required MailSettings Mail { get; init; }

    /// <summary>How often due steps are swept and Quartz reconciled with the database (<c>Scheduler:SweepSeconds</c>).</summary>
    public TimeSpan TimerSweepInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The workflow definitions and notification templates: by default the copy shipped beside the binaries.</summary>
    public required string WorkflowsDirectory { get; init; }

    /// <summary>For the crash tests only (<c>Faults:PauseAfterCommit</c>): the process stops for good after a commit and
    /// before it asks for the commit's firings, so a test can kill it at exactly that point.</summary>
    public bool PauseAfterCommit { get; init; }

    /// <summary>The database location without secrets, for messages and <c>db status</c>.</summary>
    public string DescribeDatabase() => Provider switch
    {
        DatabaseProvider.Sqlite => $"SQLite {new SqliteConnectionStringBuilder(ConnectionString).DataSource}",
        _ => DescribePostgres(ConnectionString),
    };

    public static StorageSettings FromConfiguration(IConfiguration configuration, string currentDirectory)
    {
        var dataDirectory = Path.GetFullPath(configuration["Storage:DataDirectory"] is { Length: > 0 } d ? d : "data", currentDirectory);
        var provider = ParseProvider(configuration["Database:Provider"]);
        var configuredConnection = configuration["Database:ConnectionString"];

        string connectionString;
        string schedulerConnectionString;
        if (provider == DatabaseProvider.Sqlite)
        {
            connectionString = string.IsNullOrWhiteSpace(configuredConnection)
                ? SqliteFile(Path.Combine(dataDirectory, "ipbesflow.db"))
                : configuredConnection;
            schedulerConnectionString = configuration["Scheduler:ConnectionString"] is { Length: > 0 } s
                ? s
                : SqliteFile(Path.Combine(dataDirectory, "scheduler.db"));
        }
        else
        {
            if (string.IsNullOrWhiteSpace(configuredConnection))
            {
                throw new StartupCheckException(
                    "Database:Provider is Postgres but Database:ConnectionString is empty. Set Database__ConnectionString, e.g. 'Host=db;Database=ipbesflow;Username=ipbesflow;Password=...'.");
            }

            NpgsqlConnectionStringBuilder builder;
            try
            {
                builder = new NpgsqlConnectionStringBuilder(configuredConnection);
            }
            catch (ArgumentException e)
            {
                throw new StartupCheckException($"Database:ConnectionString is not a valid PostgreSQL connection string ({e.Message}). Fix Database__ConnectionString.", e);
            }

            // The engine sends the same few statements all day (load a step, update it, journal it). Without automatic
            // preparation PostgreSQL parses and plans each of them on every call (the README's design notes say what it
            // costs). An operator who set the option keeps their value.
            if (!Names(configuredConnection, "maxautoprepare"))
            {
                builder.MaxAutoPrepare = AutoPreparedStatements;
            }

            connectionString = builder.ConnectionString;
            schedulerConnectionString = configuration["Scheduler:ConnectionString"] is { Length: > 0 } s ? s : connectionString;
        }

        return new StorageSettings
        {
            Provider = provider,
            DataDirectory = dataDirectory,
            ConnectionString = connectionString,
            SchedulerConnectionString = schedulerConnectionString,
            MigrateOnStart = ParseBool(configuration, "Database:MigrateOnStart") ?? provider == DatabaseProvider.Sqlite,
            SchedulerClustered = ParseBool(configuration, "Scheduler:Clustered") ?? provider == DatabaseProvider.Postgres,
            Mail = MailSettings.FromConfiguration(configuration, dataDirectory),
            TimerSweepInterval = TimeSpan.FromSeconds(configuration.GetValue("Scheduler:SweepSeconds", 60)),
            WorkflowsDirectory = Path.GetFullPath(configuration["Workflows:Directory"] is { Length: > 0 } w ? w : Path.Combine(AppContext.BaseDirectory, "workflows"), currentDirectory),
            PauseAfterCommit = ParseBool(configuration, "Faults:PauseAfterCommit") ?? false,
        };
    }

    internal static DatabaseProvider ParseProvider(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        null or "" or "SQLITE" => DatabaseProvider.Sqlite,
        "POSTGRES" or "POSTGRESQL" or "NPGSQL" => DatabaseProvider.Postgres,
        _ => throw new StartupCheckException(
            $"Database:Provider '{value}' is not supported. Set Database__Provider to Sqlite (the default) or Postgres."),
    };

    private static bool? ParseBool(IConfiguration configuration, string key)
    {
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return bool.TryParse(value, out var parsed)
            ? parsed
            : throw new StartupCheckException($"{key} is '{value}', which is not true or false. Fix {key.Replace(":", "__", StringComparison.Ordinal)}.");
    }

    /// <summary>Statements each PostgreSQL connection keeps prepared, unless the connection string says otherwise.</summary>
    internal const int AutoPreparedStatements = 100;

    // Whether the connection string itself gives the option (Npgsql's builder answers true for every option it knows).
    private static bool Names(string connectionString, string option) =>
        new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Any(k => string.Equals(k.Replace(" ", string.Empty, StringComparison.Ordinal), option, StringComparison.OrdinalIgnoreCase));

    private static string SqliteFile(string path) => new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();

    private static string DescribePostgres(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}";
    }
}
