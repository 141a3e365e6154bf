using IpbesFlow.Configuration;
using IpbesFlow.Startup;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IpbesFlow.Persistence;

/// <summary>Compares the database with the migrations this build carries, and applies them. Shared by the service's
/// start-up and by <c>ipbesflow db status|migrate</c>, so both say the same thing.</summary>
public sealed class DatabaseSchema(IServiceScopeFactory scopes, StorageSettings settings, ILogger<DatabaseSchema> logger)
{
    public async Task<SchemaStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IpbesFlowDbContext>();
        var known = db.Database.GetMigrations().ToList();
        var applied = await HistoryTableExistsAsync(db, cancellationToken)
            ? (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList()
            : [];
        return new SchemaStatus(
            settings.DescribeDatabase(),
            applied,
            known.Except(applied, StringComparer.Ordinal).ToList(),
            applied.Except(known, StringComparer.Ordinal).ToList());
    }

    /// <summary>Applies pending migrations and returns their names. Refuses a database that a newer build migrated.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        var status = await GetStatusAsync(cancellationToken);
        RefuseUnknown(status);
        if (status.Pending.Count == 0)
        {
            return [];
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IpbesFlowDbContext>();

        // Same reason as above: EF's migrator reads the history table before it creates it.
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        StorageLog.MigrationsApplied(logger, status.Pending.Count, status.Database, status.Pending);
        return status.Pending;
    }

    /// <summary>A repair after a hand-made change to the steps' rows: every step's due instant recomputed from its state
    /// (the timer path finds what is due by that instant alone). Returns how many steps it wrote.</summary>
    public async Task<int> RefillDueInstantsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IpbesFlowDbContext>().Database.ExecuteSqlRawAsync(MigrationSql.RefillStepDueInstants, cancellationToken);
    }

    /// <summary>Start-up's rule: run only against a schema this build knows; migrate first when allowed to.</summary>
    public async Task EnsureCurrentAsync(bool migrate, CancellationToken cancellationToken)
    {
        var status = await GetStatusAsync(cancellationToken);
        RefuseUnknown(status);
        if (status.Pending.Count == 0)
        {
            return;
        }

        if (!migrate)
        {
            throw new StartupCheckException(
                $"The schema of {status.Database} is behind this build ({status.Pending.Count} migration(s) pending, up to {status.Pending[^1]}). " +
                "Run `ipbesflow db migrate` with the same configuration, or set Database__MigrateOnStart=true.");
        }

        await MigrateAsync(cancellationToken);
    }

    // EF (and Npgsql's own existence check) find out whether the history table exists by querying it and catching the
    // error, which logs a failed command on every first start. The catalogue answers without an error.
    private async Task<bool> HistoryTableExistsAsync(IpbesFlowDbContext db, CancellationToken cancellationToken)
    {
        var sql = settings.Provider == DatabaseProvider.Postgres
            ? "SELECT COUNT(*) AS \"Value\" FROM pg_catalog.pg_tables WHERE tablename = '__EFMigrationsHistory' AND schemaname = current_schema()"
            : "SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsHistory'";
        var count = await db.Database.SqlQueryRaw<long>(sql).ToListAsync(cancellationToken);
        return count[0] > 0;
    }

    private static void RefuseUnknown(SchemaStatus status)
    {
        if (status.Unknown.Count > 0)
        {
            throw new StartupCheckException(
                $"{status.Database} has migration(s) this build does not know ({string.Join(", ", status.Unknown)}): a newer IpbesFlow upgraded it. " +
                "Run that version or newer; do not downgrade a migrated database.");
        }
    }
}
