using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IpbesFlow.Testing;
using Microsoft.Extensions.DependencyInjection;
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
    public async Task The_openapi_document_is_valid_and_every_operation_declares_its_success_and_its_security()
    {
        var text = await client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        var anonymous = Anonymous();

        var (document, diagnostic) = Microsoft.OpenApi.Reader.OpenApiModelFactory.Parse(text, "json");

        diagnostic!.Errors.ShouldBeEmpty();
        document.ShouldNotBeNull();
        document.Components!.SecuritySchemes!.Keys.ShouldBe(["cookie", "bearer"], ignoreOrder: true);
        var problems = new List<string>();
        foreach (var (path, item) in document.Paths)
        {
            foreach (var (method, operation) in item.Operations!)
            {
                var key = $"{method.Method.ToUpperInvariant()} {path}";
                if (!operation.Responses!.Keys.Any(code => code.StartsWith('2')))
                {
                    problems.Add($"{key}: no success response");
                }

                var schemes = (operation.Security ?? []).SelectMany(r => r.Keys).Select(s => s.Reference.Id).Order(StringComparer.Ordinal).ToList();
                var open = anonymous.Contains(key);
                if (open ? schemes.Count > 0 : !schemes.SequenceEqual(["bearer", "cookie"]))
                {
                    problems.Add($"{key}: security [{string.Join(", ", schemes)}] for an operation {(open ? "anyone may call" : "that needs a sign-in")}");
                }
            }
        }

        problems.ShouldBeEmpty();
        var upload = document.Paths["/api/assessments/{id}/reviews/{stepId}/comments/upload"].Operations![HttpMethod.Post];
        upload.Parameters!.Single(p => p.Name == "as").Schema!.Enum!.Select(v => v.ToString()).ShouldBe(["expert", "government", "organisation"]);
        document.Paths["/api/assessments/{id}/reviews/{stepId}/export"].Operations![HttpMethod.Get].Responses!["200"].Content!.Keys.ShouldContain("text/csv");
    }

    [Fact]
    public async Task Query_values_bind_as_the_document_lists_them_and_others_are_named_in_the_refusal()
    {
        using var admin = await app.ClientAsAsync(Identity.TokenScope.Read, new Identity.RoleScope(Identity.Role.SecretariatAdmin));

        var listed = await admin.GetAsync("/api/notifications?status=dead-lettered", TestContext.Current.CancellationToken);
        var named = await admin.GetAsync("/api/notifications?status=DeadLettered", TestContext.Current.CancellationToken);
        var unknown = await admin.GetAsync("/api/notifications?status=lost", TestContext.Current.CancellationToken);

        listed.StatusCode.ShouldBe(HttpStatusCode.OK);
        named.StatusCode.ShouldBe(HttpStatusCode.OK, "the C# name binds too");
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await unknown.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("errors").GetProperty("status")[0].GetString()
            .ShouldBe("'lost' is not one of pending, sent, failed, dead-lettered.");
    }

    // What the running application lets anyone call, read from its endpoints as the authorization matrix does.
    private HashSet<string> Anonymous()
    {
        var anonymous = new HashSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in app.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints.OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is null)
            {
                continue;
            }

            var route = "/" + System.Text.RegularExpressions.Regex.Replace(endpoint.RoutePattern.RawText!.TrimStart('/'), @"\{(?<name>\w+)(:[^}]*)?\??\}", "{${name}}", System.Text.RegularExpressions.RegexOptions.ExplicitCapture, TimeSpan.FromSeconds(1)).TrimEnd('/');
            foreach (var method in endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                anonymous.Add($"{method} {route}");
            }
        }

        return anonymous;
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
