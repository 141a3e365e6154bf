using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IpbesFlow.Testing;
using Shouldly;

namespace IpbesFlow.Web.Tests.Api;

[Collection(nameof(AppCollection))]
public sealed class ServiceEndpointTests(IpbesFlowApp app)
{
    private readonly HttpClient client = app.CreateClient();

    [Fact]
    public async Task Ready_reports_the_database_and_the_scheduler()
    {
        // The scheduler starts once the application has started: wait on the condition, not a fixed delay.
        var response = await Eventually.GetAsync(
            () => client.GetAsync("/health/ready", TestContext.Current.CancellationToken),
            r => r.StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30),
            "/health/ready to answer 200");

        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe("""{"status":"Healthy"}""", "anyone may ask; which database and which scheduler is for the log");
    }

    [Fact]
    public async Task Ready_says_degraded_to_anyone_and_what_is_wrong_only_in_the_log()
    {
        using var tsu = await app.ClientAsAsync(Identity.TokenScope.Write, new Identity.RoleScope(Identity.Role.MepMember));
        var created = await tsu.PostAsync("/api/assessments", System.Net.Http.Json.JsonContent.Create(new { workflow = "single-review-deliverable", title = "Broken data", start = "2031-01-06" }), TestContext.Current.CancellationToken);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetGuid();
        await app.ExecuteSqlAsync($"UPDATE assessment_steps SET advance_failures = 1, advance_error = {"FormatException: reminder days are not numbers"} WHERE assessment_id = {id} AND step_id = 'drafting'");
        try
        {
            var response = await client.GetAsync("/health/ready", TestContext.Current.CancellationToken);

            response.StatusCode.ShouldBe(HttpStatusCode.OK, "degraded: the node still serves");
            (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe("""{"status":"Degraded"}""");
            app.Logs.Lines.ShouldContain(l => l.Contains("Health check due-steps is Degraded", StringComparison.Ordinal) && l.Contains("reminder days are not numbers", StringComparison.Ordinal));
        }
        finally
        {
            await app.ExecuteSqlAsync($"UPDATE assessment_steps SET advance_failures = 0, advance_error = NULL WHERE assessment_id = {id}");
        }
    }

    [Fact]
    public async Task Live_answers_without_touching_dependencies()
    {
        var response = await client.GetAsync("/health/live", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe("""{"status":"Healthy"}""");
    }

    [Fact]
    public async Task OpenApi_document_describes_the_api()
    {
        var response = await client.GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        document.RootElement.GetProperty("info").GetProperty("title").GetString().ShouldBe("IpbesFlow API");
        var paths = document.RootElement.GetProperty("paths");
        paths.TryGetProperty("/api/people", out var people).ShouldBeTrue();
        people.TryGetProperty("post", out _).ShouldBeTrue();
        paths.TryGetProperty("/api/people/{id}", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Api_reference_page_is_served_and_points_at_the_document()
    {
        var response = await client.GetAsync("/api-docs/", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        html.ShouldContain("IpbesFlow API");
        html.ShouldContain("openapi/v1.json");
        html.ShouldContain("scalar.js");
    }

    [Fact]
    public void Storage_is_created_under_the_configured_data_folder()
    {
        File.Exists(Path.Combine(app.DataDirectory, "ipbesflow.db")).ShouldBeTrue();
        Directory.Exists(Path.Combine(app.DataDirectory, "mail")).ShouldBeTrue();
    }
}
