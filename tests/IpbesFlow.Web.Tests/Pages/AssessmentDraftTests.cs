using IpbesFlow.Web.Components;
using IpbesFlow.Workflows;
using Microsoft.Extensions.Primitives;
using Shouldly;

namespace IpbesFlow.Web.Tests.Pages;

/// <summary>The new-assessment form's fields become the API's plan query and create command: empty fields are not
/// given, fixed dates only for the steps that have one, and the button pressed decides preview or create.</summary>
public sealed class AssessmentDraftTests
{
    [Fact]
    public void The_fields_become_the_plan_and_the_command_with_only_what_was_filled_in()
    {
        var draft = AssessmentDraft.Read(Form(
            ("workflow", "thematic-assessment"), ("title", " Nexus "), ("start", "2021-11-01"), ("plenary", ""), ("time-zone", "Africa/Nairobi"),
            ("parameter.survey", "false"), ("parameter.empty", "  "),
            ("fixed-start.fod-review", "2023-07-29"), ("fixed-end.fod-review", ""), ("fixed-start.revision", ""), ("fixed-end.revision", ""),
            ("intent", "preview")));

        draft.Create.ShouldBeFalse();
        var plan = draft.Plan();
        plan.Id.ShouldBe("thematic-assessment");
        plan.Start.ShouldBe(new DateOnly(2021, 11, 1));
        plan.Plenary.ShouldBeNull();
        plan.Parameters.ShouldBe(new Dictionary<string, string> { ["survey"] = "false" });
        plan.Fixed!.Keys.ShouldBe(["fod-review"]);
        plan.Fixed["fod-review"].ShouldBe(new FixedDates(new DateOnly(2023, 7, 29), null));
        var command = draft.Command();
        (command.Title, command.TimeZone).ShouldBe(("Nexus", "Africa/Nairobi"));
    }

    [Fact]
    public void The_create_button_creates_and_a_missing_start_is_left_for_the_command_to_refuse()
    {
        var draft = AssessmentDraft.Read(Form(("workflow", "scoping"), ("title", "Scoping"), ("start", "not a date"), ("intent", "create")));

        draft.Create.ShouldBeTrue();
        draft.Command().Start.ShouldBeNull("the command's validator names the start as required");
    }

    private static Dictionary<string, StringValues> Form(params (string Name, string Value)[] fields) =>
        fields.ToDictionary(f => f.Name, f => new StringValues(f.Value), StringComparer.Ordinal);
}
