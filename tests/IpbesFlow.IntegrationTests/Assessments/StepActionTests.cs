using IpbesFlow.Assessments;
using IpbesFlow.Common;
using IpbesFlow.IntegrationTests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Shouldly;

namespace IpbesFlow.IntegrationTests.Assessments;

/// <summary>People's actions, rescheduling and version moves, committed on a real database: what is stored, what is
/// journaled, what is refused and that a refusal stores nothing.</summary>
public abstract class StepActionTests<TDatabase>(TDatabase database) : DatabaseTest<TDatabase>(database)
    where TDatabase : DatabaseFixture
{
    private static DateOnly D(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    private Task<AssessmentView> CreateDeliverable(string title, Dictionary<string, string>? parameters = null, DateOnly? plenary = null) =>
        Database.SendAsync(new CreateAssessment("single-review-deliverable", title, D("2020-01-06"), plenary, Parameters: parameters));

    private Task<int> JournalCount(Guid id) => Database.QueryAsync(db => db.JournalEntries.CountAsync(j => j.AssessmentId == id));

    [Fact]
    public async Task The_same_action_sent_twice_at_once_gives_one_transition_and_the_other_learns_who_acted()
    {
        for (var round = 0; round < 4; round++)
        {
            var assessment = await CreateDeliverable($"Race {round}");
            Database.Clock.SetUtcNow(assessment.Steps.Single(s => s.Id == "drafting").OpensAt!.Value);
            await Database.SendAsync(new AdvanceDueSteps());

            var attempts = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
            {
                try
                {
                    await Database.SendAsync(new ActOnStep(assessment.Id, "drafting", StepAction.Complete, "draft sent"));
                    return null;
                }
                catch (ConflictException e)
                {
                    return e.Message;
                }
            }));

            attempts.Count(a => a is null).ShouldBe(1, "exactly one of the two wins");
            attempts.Single(a => a is not null).ShouldStartWith("Step 'drafting' is already completed (since ");
            var completions = await Database.QueryAsync(db => db.JournalEntries.CountAsync(j => j.AssessmentId == assessment.Id && j.Action == "step.complete"));
            completions.ShouldBe(1);
        }
    }

    [Fact]
    public async Task An_action_is_stored_with_its_journal_entry_and_a_refused_one_stores_nothing()
    {
        var assessment = await CreateDeliverable("Actions");
        Database.Clock.SetUtcNow(new DateTimeOffset(2020, 2, 1, 10, 0, 0, TimeSpan.Zero));

        var unexplained = await Should.ThrowAsync<ValidationFailedException>(() => Database.SendAsync(new ActOnStep(assessment.Id, "drafting", StepAction.Start)));
        var started = await Database.SendAsync(new ActOnStep(assessment.Id, "drafting", StepAction.Start, "the expert group is ready early"));
        var before = await JournalCount(assessment.Id);
        await Should.ThrowAsync<ConflictException>(() => Database.SendAsync(new ActOnStep(assessment.Id, "external-review", StepAction.Complete)));
        var invalid = await Should.ThrowAsync<ValidationFailedException>(() => Database.SendAsync(new ActOnStep(assessment.Id, "drafting", StepAction.Cancel, " ")));

        (started.State, started.StartedAt).ShouldBe((StepState.Open, new DateTimeOffset(2020, 2, 1, 10, 0, 0, TimeSpan.Zero)));
        invalid.Errors.ShouldContain(e => e.Field == "note" && e.Message == "Say why the step is to be cancelled.");
        unexplained.Errors.ShouldContain(e => e.Field == "note" && e.Message == "Say why the step is to start before its date.");
        (await Database.SendAsync(new GetJournal(assessment.Id))).Single(j => j.Action == "step.start").Details.ShouldBe("the expert group is ready early");
        (await JournalCount(assessment.Id)).ShouldBe(before);
        var stored = await Database.SendAsync(new GetAssessment(assessment.Id));
        stored.Steps.Single(s => s.Id == "drafting").ShouldSatisfyAllConditions(s => s.State.ShouldBe(StepState.Open), s => s.ChangedBy.ShouldStartWith("cli:"));
        stored.Steps.Single(s => s.Id == "external-review").State.ShouldBe(StepState.Scheduled);
    }

    [Fact]
    public async Task Rescheduling_moves_every_dependent_step_journals_old_and_new_dates_queues_a_notification_and_audits()
    {
        var assessment = await CreateDeliverable("Moved");
        var drafting = assessment.Steps.Single(s => s.Id == "drafting");

        var moved = await Database.SendAsync(new RescheduleStep(assessment.Id, "drafting", null, drafting.End.AddDays(14), "the expert group met late"));

        foreach (var id in new[] { "drafting", "external-review", "revision", "mep-approval", "publication" })
        {
            var was = assessment.Steps.Single(s => s.Id == id);
            var now = moved.Steps.Single(s => s.Id == id);
            now.End.ShouldBe(was.End.AddDays(14), id);
            now.OpensAt.ShouldBe(was.OpensAt!.Value.AddDays(14), id + ": a new end alone moves the whole step that has not begun, its length kept");
        }

        moved.Steps.Single(s => s.Id == "drafting").Fixed.ShouldBeTrue();
        var journal = await Database.SendAsync(new GetJournal(assessment.Id));
        var review = journal.Single(j => j.Action == "step.rescheduled" && j.Step == "external-review");
        var oldReview = assessment.Steps.Single(s => s.Id == "external-review");
        review.OldValue.ShouldBe($"{oldReview.Start:yyyy-MM-dd}..{oldReview.End:yyyy-MM-dd}");
        review.NewValue.ShouldBe($"{oldReview.Start.AddDays(14):yyyy-MM-dd}..{oldReview.End.AddDays(14):yyyy-MM-dd}");
        review.Details.ShouldBe("the expert group met late");
        journal.Single(j => j.Action == "schedule.changed").ShouldSatisfyAllConditions(
            j => j.Step.ShouldBe("drafting"),
            j => j.Details.ShouldBe("the expert group met late; notification queued: schedule-changed"));

        var queued = await Database.QueryAsync(db => db.NotificationEvents.SingleAsync(n => n.AssessmentId == assessment.Id));
        (queued.Event, queued.StepId, queued.DispatchedAt).ShouldBe(("schedule-changed", "drafting", (DateTimeOffset?)null));
        queued.PayloadJson.ShouldContain("the expert group met late");
        queued.PayloadJson.ShouldContain("external-review");
        (await Database.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == "schedule.changed"))).ShouldBe(1);
    }

    [Fact]
    public async Task A_move_the_plan_cannot_absorb_is_refused_naming_the_conflict_and_changes_nothing()
    {
        var assessment = await CreateDeliverable("Tight", new Dictionary<string, string> { ["approved_by"] = "plenary" }, plenary: D("2021-06-01"));
        var journal = await JournalCount(assessment.Id);
        var drafting = assessment.Steps.Single(s => s.Id == "drafting");

        var refused = await Should.ThrowAsync<ConflictException>(() =>
            Database.SendAsync(new RescheduleStep(assessment.Id, "drafting", null, drafting.End.AddDays(300), "waiting for data")));

        refused.Message.ShouldStartWith("The new schedule has conflicts:");
        refused.Message.ShouldContain("plenary-approval");
        (await JournalCount(assessment.Id)).ShouldBe(journal);
        (await Database.SendAsync(new GetAssessment(assessment.Id))).Steps.Select(s => s with { Actions = [] }).ShouldBe(assessment.Steps.Select(s => s with { Actions = [] }));
        (await Database.QueryAsync(db => db.NotificationEvents.CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task A_reschedule_without_a_reason_or_dates_is_refused_naming_each_field()
    {
        var assessment = await CreateDeliverable("Unexplained");

        var refused = await Should.ThrowAsync<ValidationFailedException>(() => Database.SendAsync(new RescheduleStep(assessment.Id, "drafting", null, null, "")));

        refused.Errors.Select(e => e.Field).Order(StringComparer.Ordinal).ShouldBe(["reason", "start"]);
    }

    [Fact]
    public async Task The_task_list_shows_open_and_upcoming_human_steps_soonest_first_and_flags_overdue_ones()
    {
        var assessment = await CreateDeliverable("Tasks");
        var drafting = assessment.Steps.Single(s => s.Id == "drafting");
        Database.Clock.SetUtcNow(drafting.ClosesAt!.Value.AddDays(2));
        await Database.SendAsync(new AdvanceDueSteps());

        var tasks = await Database.SendAsync(new ListTasks(assessment.Id));

        tasks.Select(t => (t.StepId, t.Kind)).ShouldBe([("contributions-survey", "call"), ("drafting", "task"), ("external-review", "set-up")],
            "soonest due first: the closed survey waits to be completed; the review opening soon waits to be set up");
        var survey = tasks[0];
        (survey.State, survey.Overdue).ShouldBe((StepState.Closed, false));
        survey.Actions.ShouldBe(["complete", "cancel"]);
        var task = tasks[1];
        (task.State, task.Overdue, task.Due).ShouldBe((StepState.Open, true, drafting.ClosesAt));
        task.Actions.ShouldBe(["complete", "cancel"]);
        (tasks[2].State, tasks[2].Due, tasks[2].Overdue).ShouldBe((StepState.Open, assessment.Steps.Single(s => s.Id == "external-review").OpensAt, true), "it opened without its set-up");
        tasks[2].Actions.ShouldBe(["set-up"]);
        tasks.ShouldNotContain(t => t.StepId == "revision", "it starts after the review, beyond the 14 days ahead");
    }
}

[Collection(nameof(SqliteCollection))]
public sealed class StepActionTests_on_Sqlite(SqliteDatabase database) : StepActionTests<SqliteDatabase>(database);

[Collection(nameof(PostgresCollection))]
public sealed class StepActionTests_on_Postgres(PostgresDatabase database) : StepActionTests<PostgresDatabase>(database);
