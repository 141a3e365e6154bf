using System.Net;
using System.Net.Http.Json;
using IpbesFlow.Web.Tests.Api;
using Shouldly;

namespace IpbesFlow.Web.Tests.Security;

public sealed class RateLimitedApp : IpbesFlowApp
{
    protected override int SignInAttemptsPerMinute => 3;
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
}
