using IpbesFlow.Configuration;
using IpbesFlow.Identity;
using IpbesFlow.Mail;
using IpbesFlow.Notifications;
using IpbesFlow.Persistence;
using IpbesFlow.Reviews;
using IpbesFlow.Scheduling;
using IpbesFlow.Startup;
using IpbesFlow.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IpbesFlow;

public static class InfrastructureServices
{
    /// <summary>Storage, mail and start-up checks: what both the service and the CLI need.</summary>
    public static IServiceCollection AddIpbesFlowStorage(this IServiceCollection services, StorageSettings settings)
    {
        services.AddIpbesFlowCore();
        services.AddSingleton(settings);

        if (settings.Provider == DatabaseProvider.Postgres)
        {
            // Large batches: a timer batch that closes a thousand reviews writes thousands of rows.
            services.AddDbContextPool<PostgresIpbesFlowDbContext>(o => o.UseNpgsql(settings.ConnectionString, n => n.MaxBatchSize(1000)));
            services.AddScoped<IpbesFlowDbContext>(sp => sp.GetRequiredService<PostgresIpbesFlowDbContext>());
        }
        else
        {
            services.AddDbContextPool<SqliteIpbesFlowDbContext>(o => o.UseSqlite(settings.ConnectionString).AddInterceptors(SqliteBusyWait.Instance));
            services.AddScoped<IpbesFlowDbContext>(sp => sp.GetRequiredService<SqliteIpbesFlowDbContext>());
        }

        services.AddIdentityCore<UserAccount>(options =>
            {
                options.User.RequireUniqueEmail = true;
                // Length, not composition rules (NIST SP 800-63B): a long passphrase is both stronger and easier to keep.
                options.Password.RequiredLength = 12;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireDigit = false;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
            })
            .AddEntityFrameworkStores<IpbesFlowDbContext>();
        services.TryAddScoped<ICurrentUser, OperatorUser>();
        services.AddSingleton<IWorkflowCatalog>(_ => WorkflowDefinitions.Load(settings.WorkflowsDirectory));
        services.AddSingleton<DatabaseSchema>();
        services.AddSingleton<ICommentFiles, SpreadsheetCommentFiles>();
        services.AddSingleton<Reports.ProgressReportWriter>();
        services.AddSingleton<IDraftContent, DatabaseDraftContent>();
        services.AddSingleton<StartupChecks>();
        services.AddSingleton<IMailTransport>(settings.Mail.Smtp is { } smtp
            ? new PooledSmtpMailTransport(smtp)
            : new PickupDirectoryMailTransport(settings.Mail.PickupDirectory!));
        return services;
    }

    /// <summary>Everything a running node adds on top of storage: the scheduler and the readiness checks.</summary>
    public static IServiceCollection AddIpbesFlowNode(this IServiceCollection services, StorageSettings settings)
    {
        services.AddIpbesFlowStorage(settings);
        services.AddIpbesFlowScheduler(settings);
        services.AddSingleton(_ => NotificationTemplates.Load(Path.Combine(settings.WorkflowsDirectory, "templates")));
        services.AddSingleton<NotificationDispatcher>();
        services.AddSingleton(sp => new OutboxWorker(
            sp.GetRequiredService<IServiceScopeFactory>(), sp.GetRequiredService<IMailTransport>(), settings, sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<OutboxWorker>>(), sp.GetRequiredService<NotificationDispatcher>()));
        services.AddHostedService(sp => sp.GetRequiredService<OutboxWorker>());
        services.AddSingleton<SignInLinkMailer>();
        services.AddSingleton<ISignInLinkMailer>(sp => sp.GetRequiredService<SignInLinkMailer>());
        services.AddHostedService(sp => sp.GetRequiredService<SignInLinkMailer>());
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"])
            .AddCheck<SchedulerHealthCheck>("scheduler", tags: ["ready"])
            .AddCheck<DueStepsHealthCheck>("due-steps", tags: ["ready"]);
        return services;
    }
}
