using System.Data.Common;
using IpbesFlow.Configuration;
using IpbesFlow.Identity;
using IpbesFlow.Persistence;
using IpbesFlow.Startup;
using Mediator;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Respawn;
using Respawn.Graph;

namespace IpbesFlow.IntegrationTests.Fixtures;

/// <summary>One real database per provider for the whole test run: migrated once, reset by Respawn before each
/// test. Commands go through the real mediator pipeline (validation, transaction) as in the service.</summary>
public abstract class DatabaseFixture : IAsyncLifetime
{
    private Respawner? respawner;

    public abstract DatabaseProvider Provider { get; }

    public StorageSettings Settings { get; private set; } = null!;

    public ServiceProvider Services { get; private set; } = null!;

    /// <summary>The clock every handler sees; starts at the seed's first review window.</summary>
    public TestClock Clock { get; } = new(new DateTimeOffset(2019, 7, 29, 9, 0, 0, TimeSpan.Zero));

    public async ValueTask InitializeAsync()
    {
        Settings = await CreateDatabaseAsync("ipbesflow_integration");
        Services = BuildServices(Settings, Clock);
        await Services.GetRequiredService<DatabaseSchema>().MigrateAsync(TestContext.Current.CancellationToken);

        await using var connection = await OpenConnectionAsync();
        respawner = await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = Provider == DatabaseProvider.Postgres ? DbAdapter.Postgres : DbAdapter.Sqlite,
            TablesToIgnore = [new Table("__EFMigrationsHistory")],
        });
    }

    /// <summary>A new, empty database (no schema) with its settings, for tests of migrations and start-up.</summary>
    public abstract Task<StorageSettings> CreateDatabaseAsync(string name);

    public async Task ResetAsync()
    {
        Clock.Restart();
        await using var connection = await OpenConnectionAsync();
        // The history tables refuse deletes by trigger; a test database is emptied with its triggers held off, on this
        // connection only (a superuser's replica role on PostgreSQL, the connection's trigger switch on SQLite).
        SetTriggers(connection, enabled: false);
        try
        {
            await respawner!.ResetAsync(connection);
        }
        finally
        {
            SetTriggers(connection, enabled: true);
        }
    }

    private static void SetTriggers(DbConnection connection, bool enabled)
    {
        if (connection is SqliteConnection sqlite)
        {
            SQLitePCL.raw.sqlite3_db_config(sqlite.Handle, SQLitePCL.raw.SQLITE_DBCONFIG_ENABLE_TRIGGER, enabled ? 1 : 0, out _);
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = enabled ? "SET session_replication_role = origin" : "SET session_replication_role = replica";
        command.ExecuteNonQuery();
    }

    public async Task<TResponse> SendAsync<TResponse>(ICommand<TResponse> command)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
    }

    public async Task<TResponse> SendAsync<TResponse>(IQuery<TResponse> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(query);
    }

    /// <summary>Sends a command as the given person, through the same pipeline.</summary>
    public async Task<TResponse> SendAsAsync<TResponse>(ICurrentUser actor, ICommand<TResponse> command)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActingAs>().Actor = actor;
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
    }

    public async Task<TResponse> SendAsAsync<TResponse>(ICurrentUser actor, IQuery<TResponse> query)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActingAs>().Actor = actor;
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(query);
    }

    /// <summary>Runs <paramref name="work"/> in one scope as the given person: for queries whose answer is read after
    /// they return (a compilation's rows stream from the database as its file is written).</summary>
    public async Task<T> InScopeAsync<T>(ICurrentUser? actor, Func<ISender, IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActingAs>().Actor = actor;
        return await work(scope.ServiceProvider.GetRequiredService<ISender>(), scope.ServiceProvider);
    }

    /// <summary>The dispatcher a node runs, with the shipped templates: a test runs it once to turn the queued events into
    /// mail in the outbox.</summary>
    public Notifications.NotificationDispatcher Dispatcher(StorageSettings? settings = null) => new(
        Services.GetRequiredService<IServiceScopeFactory>(), ShippedTemplates.Value, Services.GetRequiredService<IpbesFlow.Workflows.IWorkflowCatalog>(),
        settings ?? Settings, Clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<Notifications.NotificationDispatcher>.Instance);

    private static readonly Lazy<Notifications.NotificationTemplates> ShippedTemplates =
        new(() => Notifications.NotificationTemplates.Load(Path.Combine(Testing.RepositoryPaths.WorkflowsDirectory, "templates")));

    /// <summary>Reads the database directly, in a scope of its own, to check what a command really stored.</summary>
    public async Task<T> QueryAsync<T>(Func<IpbesFlowDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<IpbesFlowDbContext>());
    }

    /// <summary>The services of the tests; <paramref name="configure"/> replaces some, for a test that watches them.</summary>
    public static ServiceProvider BuildServices(StorageSettings settings, TimeProvider clock, Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(clock);
        services.AddScoped<ActingAs>();
        services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<ActingAs>().Actor ?? TestActor.Operator);
        services.AddIpbesFlowStorage(settings);
        configure?.Invoke(services);
        services.AddMediator(options =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.GenerateTypesAsInternal = true;
            options.Assemblies = [typeof(CoreServices)];
        });
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await ReleaseAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>What the fixture holds beyond its services (files), let go after them.</summary>
    protected virtual ValueTask ReleaseAsync() => ValueTask.CompletedTask;

    private async Task<DbConnection> OpenConnectionAsync()
    {
        DbConnection connection = Provider == DatabaseProvider.Postgres
            ? new NpgsqlConnection(Settings.ConnectionString)
            : new SqliteConnection(Settings.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}

public sealed class SqliteDatabase : DatabaseFixture
{
    private readonly string folder = Directory.CreateTempSubdirectory("ipbesflow-it-").FullName;

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override Task<StorageSettings> CreateDatabaseAsync(string name)
    {
        var settings = TestStorage.Sqlite(Path.Combine(folder, name));
        StartupChecks.EnsureDatabaseFolderWritable(settings);
        return Task.FromResult(settings);
    }

    // Every run's databases went on piling up under the temporary folder.
    protected override ValueTask ReleaseAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}

public sealed class PostgresDatabase : DatabaseFixture
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override async Task<StorageSettings> CreateDatabaseAsync(string name) =>
        TestStorage.Postgres(await Testing.TestPostgres.CreateEmptyDatabaseAsync(name), Path.Combine(Path.GetTempPath(), "ipbesflow-it-pg"));
}

[CollectionDefinition(nameof(SqliteCollection))]
public sealed class SqliteCollection : ICollectionFixture<SqliteDatabase>;

[CollectionDefinition(nameof(PostgresCollection))]
public sealed class PostgresCollection : ICollectionFixture<PostgresDatabase>;
