using System.Text.Json;
using IpbesFlow.Common;
using IpbesFlow.Workflows;
using Shouldly;

namespace IpbesFlow.Tests.Workflows;

public sealed class WorkflowPlannerTests
{
    private static DateOnly D(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    private static FixedDates Between(string start, string end) => new(D(start), D(end));

    [Fact]
    public void The_values_assessment_with_its_real_dates_fixed_reproduces_them_without_conflict()
    {
        // IPBES/8/2: the values assessment (methodological), for IPBES-9 (Bonn, 3-9 July 2022).
        var seed = new Dictionary<string, FixedDates>
        {
            ["fod-review"] = Between("2019-07-29", "2019-09-22"),
            ["second-author-meeting"] = Between("2019-10-21", "2019-10-25"),
            ["sod-review"] = Between("2021-01-20", "2021-03-19"),
            ["third-author-meeting"] = Between("2021-04-12", "2021-04-21"),
            ["additional-spm-review"] = Between("2021-10-04", "2021-10-29"),
        };

        var plan = WorkflowPlanner.Plan(ShippedWorkflows.Get("methodological-assessment"), new PlanRequest
        {
            Start = D("2017-06-01"),
            Plenary = D("2022-07-03"),
            Parameters = new Dictionary<string, string> { ["additional_spm_review"] = "true" },
            Fixed = seed,
        });

        plan.Conflicts.ShouldBeEmpty();
        foreach (var (id, dates) in seed)
        {
            var step = plan.Steps.Single(s => s.Id == id);
            (step.Start, step.End, step.Fixed).ShouldBe((dates.Start!.Value, dates.End!.Value, true), id);
        }

        plan.Steps.Single(s => s.Id == "plenary-approval").Start.ShouldBe(D("2022-07-03"));
        plan.Steps.Single(s => s.Id == "final-drafts").Start.ShouldBe(D("2022-07-03").AddDays(-84));
    }

    [Theory]
    [InlineData("sustainable use of wild species", "2019-08-27", "2019-10-20", "2019-11-18", "2019-11-22")]
    [InlineData("invasive alien species", "2020-08-31", "2020-10-18", "2020-11-30", "2020-12-07")]
    public void The_seed_thematic_assessments_reproduce_their_review_and_meeting_dates(string name, string reviewStart, string reviewEnd, string meetingStart, string meetingEnd)
    {
        var plan = WorkflowPlanner.Plan(ShippedWorkflows.Get("thematic-assessment"), new PlanRequest
        {
            Start = D("2018-01-08"),
            Fixed = new Dictionary<string, FixedDates>
            {
                ["fod-review"] = Between(reviewStart, reviewEnd),
                ["second-author-meeting"] = Between(meetingStart, meetingEnd),
            },
        });

        plan.Conflicts.ShouldBeEmpty(name);
        plan.Steps.Single(s => s.Id == "fod-review").ShouldSatisfyAllConditions(
            s => s.Start.ShouldBe(D(reviewStart)),
            s => s.End.ShouldBe(D(reviewEnd)));
        plan.Steps.Single(s => s.Id == "second-author-meeting").ShouldSatisfyAllConditions(
            s => s.Start.ShouldBe(D(meetingStart)),
            s => s.End.ShouldBe(D(meetingEnd)));
    }

    [Fact]
    public void A_new_thematic_assessment_from_a_start_date_alone_follows_the_procedure()
    {
        var plan = WorkflowPlanner.Plan(ShippedWorkflows.Get("thematic-assessment"), new PlanRequest { Start = D("2026-01-12") });
        var step = plan.Steps.ToDictionary(s => s.Id);

        plan.Conflicts.ShouldBeEmpty();
        plan.PlenaryDerived.ShouldBeTrue();
        var plenary = plan.Plenary.ShouldNotBeNull();
        step["call-for-nominations"].Start.ShouldBe(D("2026-01-12"));
        step["fod-review"].Days.ShouldBe(56, "first-order draft: experts, 6-8 weeks (8 by default)");
        step["fod-review"].Audience.ShouldBe([Audience.Experts]);
        step["sod-review"].Days.ShouldBe(56, "second-order draft and SPM: 8 weeks");
        step["sod-review"].Audience.ShouldBe([Audience.Governments, Audience.Experts, Audience.Stakeholders]);
        step["final-drafts"].Start.ShouldBe(plenary.AddDays(-84), "final drafts 12 weeks before the Plenary");
        step["final-government-review"].End.ShouldBe(plenary.AddDays(-14), "final government review closes 2 weeks before it");
        step["plenary-approval"].Start.ShouldBe(plenary);
        step["additional-spm-review"].Skipped.ShouldBeTrue();

        // Every step starts no earlier than the day after each step it follows.
        var definition = ShippedWorkflows.Get("thematic-assessment");
        foreach (var s in definition.Steps.Where(s => !step[s.Id].Skipped))
        {
            foreach (var before in s.After.Where(a => !step[a].Skipped))
            {
                step[s.Id].Start.ShouldBeGreaterThanOrEqualTo(step[before].Kind.Name == "milestone" ? step[before].End : step[before].End.AddDays(1), $"{s.Id} after {before}");
            }
        }
    }

    [Fact]
    public void The_derived_Plenary_is_the_earliest_that_works()
    {
        var definition = ShippedWorkflows.Get("thematic-assessment");
        var derived = WorkflowPlanner.Plan(definition, new PlanRequest { Start = D("2026-01-12") }).Plenary!.Value;

        WorkflowPlanner.Plan(definition, new PlanRequest { Start = D("2026-01-12"), Plenary = derived }).Conflicts.ShouldBeEmpty();
        WorkflowPlanner.Plan(definition, new PlanRequest { Start = D("2026-01-12"), Plenary = derived.AddDays(-1) }).Conflicts.ShouldNotBeEmpty();
    }

    [Fact]
    public void The_first_order_review_length_follows_its_parameter()
    {
        var plan = WorkflowPlanner.Plan(ShippedWorkflows.Get("thematic-assessment"), new PlanRequest
        {
            Start = D("2026-01-12"),
            Parameters = new Dictionary<string, string> { ["fod_review_weeks"] = "6" },
        });

        plan.Steps.Single(s => s.Id == "fod-review").Days.ShouldBe(42);
        plan.Parameters["fod_review_weeks"].ShouldBe(6);
    }

    [Fact]
    public void The_additional_SPM_review_runs_only_when_asked_and_then_comes_before_the_final_drafts()
    {
        var plan = WorkflowPlanner.Plan(ShippedWorkflows.Get("thematic-assessment"), new PlanRequest
        {
            Start = D("2026-01-12"),
            Parameters = new Dictionary<string, string> { ["additional_spm_review"] = "true" },
        });
        var step = plan.Steps.ToDictionary(s => s.Id);

        step["additional-spm-review"].Skipped.ShouldBeFalse();
        step["additional-spm-review"].Days.ShouldBe(28);
        step["final-drafts"].Start.ShouldBeGreaterThan(step["additional-spm-review"].End);
        plan.Conflicts.ShouldBeEmpty();
    }

    [Fact]
    public void A_Plenary_too_soon_is_a_conflict_naming_the_steps_and_the_shortfall_not_a_squeeze()
    {
        var plan = WorkflowPlanner.Plan(ShippedWorkflows.Get("thematic-assessment"), new PlanRequest { Start = D("2026-01-12"), Plenary = D("2027-06-01") });

        var conflict = plan.Conflicts.ShouldHaveSingleItem();
        conflict.Steps.ShouldBe(["final-drafts", "third-author-meeting"]);
        conflict.ShortfallDays.ShouldBe(301);
        conflict.Message.ShouldBe("'final-drafts' must start 2027-03-09 (12w before plenary), but 'third-author-meeting' ends 2028-01-03, so it cannot start before 2028-01-04: 301 day(s) short.");
        plan.Steps.Single(s => s.Id == "sod-review").Days.ShouldBe(56, "no window is shortened to make the date fit");
    }

    [Fact]
    public void A_fixed_date_moves_every_later_step_by_the_same_amount_and_nothing_earlier()
    {
        var definition = ShippedWorkflows.Get("thematic-assessment");
        var before = WorkflowPlanner.Plan(definition, new PlanRequest { Start = D("2026-01-12") });
        var fodStart = before.Steps.Single(s => s.Id == "fod-review").Start;

        var after = WorkflowPlanner.Plan(definition, new PlanRequest
        {
            Start = D("2026-01-12"),
            Fixed = new Dictionary<string, FixedDates> { ["fod-review"] = new(fodStart.AddDays(10), null) },
        });

        var index = before.Steps.Select((s, i) => (s.Id, i)).First(x => x.Id == "fod-review").i;
        for (var i = 0; i < before.Steps.Count; i++)
        {
            if (!before.Steps[i].Skipped)
            {
                var shift = after.Steps[i].Start.DayNumber - before.Steps[i].Start.DayNumber;
                shift.ShouldBe(i < index ? 0 : 10, before.Steps[i].Id);
            }
        }

        after.Plenary.ShouldBe(before.Plenary!.Value.AddDays(10));
    }

    [Fact]
    public void A_fixed_date_earlier_than_its_dependencies_allow_is_a_conflict()
    {
        var plan = WorkflowPlanner.Plan(ShippedWorkflows.Get("scoping"), new PlanRequest
        {
            Start = D("2019-06-03"),
            Fixed = new Dictionary<string, FixedDates> { ["scoping-meeting"] = Between("2019-08-01", "2019-08-05") },
        });

        var conflict = plan.Conflicts.ShouldHaveSingleItem();
        conflict.Steps.ShouldBe(["scoping-meeting", "online-consultation"]);
        conflict.Message.ShouldStartWith("'scoping-meeting' is fixed to start 2019-08-01, but 'online-consultation' ends ");
    }

    [Fact]
    public void A_deliverable_approved_by_the_MEP_has_no_Plenary_and_skips_the_Plenary_step()
    {
        var plan = WorkflowPlanner.Plan(ShippedWorkflows.Get("single-review-deliverable"), new PlanRequest { Start = D("2020-04-06") });

        plan.Plenary.ShouldBeNull();
        plan.Steps.Single(s => s.Id == "plenary-approval").Skipped.ShouldBeTrue();
        plan.Steps.Single(s => s.Id == "contributions-survey").ShouldSatisfyAllConditions(s => s.Start.ShouldBe(D("2020-04-06")), s => s.Days.ShouldBe(56));
        plan.Steps.Single(s => s.Id == "external-review").Days.ShouldBe(56);
        plan.Steps.Single(s => s.Id == "publication").Start.ShouldBe(plan.Steps.Single(s => s.Id == "mep-approval").End.AddDays(1));
    }

    [Fact]
    public void Bad_requests_name_every_field_at_once()
    {
        var refused = Should.Throw<ValidationFailedException>(() => WorkflowPlanner.Plan(ShippedWorkflows.Get("thematic-assessment"), new PlanRequest
        {
            Start = D("2026-01-12"),
            Plenary = D("2025-12-01"),
            Parameters = new Dictionary<string, string> { ["fod_review_weeks"] = "9", ["additional_spm_review"] = "perhaps", ["colour"] = "green" },
            Fixed = new Dictionary<string, FixedDates> { ["nope"] = Between("2026-01-01", "2026-01-02"), ["sod-review"] = Between("2027-03-01", "2027-02-01") },
        }));

        refused.Errors.Select(e => $"{e.Field}: {e.Message}").ShouldBe(
        [
            "parameters.fod_review_weeks: 9 is outside 6..8.",
            "parameters.additional_spm_review: 'perhaps' is not a bool.",
            "parameters.colour: 'thematic-assessment' has no parameter 'colour'; it has fod_review_weeks, additional_spm_review.",
            "plenary: The Plenary (2025-12-01) is before the start (2026-01-12).",
            "fixed.nope: 'thematic-assessment' has no step 'nope'.",
            "fixed.sod-review.end: The end (2027-02-01) is before the start (2027-03-01).",
        ], ignoreOrder: true);
    }

    [Fact]
    public void Fixing_a_step_that_the_parameters_skip_is_refused()
    {
        var refused = Should.Throw<ValidationFailedException>(() => WorkflowPlanner.Plan(ShippedWorkflows.Get("thematic-assessment"), new PlanRequest
        {
            Start = D("2026-01-12"),
            Fixed = new Dictionary<string, FixedDates> { ["additional-spm-review"] = Between("2027-10-04", "2027-10-29") },
        }));

        refused.Errors.ShouldHaveSingleItem().Field.ShouldBe("fixed.additional-spm-review");
    }

    [Fact]
    public void Planning_is_deterministic()
    {
        var request = new PlanRequest { Start = D("2026-01-12"), Parameters = new Dictionary<string, string> { ["additional_spm_review"] = "true" } };

        var first = JsonSerializer.Serialize(WorkflowPlanner.Plan(ShippedWorkflows.Get("thematic-assessment"), request));
        var second = JsonSerializer.Serialize(WorkflowPlanner.Plan(ShippedWorkflows.Get("thematic-assessment"), request));

        second.ShouldBe(first);
    }
}
