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

        assessment.AdvanceTo(FodCloses.AddSeconds(-1), "engine").ShouldNotContain(e => e.StepId == "fod-review");
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
}
