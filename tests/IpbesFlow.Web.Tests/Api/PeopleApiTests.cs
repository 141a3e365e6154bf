using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using IpbesFlow.Identity;
using Shouldly;

namespace IpbesFlow.Web.Tests.Api;

[Collection(nameof(AppCollection))]
public sealed class PeopleApiTests(IpbesFlowApp app) : IAsyncLifetime
{
    private HttpClient client = null!;

    public async ValueTask InitializeAsync() => client = await app.ClientAsAsync(TokenScope.Write, new RoleScope(Role.TsuMember, AssessmentId: Guid.NewGuid()));

    public ValueTask DisposeAsync()
    {
        client.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Registering_a_person_answers_201_with_its_location()
    {
        var email = $"{Guid.NewGuid():N}@example.org";

        var response = await client.PostAsJsonAsync("/api/people", new { fullName = "Вера Иванова", email, preferredLanguage = "ru", countryCode = "ru" }, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        created.GetProperty("fullName").GetString().ShouldBe("Вера Иванова");
        created.GetProperty("countryCode").GetString().ShouldBe("RU");
        var fetched = await client.GetFromJsonAsync<JsonElement>(response.Headers.Location, TestContext.Current.CancellationToken);
        fetched.GetProperty("email").GetString().ShouldBe(email);
    }

    [Fact]
    public async Task Invalid_fields_are_problem_details_naming_each_field()
    {
        var response = await client.PostAsJsonAsync("/api/people", new { fullName = "", email = "nope", preferredLanguage = "de" }, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        problem.GetProperty("status").GetInt32().ShouldBe(400);
        var errors = problem.GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal).ShouldBe(["email", "fullName", "preferredLanguage"]);
        errors.GetProperty("preferredLanguage")[0].GetString().ShouldBe("'de' is not a UN language; use one of ar, zh, en, fr, ru, es.");
    }

    [Fact]
    public async Task A_value_of_the_wrong_json_type_is_named()
    {
        using var body = new StringContent("""{"fullName":"A","email":"a@example.org","preferredLanguage":"en","countryCode":42}""", Encoding.UTF8, "application/json");

        var response = await client.PostAsync("/api/people", body, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        problem.GetProperty("errors").TryGetProperty("countryCode", out _).ShouldBeTrue(problem.ToString());
    }

    [Fact]
    public async Task A_duplicate_email_is_409_naming_the_field()
    {
        var email = $"{Guid.NewGuid():N}@example.org";
        (await client.PostAsJsonAsync("/api/people", new { fullName = "One", email, preferredLanguage = "en" }, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        var response = await client.PostAsJsonAsync("/api/people", new { fullName = "Two", email = email.ToUpperInvariant(), preferredLanguage = "en" }, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        problem.GetProperty("field").GetString().ShouldBe("email");
        problem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("already registered");
    }

    [Fact]
    public async Task An_unknown_person_is_404_problem_details()
    {
        var response = await client.GetAsync($"/api/people/{Guid.NewGuid()}", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task A_page_size_out_of_range_is_named()
    {
        var response = await client.GetAsync("/api/people?take=5000", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        problem.GetProperty("errors").TryGetProperty("take", out _).ShouldBeTrue();
    }
}
