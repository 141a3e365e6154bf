using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IpbesFlow.Identity;
using Shouldly;

namespace IpbesFlow.Web.Tests.Api;

[Collection(nameof(AppCollection))]
public sealed class WorkflowApiTests(IpbesFlowApp app) : IAsyncLifetime
{
    private HttpClient client = null!;

    public async ValueTask InitializeAsync() => client = await app.ClientAsAsync(TokenScope.Write, new RoleScope(Role.MepMember));

    public ValueTask DisposeAsync()
    {
        client.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task The_catalogue_lists_the_shipped_definitions()
    {
        var list = await client.GetFromJsonAsync<JsonElement>("/api/workflows", TestContext.Current.CancellationToken);

        list.EnumerateArray().Select(w => w.GetProperty("id").GetString()).ShouldBe(
            ["methodological-assessment", "scoping", "single-review-deliverable", "thematic-assessment"]);
    }

    [Fact]
    public async Task A_definition_shows_its_steps_as_the_file_writes_them()
    {
        var workflow = await client.GetFromJsonAsync<JsonElement>("/api/workflows/thematic-assessment", TestContext.Current.CancellationToken);

        workflow.GetProperty("version").GetInt32().ShouldBe(1);
        var steps = workflow.GetProperty("steps").EnumerateArray().ToList();
        var fod = steps.Single(s => s.GetProperty("id").GetString() == "fod-review");
        fod.GetProperty("duration").GetString().ShouldBe("${fod_review_weeks}w");
        fod.GetProperty("audience").EnumerateArray().Select(a => a.GetString()).ShouldBe(["experts"]);
        steps.Single(s => s.GetProperty("id").GetString() == "final-drafts").GetProperty("start").GetString().ShouldBe("12w before plenary");
        steps.Single(s => s.GetProperty("id").GetString() == "second-author-meeting").GetProperty("audience").EnumerateArray().Select(a => a.GetString()).ShouldContain("review-editors");
    }

    [Fact]
    public async Task An_unknown_workflow_or_version_is_404()
    {
        (await client.GetAsync("/api/workflows/regional-assessment", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync("/api/workflows/thematic-assessment?version=7", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Planning_returns_every_step_with_its_dates_and_takes_parameters_of_any_JSON_type()
    {
        var response = await client.PostAsJsonAsync(
            "/api/workflows/thematic-assessment/plan",
            new { start = "2026-01-12", parameters = new { fod_review_weeks = 6, additional_spm_review = "true" } },
            TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var plan = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        plan.GetProperty("plenaryDerived").GetBoolean().ShouldBeTrue();
        plan.GetProperty("conflicts").GetArrayLength().ShouldBe(0);
        var steps = plan.GetProperty("steps").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!);
        steps["fod-review"].GetProperty("days").GetInt32().ShouldBe(42);
        steps["additional-spm-review"].GetProperty("skipped").GetBoolean().ShouldBeFalse();
        steps["call-for-nominations"].GetProperty("start").GetString().ShouldBe("2026-01-12");
    }

    [Fact]
    public async Task Conflicts_come_back_with_the_plan()
    {
        var plan = await (await client.PostAsJsonAsync("/api/workflows/thematic-assessment/plan", new { start = "2026-01-12", plenary = "2027-06-01" }, TestContext.Current.CancellationToken))
            .Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        var conflict = plan.GetProperty("conflicts").EnumerateArray().ShouldHaveSingleItem();
        conflict.GetProperty("steps").EnumerateArray().Select(s => s.GetString()).ShouldBe(["final-drafts", "third-author-meeting"]);
        conflict.GetProperty("shortfallDays").GetInt32().ShouldBe(301);
    }

    [Fact]
    public async Task Bad_plan_input_is_problem_details_naming_each_field()
    {
        var missingStart = await client.PostAsJsonAsync("/api/workflows/thematic-assessment/plan", new { }, TestContext.Current.CancellationToken);
        var badValues = await client.PostAsJsonAsync(
            "/api/workflows/thematic-assessment/plan",
            new { start = "2026-01-12", parameters = new { fod_review_weeks = 9 }, @fixed = new Dictionary<string, object> { ["sod-review"] = new { start = "2027-03-01", end = "2027-02-01" } } },
            TestContext.Current.CancellationToken);
        var badDate = await client.PostAsJsonAsync("/api/workflows/thematic-assessment/plan", new { start = "12 January 2026" }, TestContext.Current.CancellationToken);

        (await Errors(missingStart)).ShouldBe(["start"]);
        (await Errors(badValues)).ShouldBe(["fixed.sod-review.end", "parameters.fod_review_weeks"]);
        (await Errors(badDate)).ShouldBe(["start"]);
    }

    private static async Task<IEnumerable<string>> Errors(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        return problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal);
    }
}
