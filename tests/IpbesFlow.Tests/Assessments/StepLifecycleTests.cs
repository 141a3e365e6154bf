using IpbesFlow.Assessments;
using IpbesFlow.Assessments.Events;
using IpbesFlow.Common;
using IpbesFlow.Workflows;
using Shouldly;

namespace IpbesFlow.Tests.Assessments;

/// <summary>What people may do to a step in each state, and what the step says when they may not.</summary>
public sealed class StepLifecycleTests
{
    private static readonly DateTimeOffset FodOpens = ValuesAssessment.FodOpens;
    private static readonly DateTimeOffset FodCloses = ValuesAssessment.FodCloses;
    private static readonly WorkflowDefinition Definition = ValuesAssessment.Definition;

    private static Assessment Values() => ValuesAssessment.Create();

    private static AssessmentStep Step(Assessment a, string id) => ValuesAssessment.Step(a, id);

    [Fact]
    public void A_human_step_is_completed_once_and_the_second_attempt_says_by_whom_and_when()
    {
        var assessment = Values();
        var selection = Step(assessment, "expert-selection");
        assessment.AdvanceTo(selection.OpensAt!.Value, "engine");
        var at = selection.OpensAt!.Value.AddDays(3);
        var version = assessment.Version;

        var entry = assessment.Act("expert-selection", StepAction.Complete, "46 experts selected", "mep@example.org", at);

        (entry.Action, entry.OldValue, entry.NewValue, entry.Details, entry.Actor).ShouldBe(("step.complete", "open", "completed", "46 experts selected", "mep@example.org"));
        (selection.State, selection.EndedAt, selection.ChangedBy).ShouldBe((StepState.Completed, at, "mep@example.org"));
        assessment.Version.ShouldBe(version, "a change to one step is guarded by the step's own revision, not the plan's version");

        var again = Should.Throw<ConflictException>(() => assessment.Act("expert-selection", StepAction.Complete, null, "other@example.org", at.AddMinutes(1)));
        again.Message.ShouldBe("Step 'expert-selection' is already completed (since 2017-11-16 00:00:00Z, by mep@example.org).".Replace("2017-11-16", at.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        (selection.State, selection.ChangedBy).ShouldBe((StepState.Completed, "mep@example.org"), "a refused action changes nothing");
    }

    [Fact]
    public void A_human_step_is_completed_only_once_open_and_can_be_started_early()
    {
        var assessment = Values();
        var now = FodOpens.AddYears(-2);

        Should.Throw<ConflictException>(() => assessment.Act("first-order-draft", StepAction.Complete, null, "cla@example.org", now))
            .Message.ShouldBe("Step 'first-order-draft' has not opened yet (it opens 2018-04-24 00:00Z); it can be completed once it is open. The secretariat may start it early, saying why.");
        Step(assessment, "first-order-draft").State.ShouldBe(StepState.Scheduled, "a refused action changes nothing");

        assessment.Act("zero-order-draft", StepAction.Start, "drafts ready early", "secretariat@example.org", now).NewValue.ShouldBe("open");
        Step(assessment, "zero-order-draft").StartedAt.ShouldBe(now);
        Should.Throw<ConflictException>(() => assessment.Act("zero-order-draft", StepAction.Start, "again", "secretariat@example.org", now)).Message.ShouldContain("already open");
        assessment.Act("zero-order-draft", StepAction.Complete, null, "cla@example.org", now.AddDays(1)).OldValue.ShouldBe("open");
    }

    [Fact]
    public void The_plenary_approval_is_completed_with_its_decision_dated_between_its_opening_and_today()
    {
        var assessment = Values();
        var approval = Step(assessment, "plenary-approval");
        assessment.AdvanceTo(approval.OpensAt!.Value, "engine");
        var today = approval.OpensAt!.Value.AddDays(5);
        var opened = DateOnly.FromDateTime(approval.OpensAt!.Value.UtcDateTime);

        var missing = Should.Throw<ValidationFailedException>(() => assessment.Act("plenary-approval", StepAction.Complete, null, "secretariat", today));
        var tomorrow = Should.Throw<ValidationFailedException>(() => assessment.Act("plenary-approval", StepAction.Complete, null, "secretariat", today, new PlenaryDecision("IPBES-9/1", opened.AddDays(6))));
        var elsewhere = Should.Throw<ValidationFailedException>(() => assessment.Act("expert-selection", StepAction.Complete, null, "secretariat", today, new PlenaryDecision("IPBES-9/1", opened)));
        var entry = assessment.Act("plenary-approval", StepAction.Complete, "approved line by line", "secretariat", today, new PlenaryDecision(" IPBES-9/1 ", opened.AddDays(4)));

        missing.Errors.Select(e => e.Field).ShouldBe(["decision", "decidedOn"]);
        tomorrow.Errors.Single().Field.ShouldBe("decidedOn");
        elsewhere.Errors.Single().Message.ShouldBe("Only the Plenary's approval is recorded with a decision; 'expert-selection' is not.");
        (approval.State, approval.DecisionReference, approval.DecidedOn).ShouldBe((StepState.Completed, "IPBES-9/1", opened.AddDays(4)));
        entry.Details.ShouldBe($"decision IPBES-9/1 of {opened.AddDays(4):yyyy-MM-dd}; approved line by line");
    }

    [Fact]
    public void A_review_opens_and_closes_on_its_instants_and_is_completed_only_after_it_closed()
    {
        var assessment = Values();

        Should.Throw<ConflictException>(() => assessment.Act("fod-review", StepAction.Start, null, "tsu", FodOpens.AddDays(-5)))
            .Message.ShouldBe("Step 'fod-review' is a review: it opens at its scheduled time (2019-07-29 00:00Z). To open it at another time, reschedule it.");
        Should.Throw<ConflictException>(() => assessment.Act("fod-review", StepAction.Complete, null, "tsu", FodOpens.AddDays(-5)))
            .Message.ShouldContain("has not opened yet");

        assessment.AdvanceTo(FodOpens, "engine");
        Should.Throw<ConflictException>(() => assessment.Act("fod-review", StepAction.Complete, null, "tsu", FodOpens.AddDays(1)))
            .Message.ShouldBe("Step 'fod-review' is open until 2019-09-23 00:00Z; it can be completed once it has closed.");

        assessment.AdvanceTo(FodCloses, "engine");
        assessment.Act("fod-review", StepAction.Complete, "responses done", "tsu", FodCloses.AddDays(30)).NewValue.ShouldBe("completed");
        Step(assessment, "fod-review").EndedAt.ShouldBe(FodCloses, "it ended when it closed, not when it was marked complete");
    }

    [Fact]
    public void Only_a_step_that_has_not_begun_is_skipped_and_a_cancelled_window_never_closes()
    {
        var assessment = Values();
        assessment.Act("third-author-meeting", StepAction.Skip, "merged with the second meeting", "tsu", FodOpens).NewValue.ShouldBe("skipped");
        Step(assessment, "third-author-meeting").NextDueAt.ShouldBeNull();
        Should.Throw<ConflictException>(() => assessment.Act("additional-spm-review", StepAction.Skip, "not needed", "tsu", FodOpens))
            .Message.ShouldBe("Step 'additional-spm-review' is already skipped (the plan leaves it out: its condition does not hold).");

        assessment.AdvanceTo(FodOpens, "engine");
        Should.Throw<ConflictException>(() => assessment.Act("fod-review", StepAction.Skip, "late", "tsu", FodOpens.AddDays(1)))
            .Message.ShouldContain("only a step that has not begun can be skipped (cancel it instead)");

        assessment.Act("fod-review", StepAction.Cancel, "drafts withdrawn", "tsu", FodOpens.AddDays(2));
        var fod = Step(assessment, "fod-review");
        (fod.State, fod.EndedAt, fod.NextDueAt).ShouldBe((StepState.Cancelled, FodOpens.AddDays(2), (DateTimeOffset?)null));
        assessment.AdvanceTo(FodCloses, "engine").ShouldNotContain(e => e.StepId == "fod-review");
    }

    [Fact]
    public void A_milestone_is_reached_by_its_date_not_by_hand_and_an_unknown_step_is_not_found()
    {
        var assessment = Values();

        Should.Throw<ConflictException>(() => assessment.Act("final-drafts", StepAction.Complete, null, "tsu", FodOpens)).Message.ShouldContain("is a milestone");
        Should.Throw<NotFoundException>(() => assessment.Act("no-such-step", StepAction.Complete, null, "tsu", FodOpens));
    }

    [Fact]
    public void A_new_plan_moves_what_has_not_begun_moves_only_the_end_of_an_open_window_and_never_touches_history()
    {
        var assessment = Values();
        assessment.AdvanceTo(FodOpens.AddDays(1), "engine");
        var zod = Step(assessment, "zero-order-draft");
        var (zodStart, zodEnd) = (zod.PlannedStart, zod.PlannedEnd);

        // The TSU extends the open FOD review by two weeks: its start is held, its end and everything after move.
        var keep = assessment.DatesToKeep(except: "fod-review").ToDictionary(StringComparer.Ordinal);
        keep["fod-review"] = new FixedDates(new DateOnly(2019, 7, 29), new DateOnly(2019, 10, 6));
        var plan = WorkflowPlanner.Plan(Definition, new PlanRequest { Start = assessment.StartDate, Plenary = assessment.PlenaryDate, Fixed = keep });
        var secondMeeting = Step(assessment, "second-author-meeting").PlannedStart;

        var entries = assessment.ApplyPlan(plan, "fod-review", "translation of the drafts was late", "tsu", FodOpens.AddDays(1));

        var fod = Step(assessment, "fod-review");
        (fod.PlannedStart, fod.PlannedEnd, fod.ClosesAt).ShouldBe((new DateOnly(2019, 7, 29), new DateOnly(2019, 10, 6), new DateTimeOffset(2019, 10, 7, 0, 0, 0, TimeSpan.Zero)));
        entries.OfType<StepRescheduled>().Single(e => e.StepId == "fod-review").ShouldSatisfyAllConditions(
            e => e.OldValue.ShouldBe("2019-07-29..2019-09-22"),
            e => e.NewValue.ShouldBe("2019-07-29..2019-10-06"),
            e => e.Details.ShouldBe("translation of the drafts was late"));
        entries.OfType<ScheduleChanged>().Single().ShouldSatisfyAllConditions(
            c => c.StepId.ShouldBe("fod-review", "the step the TSU moved"),
            c => c.Changes.Count.ShouldBe(entries.OfType<StepRescheduled>().Count(), "one schedule change lists every step that moved"),
            c => (c.Action, c.NewValue, c.Details).ShouldBe(("schedule.changed", $"{c.Changes.Count} step(s) moved", "translation of the drafts was late")));
        Step(assessment, "second-author-meeting").PlannedStart.ShouldBe(secondMeeting.AddDays(14));
        (zod.PlannedStart, zod.PlannedEnd).ShouldBe((zodStart, zodEnd), "a step that has ended keeps its dates");
        entries.ShouldNotContain(e => e.StepId == "zero-order-draft");
    }

    [Fact]
    public void Moving_to_a_version_without_a_step_in_progress_is_refused_with_the_list()
    {
        var assessment = Values();
        assessment.AdvanceTo(FodOpens.AddDays(1), "engine");
        var v2 = Definition with
        {
            Version = Definition.Version + 1,
            Steps = Definition.Steps.Where(s => s.Id is not ("fod-review" or "zod-internal-review"))
                .Select(s => s.Id == "second-author-meeting" ? s with { After = ["first-order-draft"] } : s.Id == "first-order-draft" ? s with { After = ["zero-order-draft"] } : s)
                .ToList(),
        };
        var plan = WorkflowPlanner.Plan(v2, new PlanRequest { Start = assessment.StartDate, Plenary = assessment.PlenaryDate });
        var version = assessment.Version;

        var refused = Should.Throw<ConflictException>(() => assessment.MoveTo(v2, plan, "tsu", FodOpens.AddDays(1)));

        refused.Message.ShouldContain("'zod-internal-review' (closed); 'fod-review' (open)");
        assessment.WorkflowVersion.ShouldBe(Definition.Version);
        assessment.Version.ShouldBe(version);
        assessment.Steps.Count.ShouldBe(Definition.Steps.Count);
    }

    [Fact]
    public void Moving_to_a_newer_version_maps_steps_by_id_adds_new_ones_and_drops_ones_that_had_not_begun()
    {
        var assessment = Values();
        assessment.AdvanceTo(FodOpens.AddDays(1), "engine");
        var webinar = new StepDefinition { Id = "sod-webinar", Kind = StepKind.Find("meeting")!, Title = "Webinar for SOD reviewers", After = ["second-order-draft"], Duration = new DurationSpec(1, null, 'd') };
        var v2 = Definition with
        {
            Version = Definition.Version + 1,
            Steps = Definition.Steps.Where(s => s.Id != "publication-of-comments").Append(webinar).ToList(),
        };
        var keep = assessment.DatesToKeep().Where(k => v2.FindStep(k.Key) is not null).ToDictionary(StringComparer.Ordinal);
        var plan = WorkflowPlanner.Plan(v2, new PlanRequest { Start = assessment.StartDate, Plenary = assessment.PlenaryDate, Fixed = keep });

        var entries = assessment.MoveTo(v2, plan, "tsu", FodOpens.AddDays(1));

        assessment.WorkflowVersion.ShouldBe(v2.Version);
        entries[0].ShouldSatisfyAllConditions(e => e.Action.ShouldBe("assessment.version-changed"), e => e.NewValue.ShouldBe($"v{v2.Version}"));
        entries.ShouldContain(e => e.Action == "step.removed" && e.StepId == "publication-of-comments");
        entries.ShouldContain(e => e.Action == "step.added" && e.StepId == "sod-webinar");
        Step(assessment, "sod-webinar").State.ShouldBe(StepState.Scheduled);
        Step(assessment, "fod-review").State.ShouldBe(StepState.Open, "a step in progress carries on");
        assessment.Steps.Select(s => s.Ordinal).ShouldBe(Enumerable.Range(0, v2.Steps.Count));
    }

    [Fact]
    public void Only_a_meeting_that_has_not_ended_is_invited_once_and_each_change_raises_its_sequence()
    {
        var assessment = Values();
        var meeting = Step(assessment, "second-author-meeting");

        Should.Throw<ConflictException>(() => assessment.Act("fod-review", StepAction.Invite, null, "tsu", FodOpens)).Message.ShouldContain("only meetings have calendar invitations");
        meeting.InvitationSequence.ShouldBeNull();
        assessment.Act("second-author-meeting", StepAction.Invite, null, "tsu", FodOpens).NewValue.ShouldBe("invitation sequence 0");
        (meeting.InvitationSequence, meeting.State).ShouldBe((0, StepState.Scheduled));

        assessment.Act("second-author-meeting", StepAction.Cancel, "merged", "tsu", FodOpens);
        meeting.InvitationSequence.ShouldBe(1, "the cancellation is a new version of the invitation");
        Should.Throw<ConflictException>(() => assessment.Act("second-author-meeting", StepAction.Invite, null, "tsu", FodOpens)).Message.ShouldContain("too late");
        Step(assessment, "third-author-meeting").InvitationSequence.ShouldBeNull("meetings nobody was invited to send nothing when they change");
    }

    [Fact]
    public void A_version_that_drops_a_meeting_people_were_invited_to_is_refused_until_it_is_cancelled()
    {
        var assessment = Values();
        assessment.Act("third-author-meeting", StepAction.Invite, null, "tsu", FodOpens);
        var v2 = Definition with
        {
            Version = Definition.Version + 1,
            Steps = Definition.Steps.Where(s => s.Id != "third-author-meeting")
                .Select(s => s.After.Contains("third-author-meeting") ? s with { After = ["second-author-meeting"] } : s)
                .ToList(),
        };
        var plan = WorkflowPlanner.Plan(v2, new PlanRequest { Start = assessment.StartDate, Plenary = assessment.PlenaryDate });

        var refused = Should.Throw<ConflictException>(() => assessment.MoveTo(v2, plan, "tsu", FodOpens));
        assessment.Act("third-author-meeting", StepAction.Cancel, "not needed in the new process", "tsu", FodOpens);
        var entries = assessment.MoveTo(v2, plan, "tsu", FodOpens);

        refused.Message.ShouldContain("'third-author-meeting' (scheduled, invitation sent)");
        refused.Message.ShouldContain("Finish or cancel those steps");
        entries.ShouldContain(e => e.Action == "step.removed" && e.StepId == "third-author-meeting", "once its participants were sent the cancellation");
    }

    [Fact]
    public void A_version_that_moves_an_invited_meeting_raises_its_sequence_and_names_it_for_the_changed_invitation()
    {
        var assessment = Values();
        assessment.Act("second-author-meeting", StepAction.Invite, null, "tsu", FodOpens);
        var v2 = Definition with
        {
            Version = Definition.Version + 1,
            Steps = Definition.Steps.Select(s => s.Id == "second-author-meeting" ? s with { Lag = new DurationSpec(2, null, 'w') } : s).ToList(),
        };
        var plan = WorkflowPlanner.Plan(v2, new PlanRequest { Start = assessment.StartDate, Plenary = assessment.PlenaryDate });
        var before = Step(assessment, "second-author-meeting").PlannedStart;

        var entries = assessment.MoveTo(v2, plan, "tsu", FodOpens);
        var invited = entries.OfType<StepRescheduled>().Where(r => r.StandingInvitation is not null).Select(r => (r.StepId, Sequence: r.StandingInvitation!.Value)).ToList();

        Step(assessment, "second-author-meeting").PlannedStart.ShouldNotBe(before);
        invited.ShouldContain(("second-author-meeting", 1));
        invited.ShouldNotContain(m => m.StepId == "third-author-meeting", "nobody was invited to it");
        entries.OfType<ScheduleChanged>().Single().ShouldSatisfyAllConditions(
            c => c.StepId.ShouldBeNull(),
            c => c.Changes.Select(x => x.Step).ShouldContain("second-author-meeting"),
            c => c.Reason.ShouldBe($"moved to {v2.Id} v{v2.Version}"));
    }
}
