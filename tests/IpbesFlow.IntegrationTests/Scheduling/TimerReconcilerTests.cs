using IpbesFlow.Assessments;
using IpbesFlow.IntegrationTests.Fixtures;
using IpbesFlow.Scheduling;
using IpbesFlow.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using Shouldly;

namespace IpbesFlow.IntegrationTests.Scheduling;

/// <summary>The reconciler against real Quartz (its in-memory store; the persistent stores are exercised by the
/// process and cluster tests): one firing per distinct instant at which a stored step is next due, within the horizon.</summary>
public abstract class TimerReconcilerTests<TDatabase>(TDatabase database) : DatabaseTest<TDatabase>(database)
    where TDatabase : DatabaseFixture
{
    [Fact]
    public async Task Quartz_gets_one_firing_per_distinct_instant_a_step_is_due_within_the_horizon_and_none_twice()
    {
        var today = DateOnly.FromDateTime(Database.Clock.GetUtcNow().UtcDateTime);
        // Two reviews open the day after tomorrow (one instant, one firing), one in three days, one in a month (beyond
        // the horizon); their assessments' other steps fall where the plan puts them.
        foreach (var (title, opens) in new[] { ("A", 2), ("B", 2), ("C", 3), ("D", 30) })
        {
            await Database.SendAsync(new CreateAssessment("single-review-deliverable", title, today.AddDays(-300),
                Fixed: new Dictionary<string, FixedDates> { ["external-review"] = new(today.AddDays(opens), today.AddDays(opens + 40)) }));
        }

        await Database.SendAsync(new AdvanceDueSteps());
        var now = Database.Clock.GetUtcNow();
        var steps = await Database.QueryAsync(db => db.AssessmentSteps.AsNoTracking().ToListAsync());
        // What the engine computes for each step, not the stored column the reconciler reads.
        var expected = steps.Select(s => s.NextDueAt).OfType<DateTimeOffset>()
            .Where(d => d > now && d <= now + TimerReconciler.Horizon)
            .Distinct().Select(d => TimerReconciler.KeyFor(d).Name).Order().ToList();

        // Quartz as the service configures it, on its in-memory store, with a name of its own in this process.
        await using var quartz = new ServiceCollection().AddLogging()
            .AddQuartz(q => q.ConfigureScheduler(scheduler => scheduler.InstanceName = $"reconciler-test-{Guid.NewGuid():N}"))
            .BuildServiceProvider();
        var factory = quartz.GetRequiredService<ISchedulerFactory>();
        var scheduler = await factory.GetScheduler(TestContext.Current.CancellationToken);
        try
        {
            await scheduler.AddJob(JobBuilder.Create<DueStepsJob>().WithIdentity(DueStepsJob.Key).StoreDurably().Build(), AddJobOptions.Replacing, TestContext.Current.CancellationToken);
            var reconciler = new TimerReconciler(Database.Services.GetRequiredService<IServiceScopeFactory>(), factory, Database.Clock);

            var created = await reconciler.ReconcileAsync(TestContext.Current.CancellationToken);
            var again = await reconciler.ReconcileAsync(TestContext.Current.CancellationToken);

            var keys = (await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(DueStepsJob.Group), TestContext.Current.CancellationToken)).Select(k => k.Name).Order().ToList();
            keys.ShouldBe(expected);
            created.ShouldBe(expected.Count);
            again.ShouldBe(0, "a firing that exists is not asked for again");
            keys.ShouldContain(TimerReconciler.KeyFor(new DateTimeOffset(today.AddDays(2).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)).Name);
            keys.ShouldContain(TimerReconciler.KeyFor(new DateTimeOffset(today.AddDays(3).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)).Name);
            keys.ShouldNotContain(TimerReconciler.KeyFor(new DateTimeOffset(today.AddDays(30).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)).Name);
        }
        finally
        {
            await scheduler.Shutdown(waitForJobsToComplete: false, TestContext.Current.CancellationToken);
        }
    }
}

[Collection(nameof(SqliteCollection))]
public sealed class TimerReconcilerTests_on_Sqlite(SqliteDatabase database) : TimerReconcilerTests<SqliteDatabase>(database);

[Collection(nameof(PostgresCollection))]
public sealed class TimerReconcilerTests_on_Postgres(PostgresDatabase database) : TimerReconcilerTests<PostgresDatabase>(database);
