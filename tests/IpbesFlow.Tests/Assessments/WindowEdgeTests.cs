using IpbesFlow.Assessments;
using IpbesFlow.Assessments.Events;
using IpbesFlow.Common;
using IpbesFlow.Workflows;
using Shouldly;

namespace IpbesFlow.Tests.Assessments;

/// <summary>Where a window's edges fall (midnight in the assessment's time zone), what a shortened or lengthened
/// window does with its reminders, and the secretariat closing a window now.</summary>
public sealed class WindowEdgeTests
{
    private static readonly DateTimeOffset FodOpens = ValuesAssessment.FodOpens;
    private static readonly DateTimeOffset FodCloses = ValuesAssessment.FodCloses;
    private static readonly DateOnly FodStart = new(2019, 7, 29);

    private static AssessmentStep Fod(Assessment assessment) => ValuesAssessment.Step(assessment, "fod-review");

    // What RescheduleStep does: the review keeps its start, takes the new end, and the plan follows.
    private static IReadOnlyList<AssessmentEvent> MoveFodEnd(Assessment assessment, DateOnly end, DateTimeOffset now)
    {
        var keep = assessment.DatesToKeep(except: "fod-review").ToDictionary(StringComparer.Ordinal);
        keep["fod-review"] = Fod(assessment).Moved(null, end, now, assessment.Zone);
        var plan = WorkflowPlanner.Plan(ValuesAssessment.Definition, new PlanRequest { Start = assessment.StartDate, Plenary = assessment.PlenaryDate, Fixed = keep });
        return assessment.ApplyPlan(plan, "fod-review", "shortened", "tsu", now);
    }

    private static List<string?> Reminders(IEnumerable<AssessmentEvent> entries) => [.. entries.Where(e => e.Action == "step.reminder" && e.StepId == "fod-review").Select(e => e.NewValue)];

    [Fact]
    public void A_window_opens_and_closes_at_midnight_where_the_assessment_says_not_in_utc()
    {
        var nairobi = ValuesAssessment.Create("Africa/Nairobi");
        var berlin = ValuesAssessment.Create("Europe/Berlin");

        (Fod(nairobi).OpensAt, Fod(nairobi).ClosesAt).ShouldBe((FodOpens.AddHours(-3), FodCloses.AddHours(-3)), "Nairobi is UTC+3 all year");
        (Fod(berlin).OpensAt, Fod(berlin).ClosesAt).ShouldBe((FodOpens.AddHours(-2), FodCloses.AddHours(-2)), "Berlin keeps summer time in July and September");
        nairobi.AdvanceTo(FodCloses.AddHours(-3).AddTicks(-1), "engine");
        Fod(nairobi).State.ShouldBe(StepState.Open, "open until the end of 22 September in Nairobi");
        nairobi.AdvanceTo(FodCloses.AddHours(-3), "engine");
        Fod(nairobi).State.ShouldBe(StepState.Closed);
    }

    [Fact]
    public void A_day_whose_midnight_a_clock_change_skips_or_repeats_starts_at_its_first_moment()
    {
        // Chile moved its clocks from 00:00 to 01:00 on 8 September 2019; Cuba from 01:00 back to 00:00 on 3 November.
        var santiago = TimeZoneInfo.FindSystemTimeZoneById("America/Santiago");
        var havana = TimeZoneInfo.FindSystemTimeZoneById("America/Havana");

        WindowTimeZone.StartOf(new DateOnly(2019, 9, 8), santiago).ShouldBe(new DateTimeOffset(2019, 9, 8, 4, 0, 0, TimeSpan.Zero), "01:00 at UTC-3");
        WindowTimeZone.StartOf(new DateOnly(2019, 11, 3), havana).ShouldBe(new DateTimeOffset(2019, 11, 3, 4, 0, 0, TimeSpan.Zero), "the first 00:00, still at UTC-4");
        WindowTimeZone.TryFind("Mars/Olympus_Mons", out _).ShouldBeFalse();
        WindowTimeZone.Name(" utc ").ShouldBe("UTC");
    }

    [Fact]
    public void A_new_time_zone_moves_what_has_not_begun_and_the_close_of_an_open_window_and_is_refused_if_that_close_has_passed()
    {
        var assessment = ValuesAssessment.Create();
        assessment.AdvanceTo(FodOpens.AddDays(1), "engine");
        var tooLate = ValuesAssessment.Create();
        tooLate.AdvanceTo(FodCloses.AddHours(-2), "engine");

        var entries = assessment.ChangeTimeZone("Asia/Tokyo", "the TSU works from Tokyo", "tsu", FodOpens.AddDays(1));
        var refused = Should.Throw<ConflictException>(() => tooLate.ChangeTimeZone("Asia/Tokyo", "late", "tsu", FodCloses.AddHours(-2)));

        entries.Single().ShouldSatisfyAllConditions(
            e => (e.Action, e.OldValue, e.NewValue, e.Details).ShouldBe(("assessment.time-zone", "UTC", "Asia/Tokyo", "the TSU works from Tokyo")));
        (Fod(assessment).OpensAt, Fod(assessment).ClosesAt).ShouldBe((FodOpens, FodCloses.AddHours(-9)), "it opened when it opened; it closes at midnight in Tokyo (UTC+9)");
        var meeting = ValuesAssessment.Step(assessment, "second-author-meeting");
        meeting.OpensAt.ShouldBe(WindowTimeZone.StartOf(meeting.PlannedStart, TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo")));
        assessment.ChangeTimeZone("Asia/Tokyo", "again", "tsu", FodOpens.AddDays(2)).ShouldBeEmpty("the same zone changes nothing");
        refused.Message.ShouldBe("In Asia/Tokyo the open step(s) fod-review would already have closed; close them first, or choose the zone after they close.");
        (tooLate.TimeZone, Fod(tooLate).ClosesAt).ShouldBe(("UTC", FodCloses), "a refused change changes nothing");
    }

    [Fact]
    public void Shortening_an_open_review_to_today_sends_the_latest_reminder_now_due_once()
    {
        var assessment = ValuesAssessment.Create();
        var now = FodOpens.AddDays(20).AddHours(9);
        Reminders(assessment.AdvanceTo(now, "engine")).ShouldBeEmpty("36 days are left");

        MoveFodEnd(assessment, DateOnly.FromDateTime(now.UtcDateTime), now);
        var sent = Reminders(assessment.AdvanceTo(now.AddMinutes(1), "engine"));
        var later = Reminders(assessment.AdvanceTo(now.AddHours(10), "engine"));

        Fod(assessment).ClosesAt.ShouldBe(new DateTimeOffset(2019, 8, 19, 0, 0, 0, TimeSpan.Zero));
        sent.ShouldBe(["3 days before the close"], "the 14-day and 3-day reminders both fell behind: the latest goes out, not both, not neither");
        later.ShouldBeEmpty("sent once");
    }

    [Fact]
    public void Shortening_keeps_the_reminders_still_ahead_and_lengthening_puts_back_those_that_lie_ahead_again()
    {
        var assessment = ValuesAssessment.Create();
        var now = FodCloses.AddDays(-20);
        assessment.AdvanceTo(now, "engine");

        MoveFodEnd(assessment, new DateOnly(2019, 9, 12), now);
        var passedNow = Reminders(assessment.AdvanceTo(now.AddMinutes(1), "engine"));
        var threeDaysBefore = Reminders(assessment.AdvanceTo(new DateTimeOffset(2019, 9, 10, 0, 0, 0, TimeSpan.Zero), "engine"));
        var extended = MoveFodEnd(assessment, new DateOnly(2019, 10, 6), new DateTimeOffset(2019, 9, 10, 8, 0, 0, TimeSpan.Zero));
        var afterExtension = Reminders(assessment.AdvanceTo(new DateTimeOffset(2019, 9, 23, 0, 0, 0, TimeSpan.Zero), "engine"));

        passedNow.ShouldBe(["14 days before the close"], "ten days are left: the 14-day reminder fell behind and goes out now");
        threeDaysBefore.ShouldBe(["3 days before the close"], "the 3-day reminder was still ahead and kept its place");
        extended.ShouldContain(e => e.StepId == "fod-review");
        afterExtension.ShouldBe(["14 days before the close"], "a close moved two weeks later has its 14-day reminder ahead again");
        Fod(assessment).NextReminderAt.ShouldBe(new DateTimeOffset(2019, 10, 4, 0, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void The_secretariat_closes_an_open_window_now_and_it_ends_on_that_day_where_its_edges_are_given()
    {
        var assessment = ValuesAssessment.Create("Africa/Nairobi");
        var at = new DateTimeOffset(2019, 8, 9, 22, 30, 0, TimeSpan.Zero);

        var early = Should.Throw<ConflictException>(() => assessment.Act("fod-review", StepAction.Close, "leak", "secretariat", FodOpens.AddDays(-5)));
        assessment.AdvanceTo(at, "engine");
        var task = Should.Throw<ConflictException>(() => assessment.Act("second-author-meeting", StepAction.Close, "x", "secretariat", at));
        var entry = assessment.Act("fod-review", StepAction.Close, "the drafts leaked", "secretariat", at);
        var again = Should.Throw<ConflictException>(() => assessment.Act("fod-review", StepAction.Close, "again", "secretariat", at.AddHours(1)));

        early.Message.ShouldStartWith("Step 'fod-review' is scheduled");
        early.Message.ShouldContain("only an open window can be closed now");
        task.Message.ShouldContain("only a call or a review window is closed early");
        (entry.Action, entry.OldValue, entry.NewValue, entry.Details).ShouldBe(("step.close", "open", "closed", "the drafts leaked"));
        var fod = Fod(assessment);
        (fod.State, fod.ClosesAt, fod.EndedAt, fod.NextReminderAt).ShouldBe((StepState.Closed, (DateTimeOffset?)at, (DateTimeOffset?)at, (DateTimeOffset?)null));
        fod.PlannedEnd.ShouldBe(new DateOnly(2019, 8, 10), "22:30 UTC is 01:30 on 10 August in Nairobi");
        fod.PlannedStart.ShouldBe(FodStart);
        again.Message.ShouldStartWith("Step 'fod-review' is closed (since 2019-08-09 22:30:00Z, by secretariat)");
        assessment.AdvanceTo(FodCloses, "engine").ShouldNotContain(e => e.StepId == "fod-review" && e.Action == "step.closed", "it does not close a second time");
    }
}
