using IpbesFlow.Assessments;
using Shouldly;

namespace IpbesFlow.Tests.Assessments;

public sealed class AdvanceToTests
{
    private static readonly DateTimeOffset FodOpens = ValuesAssessment.FodOpens;
    private static readonly DateTimeOffset FodCloses = ValuesAssessment.FodCloses;

    private static Assessment Values() => ValuesAssessment.Create();

    private static AssessmentStep Step(Assessment a, string id) => ValuesAssessment.Step(a, id);

    [Fact]
    public void A_review_window_is_open_one_second_before_its_close_and_closed_at_it()
    {
        var assessment = Values();
        assessment.AdvanceTo(FodOpens, "engine");
        Step(assessment, "fod-review").State.ShouldBe(StepState.Open);

        assessment.AdvanceTo(FodCloses.AddSeconds(-1), "engine").ShouldNotContain(e => e.StepId == "fod-review" && e.Action != "step.reminder");
        Step(assessment, "fod-review").State.ShouldBe(StepState.Open);

        var closed = assessment.AdvanceTo(FodCloses, "engine").Single(e => e.StepId == "fod-review");
        (closed.Action, closed.OldValue, closed.NewValue).ShouldBe(("step.closed", "open", "closed"));
        Step(assessment, "fod-review").State.ShouldBe(StepState.Closed);
    }

    [Fact]
    public void Advancing_again_changes_nothing_and_keeps_the_version()
    {
        var assessment = Values();
        assessment.AdvanceTo(FodCloses, "engine").ShouldNotBeEmpty();
        var version = assessment.Version;

        assessment.AdvanceTo(FodCloses, "engine").ShouldBeEmpty();
        assessment.AdvanceTo(FodCloses.AddHours(5), "engine").ShouldBeEmpty();
        assessment.Version.ShouldBe(version);
    }

    [Fact]
    public void After_a_long_downtime_every_step_moves_once_and_human_steps_wait_for_a_person()
    {
        var assessment = Values();

        var entries = assessment.AdvanceTo(FodCloses, "engine");

        entries.Count(e => e.StepId == "fod-review").ShouldBe(2, "opened, then closed, in one pass");
        entries.GroupBy(e => (e.StepId, e.Action)).ShouldAllBe(g => g.Count() == 1);
        Step(assessment, "call-for-nominations").State.ShouldBe(StepState.Closed);
        Step(assessment, "expert-selection").State.ShouldBe(StepState.Open, "a selection is a human step: overdue, not closed");
        Step(assessment, "first-author-meeting").State.ShouldBe(StepState.Closed);
        Step(assessment, "second-author-meeting").State.ShouldBe(StepState.Scheduled);
    }

    [Fact]
    public void A_milestone_is_reached_when_its_day_begins()
    {
        var assessment = Values();
        var finalDrafts = Step(assessment, "final-drafts");

        var entries = assessment.AdvanceTo(finalDrafts.OpensAt!.Value, "engine");

        entries.Single(e => e.StepId == "final-drafts").Action.ShouldBe("step.reached");
        finalDrafts.State.ShouldBe(StepState.Completed);
    }

    [Fact]
    public void An_open_review_reminds_its_audience_14_and_3_days_before_the_close_once_each()
    {
        var assessment = Values();
        assessment.AdvanceTo(FodOpens, "engine");
        var fod = Step(assessment, "fod-review");
        fod.NextReminderAt.ShouldBe(FodCloses.AddDays(-14));

        assessment.AdvanceTo(FodCloses.AddDays(-14).AddSeconds(-1), "engine").ShouldNotContain(e => e.Action == "step.reminder");
        var first = assessment.AdvanceTo(FodCloses.AddDays(-14), "engine").Single(e => e.Action == "step.reminder");
        assessment.AdvanceTo(FodCloses.AddDays(-10), "engine").ShouldNotContain(e => e.Action == "step.reminder");
        var second = assessment.AdvanceTo(FodCloses.AddDays(-3), "engine").Single(e => e.Action == "step.reminder");

        (first.StepId, first.NewValue).ShouldBe(("fod-review", "14 days before the close"));
        second.NewValue.ShouldBe("3 days before the close");
        fod.NextReminderAt.ShouldBeNull();
        fod.NextDueAt.ShouldBe(FodCloses, "after the last reminder the close is next");
        assessment.AdvanceTo(FodCloses, "engine").ShouldNotContain(e => e.Action == "step.reminder");
    }

    [Fact]
    public void After_downtime_only_the_latest_reminder_is_sent_and_none_once_the_window_has_closed()
    {
        var late = Values();
        late.AdvanceTo(FodOpens, "engine");
        late.AdvanceTo(FodCloses.AddDays(-2), "engine").Where(e => e.Action == "step.reminder").Select(e => e.NewValue).ShouldBe(["3 days before the close"]);

        var afterClose = Values();
        afterClose.AdvanceTo(FodOpens, "engine");
        afterClose.AdvanceTo(FodCloses.AddHours(1), "engine").ShouldNotContain(e => e.Action == "step.reminder");

        var openedLate = Values();
        openedLate.AdvanceTo(FodCloses.AddDays(-5), "engine").Where(e => e.StepId == "fod-review").Select(e => e.Action).ShouldBe(["step.opened"], "a reminder that passed before the review opened is not sent");
    }

    [Fact]
    public void A_human_step_still_open_at_its_due_instant_is_reported_overdue_once()
    {
        var assessment = Values();
        var selection = Step(assessment, "expert-selection");
        assessment.AdvanceTo(selection.OpensAt!.Value, "engine");
        selection.NextDueAt.ShouldBe(selection.ClosesAt!.Value.AddDays(-7), "its 7-day reminder comes first, then its due instant");

        assessment.AdvanceTo(selection.ClosesAt!.Value.AddSeconds(-1), "engine").ShouldNotContain(e => e.Action == "step.overdue");
        var overdue = assessment.AdvanceTo(selection.ClosesAt!.Value, "engine").Single(e => e.Action == "step.overdue");
        assessment.AdvanceTo(selection.ClosesAt!.Value.AddDays(3), "engine").ShouldNotContain(e => e.Action == "step.overdue" && e.StepId == "expert-selection");

        overdue.StepId.ShouldBe("expert-selection");
        (selection.State, selection.NextDueAt).ShouldBe((StepState.Open, (DateTimeOffset?)null), "it waits for a person, with nothing more for the timer to do");
    }
}
