using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IpbesFlow.Identity;
using Shouldly;

namespace IpbesFlow.Web.Tests.Api;

[Collection(nameof(AppCollection))]
public sealed class AssessmentApiTests(IpbesFlowApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_MEP_starts_an_assessment_and_staff_read_its_steps_and_journal()
    {
        using var mep = await app.ClientAsAsync(TokenScope.Write, new RoleScope(Role.MepMember));

        var response = await mep.PostAsJsonAsync("/api/assessments", new { workflow = "thematic-assessment", title = "Nexus assessment", start = "2021-06-01", parameters = new { fod_review_weeks = 6 } }, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var assessment = await mep.GetFromJsonAsync<JsonElement>(response.Headers.Location, Ct);
        assessment.GetProperty("workflowVersion").GetInt32().ShouldBe(1);
        var fod = assessment.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "fod-review");
        fod.GetProperty("state").GetString().ShouldBe("scheduled");
        var journal = await mep.GetFromJsonAsync<JsonElement>($"{response.Headers.Location}/journal", Ct);
        journal.EnumerateArray().Single().GetProperty("action").GetString().ShouldBe("assessment.created");
    }

    [Fact]
    public async Task A_schedule_with_conflicts_is_409_and_says_why()
    {
        using var mep = await app.ClientAsAsync(TokenScope.Write, new RoleScope(Role.MepMember));

        var response = await mep.PostAsJsonAsync("/api/assessments", new { workflow = "thematic-assessment", title = "Too soon", start = "2026-01-12", plenary = "2027-06-01" }, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("301 day(s) short");
    }
}
