using IpbesFlow.Assessments;
using IpbesFlow.IntegrationTests.Fixtures;
using IpbesFlow.Persistence;
using IpbesFlow.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace IpbesFlow.IntegrationTests.Assessments;

public abstract class AdvanceDueStepsTests<TDatabase>(TDatabase database) : DatabaseTest<TDatabase>(database)
    where TDatabase : DatabaseFixture
{
    private static DateOnly D(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    private Task<AssessmentView> CreateWithReview(string title, string opens, string closes) =>
        Database.SendAsync(new CreateAssessment("single-review-deliverable", title, D("2020-01-06"),
            Fixed: new Dictionary<string, FixedDates> { ["external-review"] = new(D(opens), D(closes)) }));

    private async Task<int> DrainAsync(int batchSize)
    {
        var transitions = 0;
        while (true)
        {
            var batch = await Database.SendAsync(new AdvanceDueSteps(batchSize));
            if (batch.Assessments == 0)
            {
                return transitions;
            }

            transitions += batch.Transitions;
        }
    }

    [Fact]
    public async Task A_window_whose_close_passed_is_closed_exactly_once_however_often_the_timer_runs()
    {
        var created = await CreateWithReview("Conceptual framework", "2021-06-01", "2021-07-31");
        Database.Clock.SetUtcNow(new DateTimeOffset(2021, 8, 1, 0, 0, 0, TimeSpan.Zero));

        await DrainAsync(500);
        await DrainAsync(500);
        Database.Clock.Advance(TimeSpan.FromMinutes(1));
        await DrainAsync(500);

        var closes = (await Database.SendAsync(new GetJournal(created.Id))).Where(j => j.Step == "external-review" && j.Action == "step.closed").ToList();
        closes.ShouldHaveSingleItem().At.ShouldBe(new DateTimeOffset(2021, 8, 1, 0, 0, 0, TimeSpan.Zero));
        (await Database.SendAsync(new GetAssessment(created.Id))).Steps.Single(s => s.Id == "external-review").State.ShouldBe(StepState.Closed);
    }

    [Fact]
    public async Task Many_windows_closing_at_one_instant_are_drained_in_batches_each_closed_once()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 23; i++)
        {
            ids.Add((await CreateWithReview($"Deliverable {i}", "2021-06-01", "2021-07-31")).Id);
        }

        Database.Clock.SetUtcNow(new DateTimeOffset(2021, 7, 31, 12, 0, 0, TimeSpan.Zero));
        await DrainAsync(500); // everything that opened before is open now
        Database.Clock.SetUtcNow(new DateTimeOffset(2021, 8, 1, 0, 0, 0, TimeSpan.Zero));

        var transitions = await DrainAsync(batchSize: 5);

        transitions.ShouldBe(46, "for each: the review closes and the revision task opens");
        var closes = await Database.QueryAsync(db => db.JournalEntries.Where(j => j.Action == "step.closed" && j.StepId == "external-review").Select(j => j.AssessmentId).ToListAsync());
        closes.Order().ShouldBe(ids.Order());
    }

    [Fact]
    public async Task Refilling_the_due_instants_after_a_hand_made_change_gives_every_step_the_instant_the_engine_computes()
    {
        // Steps in every state that matters: scheduled, open windows (with a reminder ahead, and past the last one),
        // open human steps, one reported overdue, closed, completed, skipped by a person.
        for (var i = 0; i < 4; i++)
        {
            await Database.SendAsync(new CreateAssessment("thematic-assessment", $"Assessment {i}", D("2019-01-07").AddDays(91 * i)));
            await Database.SendAsync(new CreateAssessment("single-review-deliverable", $"Deliverable {i}", D("2019-03-04").AddDays(61 * i)));
        }

        var someone = (await Database.SendAsync(new CreateAssessment("single-review-deliverable", "Skipped", D("2019-09-02")))).Id;
        await Database.SendAsync(new ActOnStep(someone, "external-review", StepAction.Skip, "no external review for this one"));
        await Database.SendAsync(new ActOnStep(someone, "drafting", StepAction.Start, "ready early"));
        await Database.SendAsync(new ActOnStep(someone, "drafting", StepAction.Complete));
        await Database.SendAsync(new AdvanceDueSteps());
        Database.Clock.Advance(TimeSpan.FromDays(200));
        await Database.SendAsync(new AdvanceDueSteps());
        var computed = await Database.QueryAsync(async db => (await db.AssessmentSteps.AsNoTracking().ToListAsync()).ToDictionary(s => (s.AssessmentId, s.StepId), s => (s.DueAt, s.NextDueAt)));

        await Database.QueryAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE assessment_steps SET due_at = NULL"));
        var refilled = await Database.Services.GetRequiredService<DatabaseSchema>().RefillDueInstantsAsync(TestContext.Current.CancellationToken);
        var filled = await Database.QueryAsync(async db => (await db.AssessmentSteps.AsNoTracking().ToListAsync()).ToDictionary(s => (s.AssessmentId, s.StepId), s => s.DueAt));

        computed.Values.ShouldAllBe(v => v.DueAt == v.NextDueAt, "the engine stores what it computes");
        filled.Where(f => f.Value != computed[f.Key].NextDueAt).ShouldBeEmpty();
        filled.Count.ShouldBe(computed.Count);
        refilled.ShouldBe(computed.Count, "every step written");
        var states = await Database.QueryAsync(db => db.AssessmentSteps.Select(s => s.State).Distinct().ToListAsync());
        states.ShouldBe([StepState.Scheduled, StepState.Open, StepState.Closed, StepState.Completed, StepState.Skipped], ignoreOrder: true);
        filled.Values.Count(d => d is null).ShouldBeGreaterThan(0);
        (await Database.QueryAsync(db => db.AssessmentSteps.CountAsync(s => s.State == StepState.Open && s.NextReminderAt != null))).ShouldBeGreaterThan(0, "a window with a reminder ahead");
        (await Database.QueryAsync(db => db.AssessmentSteps.CountAsync(s => s.State == StepState.Open && s.OverdueNotified))).ShouldBeGreaterThan(0, "a human step reported overdue");
        (await Database.QueryAsync(db => db.AssessmentSteps.CountAsync(s => s.State == StepState.Open && s.NextReminderAt == null && !s.OverdueNotified))).ShouldBeGreaterThan(0, "an open step due at its end");
    }

    [Fact]
    public async Task An_assessment_whose_data_breaks_its_advance_is_deferred_with_a_backoff_and_the_others_go_on()
    {
        var good = await CreateWithReview("Good", "2021-06-01", "2021-07-31");
        var broken = await CreateWithReview("Broken", "2021-06-01", "2021-07-31");
        var alsoGood = await CreateWithReview("Also good", "2021-06-01", "2021-07-31");
        // A hand-made data fix gone wrong: the review's reminder days are no longer numbers.
        await Database.QueryAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"UPDATE assessment_steps SET reminder_days = 'fourteen' WHERE assessment_id = {broken.Id} AND step_id = 'external-review'"));
        var opens = new DateTimeOffset(2021, 6, 1, 0, 0, 0, TimeSpan.Zero);
        Database.Clock.SetUtcNow(opens);

        await DrainAsync(500);

        var reviews = await Database.QueryAsync(db => db.AssessmentSteps.AsNoTracking().Where(s => s.StepId == "external-review").ToDictionaryAsync(s => s.AssessmentId));
        (reviews[good.Id].State, reviews[alsoGood.Id].State).ShouldBe((StepState.Open, StepState.Open), "the others committed");
        var deferred = reviews[broken.Id];
        (deferred.State, deferred.AdvanceFailures, deferred.RetryAfter, deferred.DueAt).ShouldBe((StepState.Scheduled, 1, opens.AddSeconds(30), opens.AddSeconds(30)));
        deferred.AdvanceError.ShouldNotBeNull().ShouldStartWith("FormatException");
        (await HealthAsync()).Status.ShouldBe(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded);

        Database.Clock.Advance(TimeSpan.FromSeconds(31));
        await DrainAsync(500);
        (await Database.QueryAsync(db => db.AssessmentSteps.AsNoTracking().SingleAsync(s => s.AssessmentId == broken.Id && s.StepId == "external-review")))
            .ShouldSatisfyAllConditions("the backoff doubles while it fails", s => s.AdvanceFailures.ShouldBe(2), s => s.RetryAfter.ShouldBe(Database.Clock.GetUtcNow().AddMinutes(1)));

        await Database.QueryAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"UPDATE assessment_steps SET reminder_days = '14,3' WHERE assessment_id = {broken.Id} AND step_id = 'external-review'"));
        Database.Clock.Advance(TimeSpan.FromMinutes(2));
        await DrainAsync(500);
        (await Database.QueryAsync(db => db.AssessmentSteps.AsNoTracking().SingleAsync(s => s.AssessmentId == broken.Id && s.StepId == "external-review")))
            .ShouldSatisfyAllConditions(s => s.State.ShouldBe(StepState.Open), s => s.AdvanceFailures.ShouldBe(0), s => s.RetryAfter.ShouldBeNull(), s => s.AdvanceError.ShouldBeNull());
        (await HealthAsync()).Status.ShouldBe(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy);
    }

    [Fact]
    public async Task An_assessment_the_database_refuses_to_save_is_deferred_and_the_rest_of_its_batch_commits()
    {
        var good = await CreateWithReview("Good", "2021-06-01", "2021-07-31");
        var refused = await CreateWithReview("Refused", "2021-06-01", "2021-07-31");
        Database.Clock.SetUtcNow(new DateTimeOffset(2021, 6, 1, 0, 0, 0, TimeSpan.Zero));
        await RefuseJournalOfAsync(refused.Id);
        try
        {
            var runner = new IpbesFlow.Scheduling.DueStepsRunner(
                Database.Services.GetRequiredService<IServiceScopeFactory>(), Database.Clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<IpbesFlow.Scheduling.DueStepsRunner>.Instance);

            await runner.RunAsync("test", TestContext.Current.CancellationToken);
        }
        finally
        {
            await AcceptJournalAgainAsync();
        }

        var reviews = await Database.QueryAsync(db => db.AssessmentSteps.AsNoTracking().Where(s => s.StepId == "external-review").ToDictionaryAsync(s => s.AssessmentId));
        reviews[good.Id].State.ShouldBe(StepState.Open, "its batch was taken again one assessment at a time");
        reviews[refused.Id].ShouldSatisfyAllConditions(
            s => s.State.ShouldBe(StepState.Scheduled),
            s => s.AdvanceFailures.ShouldBe(1),
            s => s.AdvanceError.ShouldNotBeNull().ShouldContain("refused for the test"));
    }

    private async Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult> HealthAsync()
    {
        await using var scope = Database.Services.CreateAsyncScope();
        return await new IpbesFlow.Scheduling.DueStepsHealthCheck(scope.ServiceProvider.GetRequiredService<IpbesFlowDbContext>())
            .CheckHealthAsync(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext(), TestContext.Current.CancellationToken);
    }

    // A trigger that refuses the journal rows of one assessment: the database, not the application, says no.
    private Task<int> RefuseJournalOfAsync(Guid assessmentId)
    {
        var sql = Database.Provider == IpbesFlow.Configuration.DatabaseProvider.Postgres
            ? $"""
                CREATE FUNCTION refuse_for_the_test() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.assessment_id = '{assessmentId}' THEN RAISE EXCEPTION 'refused for the test'; END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER refuse_for_the_test BEFORE INSERT ON journal_entries FOR EACH ROW EXECUTE FUNCTION refuse_for_the_test();
                """
            : $"CREATE TRIGGER refuse_for_the_test BEFORE INSERT ON journal_entries WHEN NEW.assessment_id = '{assessmentId.ToString().ToUpperInvariant()}' BEGIN SELECT RAISE(ABORT, 'refused for the test'); END";
        return Database.QueryAsync(db => db.Database.ExecuteSqlRawAsync(sql));
    }

    private Task<int> AcceptJournalAgainAsync()
    {
        var sql = Database.Provider == IpbesFlow.Configuration.DatabaseProvider.Postgres
            ? "DROP TRIGGER refuse_for_the_test ON journal_entries; DROP FUNCTION refuse_for_the_test();"
            : "DROP TRIGGER refuse_for_the_test";
        return Database.QueryAsync(db => db.Database.ExecuteSqlRawAsync(sql));
    }

    [Fact]
    public async Task Nothing_is_due_before_its_instant()
    {
        await CreateWithReview("Early", "2021-06-01", "2021-07-31");
        Database.Clock.SetUtcNow(new DateTimeOffset(2020, 1, 5, 23, 59, 59, TimeSpan.Zero));

        (await Database.SendAsync(new AdvanceDueSteps())).ShouldBe(new AdvanceResult(0, 0));
    }
}

[Collection(nameof(SqliteCollection))]
public sealed class AdvanceDueStepsTests_on_Sqlite(SqliteDatabase database) : AdvanceDueStepsTests<SqliteDatabase>(database);

[Collection(nameof(PostgresCollection))]
public sealed class AdvanceDueStepsTests_on_Postgres(PostgresDatabase database) : AdvanceDueStepsTests<PostgresDatabase>(database);
