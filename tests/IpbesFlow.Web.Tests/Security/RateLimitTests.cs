using System.Net;
using System.Net.Http.Json;
using IpbesFlow.Web.Tests.Api;
using Shouldly;

namespace IpbesFlow.Web.Tests.Security;

public sealed class RateLimitedApp : IpbesFlowApp
{
    protected override int SignInAttemptsPerMinute => 3;

    protected override int CommentSubmissionsPerMinute => 2;
}

public sealed class RateLimitTests(RateLimitedApp app) : IClassFixture<RateLimitedApp>
{
    [Fact]
    public async Task Sign_in_attempts_beyond_the_limit_are_refused_with_429()
    {
        using var client = app.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await client.PostAsJsonAsync("/api/auth/sign-in", new { email = "someone@example.org", password = "not this one at all" }, TestContext.Current.CancellationToken)).StatusCode);
        }

        statuses.ShouldBe([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests]);
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
}
