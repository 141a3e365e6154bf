using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Shouldly;

namespace IpbesFlow.Web.Tests.Security;

/// <summary>The sign-in page and the API's sign-in share one budget per address (3 a minute here): trying one after the
/// other does not double the attempts.</summary>
public sealed partial class SharedSignInBudgetTests(RateLimitedApp app) : IClassFixture<RateLimitedApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Attempts_on_the_page_count_against_the_api_and_the_other_way_round()
    {
        using var browser = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = true });
        var statuses = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var page = await browser.GetStringAsync("/sign-in", Ct);
            var fields = Hidden().Matches(page).Select(m => new KeyValuePair<string, string>(m.Groups["name"].Value, System.Net.WebUtility.HtmlDecode(m.Groups["value"].Value)))
                .Where(f => f.Key is "__RequestVerificationToken").Take(1)
                .Append(new("_handler", "password")).Append(new("Password.Email", "someone@example.org")).Append(new("Password.Secret", "not this one at all"));
            using var form = new FormUrlEncodedContent(fields);
            var answer = await (await browser.PostAsync("/sign-in", form, Ct)).Content.ReadAsStringAsync(Ct);
            statuses.Add(answer.Contains("The email or the password is wrong.", StringComparison.Ordinal) ? "refused" : answer.Contains("Too many", StringComparison.Ordinal) ? "limited" : "?");
        }

        for (var i = 0; i < 2; i++)
        {
            var answer = await browser.PostAsJsonAsync("/api/auth/sign-in", new { email = "someone@example.org", password = "not this one at all" }, Ct);
            statuses.Add(answer.StatusCode == HttpStatusCode.Unauthorized ? "refused" : answer.StatusCode == HttpStatusCode.TooManyRequests ? "limited" : answer.StatusCode.ToString());
        }

        statuses.ShouldBe(["refused", "refused", "refused", "limited"]);
    }

    [GeneratedRegex("""<input type="hidden" name="(?<name>[^"]+)" value="(?<value>[^"]*)"\s*/?>""", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Hidden();
}
