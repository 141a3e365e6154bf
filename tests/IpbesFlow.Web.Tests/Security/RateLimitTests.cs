using System.Net;
using System.Net.Http.Json;
using IpbesFlow.Web.Tests.Api;
using Shouldly;

namespace IpbesFlow.Web.Tests.Security;

public sealed class RateLimitedApp : IpbesFlowApp
{
    protected override int SignInAttemptsPerMinute => 3;

    protected override int CommentSubmissionsPerMinute => 2;

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Security:ExportsPerMinute", "2");
    }
}

public sealed class RateLimitTests(RateLimitedApp app) : IClassFixture<RateLimitedApp>
{
    [Fact]
    public async Task Sign_in_attempts_beyond_the_limit_are_refused_with_429()
    {
        using var client = app.CreateClient();
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
        {
            responses.Add(await client.PostAsJsonAsync("/api/auth/sign-in", new { email = "someone@example.org", password = "not this one at all" }, TestContext.Current.CancellationToken));
        }

        responses.Select(r => r.StatusCode).ShouldBe([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests]);
        var refused = responses[^1];
        var retryAfter = refused.Headers.RetryAfter.ShouldNotBeNull().Delta.ShouldNotBeNull();
        retryAfter.ShouldBeInRange(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), "until the minute's window ends");
        refused.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var problem = await refused.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>(TestContext.Current.CancellationToken);
        problem.ShouldNotBeNull().Detail.ShouldBe($"Too many requests of this kind; try again in {(int)retryAfter.TotalSeconds} second(s).");
    }

    [Fact]
    public async Task Comment_submissions_beyond_the_limit_are_refused_with_429_per_person()
    {
        using var reviewer = await app.ClientAsAsync(IpbesFlow.Identity.TokenScope.Write);
        using var other = await app.ClientAsAsync(IpbesFlow.Identity.TokenScope.Write);
        var path = $"/api/assessments/{Guid.NewGuid()}/reviews/external-review/comments";
        var body = new { comments = new[] { new { chapter = "1", fromPage = 1, fromLine = 1, text = "x" } } };
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await reviewer.PostAsJsonAsync(path, body, TestContext.Current.CancellationToken)).StatusCode);
        }

        var someoneElse = (await other.PostAsJsonAsync(path, body, TestContext.Current.CancellationToken)).StatusCode;

        statuses.ShouldBe([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests]);
        someoneElse.ShouldBe(HttpStatusCode.NotFound, "the limit is per person");
    }

    [Fact]
    public async Task Compilations_beyond_the_limit_are_refused_with_429_to_an_anonymous_client()
    {
        var (id, _, review) = await app.ReviewAsync("Exported often", new DateOnly(2031, 1, 6), ("1", "Introduction"));
        using var anonymous = app.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await anonymous.GetAsync($"{review}/export?format=csv", TestContext.Current.CancellationToken)).StatusCode);
        }

        statuses.ShouldBe([HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.TooManyRequests], "not published yet, and then not asked for again this minute");
        _ = id;
    }
}
