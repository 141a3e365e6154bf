using IpbesFlow.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace IpbesFlow.Scheduling;

/// <summary>Quartz on a persistent store: a SQLite file by default, PostgreSQL (clustered) in production.
/// Quartz creates its own tables when they are missing.</summary>
public static class SchedulerSetup
{
    public static IServiceCollection AddIpbesFlowScheduler(this IServiceCollection services, StorageSettings settings)
    {
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(scheduler =>
            {
                scheduler.InstanceName = "IpbesFlow";
                scheduler.GenerateInstanceId = true;
            });
            q.UseDefaultThreadPool(pool => pool.MaxConcurrency = 8);
            q.UsePersistentStore(store =>
            {
                store.UseSystemTextJsonSerializer();
                if (settings.Provider == DatabaseProvider.Postgres)
                {
                    store.UsePostgres(settings.SchedulerConnectionString);
                    if (settings.SchedulerClustered)
                    {
                        store.UseClustering(cluster =>
                        {
                            cluster.CheckinInterval = TimeSpan.FromSeconds(5);
                            cluster.CheckinMisfireThreshold = TimeSpan.FromSeconds(15);
                        });
                    }
                }
                else
                {
                    store.UseSqlite(settings.SchedulerConnectionString);
                }

                store.ProvisionSchema();
            });
        });

        services.AddQuartzHostedService(options =>
        {
            options.WaitForJobsToComplete = true;
            options.AwaitApplicationStarted = true;
        });
        return services;
    }
}
