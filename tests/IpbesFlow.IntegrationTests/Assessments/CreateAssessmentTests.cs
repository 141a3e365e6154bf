using IpbesFlow.Assessments;
using IpbesFlow.Common;
using IpbesFlow.IntegrationTests.Fixtures;
using IpbesFlow.Persistence;
using IpbesFlow.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace IpbesFlow.IntegrationTests.Assessments;

public abstract class CreateAssessmentTests<TDatabase>(TDatabase database) : DatabaseTest<TDatabase>(database)
    where TDatabase : DatabaseFixture
{
    private static DateOnly D(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    private static CreateAssessment Values() => new(
        "methodological-assessment",
        "Methodological assessment of the diverse conceptualization of multiple values of nature",
        D("2017-06-01"),
        D("2022-07-03"),
        Parameters: new Dictionary<string, string> { ["additional_spm_review"] = "true" },
        Fixed: new Dictionary<string, FixedDates>
        {
            ["fod-review"] = new(D("2019-07-29"), D("2019-09-22")),
            ["second-author-meeting"] = new(D("2019-10-21"), D("2019-10-25")),
            ["sod-review"] = new(D("2021-01-20"), D("2021-03-19")),
            ["third-author-meeting"] = new(D("2021-04-12"), D("2021-04-21")),
        });

    [Fact]
    public async Task Creating_an_assessment_stores_its_plan_its_pinned_version_its_window_instants_and_a_journal_entry()
    {
        var created = await Database.SendAsync(Values());

        var stored = await Database.SendAsync(new GetAssessment(created.Id));
        stored.ShouldBe(created with { Steps = stored.Steps, Parameters = stored.Parameters, MayReschedule = stored.MayReschedule });
        // Read for a viewer, each step also says what that viewer may do on it; the plan itself is the one created.
        stored.Steps.Select(s => s with { Actions = [] }).ShouldBe(created.Steps);
        stored.Workflow.ShouldBe("methodological-assessment");
        stored.WorkflowVersion.ShouldBe(1);
        stored.Parameters.ShouldBe(new Dictionary<string, string> { ["additional_spm_review"] = "true" });
        stored.Steps.Select(s => s.Id).ShouldBe(created.Steps.Select(s => s.Id));
        var fod = stored.Steps.Single(s => s.Id == "fod-review");
        (fod.Start, fod.End, fod.Fixed, fod.State).ShouldBe((D("2019-07-29"), D("2019-09-22"), true, StepState.Scheduled));
        fod.OpensAt.ShouldBe(new DateTimeOffset(2019, 7, 29, 0, 0, 0, TimeSpan.Zero));
        fod.ClosesAt.ShouldBe(new DateTimeOffset(2019, 9, 23, 0, 0, 0, TimeSpan.Zero), "a window ending on the 22nd accepts comments until the 23rd begins (UTC)");
        stored.Steps.Single(s => s.Id == "additional-spm-review").State.ShouldBe(StepState.Scheduled);

        var journal = await Database.SendAsync(new GetJournal(created.Id));
        var entry = journal.ShouldHaveSingleItem();
        (entry.Action, entry.NewValue, entry.At).ShouldBe(("assessment.created", "methodological-assessment v1", Database.Clock.GetUtcNow()));
    }

    [Fact]
    public async Task Skipped_steps_are_stored_as_skipped_without_a_window()
    {
        var created = await Database.SendAsync(new CreateAssessment("thematic-assessment", "Nexus", D("2021-06-01")));

        var skipped = created.Steps.Single(s => s.Id == "additional-spm-review");
        skipped.State.ShouldBe(StepState.Skipped);
        skipped.OpensAt.ShouldBeNull();
        created.Steps.Where(s => s.State != StepState.Skipped).ShouldAllBe(s => s.State == StepState.Scheduled && s.OpensAt != null);
    }

    [Fact]
    public async Task A_schedule_with_conflicts_is_refused_and_nothing_is_stored()
    {
        var refused = await Should.ThrowAsync<ConflictException>(() =>
            Database.SendAsync(new CreateAssessment("thematic-assessment", "Too soon", D("2026-01-12"), D("2027-06-01"))));

        refused.Message.ShouldContain("'final-drafts' must start 2027-03-09 (12w before plenary)");
        (await Database.QueryAsync(db => db.Assessments.CountAsync())).ShouldBe(0);
        (await Database.QueryAsync(db => db.JournalEntries.CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task Bad_input_is_refused_by_field_and_nothing_is_stored()
    {
        var missing = await Should.ThrowAsync<ValidationFailedException>(() => Database.SendAsync(new CreateAssessment("thematic-assessment", "", null)));
        var parameter = await Should.ThrowAsync<ValidationFailedException>(() =>
            Database.SendAsync(new CreateAssessment("thematic-assessment", "X", D("2026-01-12"), Parameters: new Dictionary<string, string> { ["fod_review_weeks"] = "10" })));
        await Should.ThrowAsync<NotFoundException>(() => Database.SendAsync(new CreateAssessment("regional-assessment", "X", D("2026-01-12"))));

        missing.Errors.Select(e => e.Field).ShouldBe(["title", "start"], ignoreOrder: true);
        parameter.Errors.ShouldHaveSingleItem().Field.ShouldBe("parameters.fod_review_weeks");
        (await Database.QueryAsync(db => db.Assessments.CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task Of_two_concurrent_saves_of_one_assessment_the_second_is_refused()
    {
        var created = await Database.SendAsync(new CreateAssessment("scoping", "Business and biodiversity", D("2020-09-01")));
        await using var first = Database.Services.CreateAsyncScope();
        await using var second = Database.Services.CreateAsyncScope();
        var a = await first.ServiceProvider.GetRequiredService<IpbesFlowDbContext>().Assessments.SingleAsync(x => x.Id == created.Id, TestContext.Current.CancellationToken);
        var b = await second.ServiceProvider.GetRequiredService<IpbesFlowDbContext>().Assessments.SingleAsync(x => x.Id == created.Id, TestContext.Current.CancellationToken);

        // The mechanism every change to the plan as a whole uses: it raises Version, the assessment's concurrency token.
        Bump(first, a);
        await first.ServiceProvider.GetRequiredService<IpbesFlowDbContext>().SaveChangesAsync(TestContext.Current.CancellationToken);
        Bump(second, b);

        await Should.ThrowAsync<DbUpdateConcurrencyException>(() => second.ServiceProvider.GetRequiredService<IpbesFlowDbContext>().SaveChangesAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Changes_to_different_steps_of_one_assessment_both_save_and_two_changes_to_one_step_do_not()
    {
        var created = await Database.SendAsync(new CreateAssessment("single-review-deliverable", "Two people at once", D("2020-01-06")));
        var at = Database.Clock.GetUtcNow();
        await using var first = Database.Services.CreateAsyncScope();
        await using var second = Database.Services.CreateAsyncScope();
        await using var third = Database.Services.CreateAsyncScope();
        var a = await Load(first, created.Id);
        var b = await Load(second, created.Id);
        var c = await Load(third, created.Id);

        // Each loaded the same assessment before anyone saved: the TSU starts the drafting, another skips the
        // external review, a third cancels the drafting.
        a.Act("drafting", StepAction.Start, null, "tsu@example.org", at);
        b.Act("external-review", StepAction.Skip, "not needed", "other@example.org", at);
        c.Act("drafting", StepAction.Cancel, "withdrawn", "third@example.org", at);
        await Save(first);
        await Save(second);

        await Should.ThrowAsync<DbUpdateConcurrencyException>(() => Save(third));
        var stored = await Database.SendAsync(new GetAssessment(created.Id));
        stored.Steps.Single(s => s.Id == "drafting").State.ShouldBe(StepState.Open);
        stored.Steps.Single(s => s.Id == "external-review").State.ShouldBe(StepState.Skipped);
        var revisions = await Database.QueryAsync(db => db.AssessmentSteps.Where(s => s.AssessmentId == created.Id).ToDictionaryAsync(s => s.StepId, s => s.Revision));
        (revisions["drafting"], revisions["external-review"], revisions["revision"]).ShouldBe((1, 1, 0));

        static Task<Assessment> Load(AsyncServiceScope scope, Guid id) =>
            scope.ServiceProvider.GetRequiredService<IpbesFlowDbContext>().Assessments.Include(x => x.Steps).SingleAsync(x => x.Id == id, TestContext.Current.CancellationToken);

        static Task<int> Save(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<IpbesFlowDbContext>().SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task The_journal_cannot_be_changed()
    {
        var created = await Database.SendAsync(new CreateAssessment("scoping", "Spatial planning", D("2024-01-08")));
        await using var scope = Database.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IpbesFlowDbContext>();
        db.JournalEntries.Remove(await db.JournalEntries.FirstAsync(j => j.AssessmentId == created.Id, TestContext.Current.CancellationToken));

        (await Should.ThrowAsync<InvalidOperationException>(() => db.SaveChangesAsync(TestContext.Current.CancellationToken))).Message.ShouldContain("append-only");
    }

    private static void Bump(AsyncServiceScope scope, Assessment assessment)
    {
        var entry = scope.ServiceProvider.GetRequiredService<IpbesFlowDbContext>().Entry(assessment);
        entry.Property(x => x.Version).CurrentValue = assessment.Version + 1;
    }
}

[Collection(nameof(SqliteCollection))]
public sealed class CreateAssessmentTests_on_Sqlite(SqliteDatabase database) : CreateAssessmentTests<SqliteDatabase>(database);

[Collection(nameof(PostgresCollection))]
public sealed class CreateAssessmentTests_on_Postgres(PostgresDatabase database) : CreateAssessmentTests<PostgresDatabase>(database);
