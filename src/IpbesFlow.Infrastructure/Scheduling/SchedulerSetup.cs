using IpbesFlow.Common;
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

            q.AddJob<DueStepsJob>(job => job.WithIdentity(DueStepsJob.Key).StoreDurably().DisallowConcurrentExecution());

            // The sweep: whatever the triggers per instant, due steps are advanced at least this often.
            q.AddTrigger<DueStepsJob>(trigger => trigger
                .WithIdentity(new TriggerKey("sweep", DueStepsJob.Group))
                .ForJob(DueStepsJob.Key)
                .StartNow()
                .WithSchedule(SimpleScheduleBuilder.Create().WithInterval(settings.TimerSweepInterval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
        });

        services.AddSingleton<DueStepsRunner>();
        services.AddSingleton<TimerReconciler>();
        services.AddSingleton<QuartzTimerScheduler>();
        if (settings.PauseAfterCommit)
        {
            services.AddSingleton<ITimerScheduler, PausingTimerScheduler>();
        }
        else
        {
            services.AddSingleton<ITimerScheduler>(sp => sp.GetRequiredService<QuartzTimerScheduler>());
        }
        services.Configure<TimerOptions>(o => o.ReconcileInterval = settings.TimerSweepInterval);
        services.AddHostedService<TimerService>();

        services.AddQuartzHostedService(options =>
        {
            options.WaitForJobsToComplete = true;
            options.AwaitApplicationStarted = true;
        });
        return services;
    }
}
