using IpbesFlow.Configuration;
using IpbesFlow.Persistence;
using Microsoft.Data.Sqlite;
using IpbesFlow.Workflows;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IpbesFlow.Startup;

/// <summary>Runs before anything starts (scheduler, outbox, HTTP): the data folder is writable, the database is
/// reachable, its schema is one this build knows (migrated when allowed). Checks run cheapest first and create
/// nothing until every earlier check has passed, so a bad configuration leaves nothing half-made.</summary>
public sealed class StartupChecks(StorageSettings settings, DatabaseSchema schema, IServiceProvider services, ILogger<StartupChecks> logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // Loading the definitions first: it is cheap, changes nothing, and a broken template must not reach users.
        var workflows = services.GetRequiredService<IWorkflowCatalog>();
        if (services.GetService<Notifications.NotificationTemplates>() is { Problems: { Count: > 0 } problems })
        {
            throw new StartupCheckException(
                $"The notification templates have {problems.Count} problem(s); the first is {problems[0]}. Run `ipbesflow workflows validate {settings.WorkflowsDirectory}` to see them all.");
        }

        if (services.GetService<Notifications.NotificationTemplates>()?.Missing(Notifications.Recipes.NotificationRecipes.EngineTemplates) is { Count: > 0 } missing)
        {
            throw new StartupCheckException(
                $"The mail templates the engine sends whatever the definitions say are missing: {string.Join(", ", missing.Select(m => $"templates/en/{m}.liquid"))} under {settings.WorkflowsDirectory}. Copy them from the shipped workflows folder.");
        }

        EnsureDatabaseFolderWritable(settings);
        await DatabaseConnectivity.EnsureReachableAsync(settings, cancellationToken);
        await schema.EnsureCurrentAsync(settings.MigrateOnStart, cancellationToken);

        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            await UseWriteAheadLogAsync(settings.ConnectionString, cancellationToken);
        }

        if (settings.Mail.PickupDirectory is { } pickup)
        {
            EnsureWritableDirectory(pickup, "Mail__PickupDirectory");
        }

        StorageLog.Ready(logger, settings.DescribeDatabase(), settings.DataDirectory, settings.Mail.Smtp?.ToString() ?? "files in " + settings.Mail.PickupDirectory);
        StorageLog.Workflows(logger, workflows.All.Count, settings.WorkflowsDirectory);
    }

    /// <summary>For SQLite, the folder of the database file must be writable (SQLite writes journal files beside it).</summary>
    public static void EnsureDatabaseFolderWritable(StorageSettings settings)
    {
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            var file = Path.GetFullPath(new SqliteConnectionStringBuilder(settings.ConnectionString).DataSource);
            EnsureWritableDirectory(Path.GetDirectoryName(file)!, "Storage__DataDirectory");
        }
    }

    private static void EnsureWritableDirectory(string directory, string settingName)
    {
        try
        {
            Directory.CreateDirectory(directory);
            var probe = Path.Combine(directory, $".write-test-{Environment.ProcessId}");
            File.WriteAllText(probe, string.Empty);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StartupCheckException(
                $"The folder '{directory}' is not writable ({e.Message.TrimEnd('.')}). Set {settingName} to a folder this user can write, or fix its permissions.", e);
        }
    }

    // WAL lets readers (health checks, dashboards) run while a command commits; it is a property of the file.
    private static async Task UseWriteAheadLogAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
