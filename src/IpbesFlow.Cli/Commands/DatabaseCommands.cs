using System.CommandLine;
using IpbesFlow.Configuration;
using IpbesFlow.Persistence;
using IpbesFlow.Startup;
using Microsoft.Extensions.DependencyInjection;

namespace IpbesFlow.Cli.Commands;

internal static class DatabaseCommands
{
    public static Command Create()
    {
        var status = new Command("status", "Show which migrations the database has, and which this build would apply.");
        status.SetAction((_, ct) => CliHost.RunAsync(ShowStatusAsync, ct));

        var migrate = new Command("migrate", "Apply the migrations this build carries (creates the database schema on first use).");
        migrate.SetAction((_, ct) => CliHost.RunAsync(MigrateAsync, ct));

        var refill = new Command("refill-due-instants", "Recompute every step's due instant from its state, after a hand-made change to the steps' rows.");
        refill.SetAction((_, ct) => CliHost.RunAsync(RefillDueInstantsAsync, ct));

        return new Command("db", "Database schema: status and migrations, and repairs.") { status, migrate, refill };
    }

    // The timer path finds what is due by the stored instant alone: rows changed by hand without it would never be
    // taken. This gives each step the instant the engine would have stored.
    private static async Task<int> RefillDueInstantsAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await DatabaseConnectivity.EnsureReachableAsync(services.GetRequiredService<StorageSettings>(), cancellationToken);
        var steps = await services.GetRequiredService<DatabaseSchema>().RefillDueInstantsAsync(cancellationToken);
        Console.WriteLine($"Due instants recomputed for {steps} step(s); the running service picks them up at its next sweep.");
        return 0;
    }

    private static async Task<int> ShowStatusAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await DatabaseConnectivity.EnsureReachableAsync(services.GetRequiredService<StorageSettings>(), cancellationToken);
        var status = await services.GetRequiredService<DatabaseSchema>().GetStatusAsync(cancellationToken);

        Console.WriteLine($"Database:  {status.Database}");
        Console.WriteLine($"Applied:   {status.Applied.Count}{(status.Applied.Count > 0 ? $" (latest {status.Applied[^1]})" : string.Empty)}");
        foreach (var name in status.Pending)
        {
            Console.WriteLine($"Pending:   {name}");
        }

        foreach (var name in status.Unknown)
        {
            Console.WriteLine($"Unknown:   {name} (applied by a newer build)");
        }

        Console.WriteLine(status switch
        {
            { Unknown.Count: > 0 } => "Status:    newer than this build; run a newer ipbesflow",
            { Pending.Count: > 0 } => "Status:    behind this build; run `ipbesflow db migrate`",
            _ => "Status:    up to date",
        });
        return 0;
    }

    private static async Task<int> MigrateAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var settings = services.GetRequiredService<StorageSettings>();
        StartupChecks.EnsureDatabaseFolderWritable(settings);
        await DatabaseConnectivity.EnsureReachableAsync(settings, cancellationToken);
        var applied = await services.GetRequiredService<DatabaseSchema>().MigrateAsync(cancellationToken);
        Console.WriteLine(applied.Count == 0
            ? $"{settings.DescribeDatabase()} is already up to date."
            : $"Applied {applied.Count} migration(s) to {settings.DescribeDatabase()}: {string.Join(", ", applied)}");
        return 0;
    }
}
