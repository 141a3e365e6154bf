using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IpbesFlow.Identity;
using IpbesFlow.Testing;
using IpbesFlow.Web.Tests.Api;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Shouldly;

namespace IpbesFlow.Web.Tests.Security;

/// <summary>What a session and a token may still do after an admin changes the account, and the limits on what a
/// token may create.</summary>
[Collection(nameof(AppCollection))]
public sealed class SessionTests(IpbesFlowApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_revoked_role_counts_from_the_next_request_of_a_session_made_before()
    {
        const string Password = "a passphrase for the session";
        var (user, _) = await app.CreateAccountAsync(Password, TokenScope.Read, new RoleScope(Role.MepMember));
        using var admin = await app.ClientAsAsync(TokenScope.Write, new RoleScope(Role.SecretariatAdmin));
        using var browser = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        (await browser.PostAsJsonAsync("/api/auth/sign-in", new { email = user.Email, password = Password }, Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var assessment = await CreateAssessmentAsync(admin);
        (await browser.GetAsync($"/api/assessments/{assessment}/journal", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK, "the MEP follows every assessment");

        var role = (await admin.GetFromJsonAsync<JsonElement>("/api/users", Ct)).EnumerateArray().Single(u => u.GetProperty("id").GetGuid() == user.Id).GetProperty("roles")[0].GetProperty("id").GetGuid();
        (await admin.DeleteAsync($"/api/users/{user.Id}/roles/{role}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await browser.GetAsync($"/api/assessments/{assessment}/journal", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "the cookie still says MEP; the database no longer does");
        (await browser.GetFromJsonAsync<JsonElement>("/api/auth/me", Ct)).GetProperty("roles").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task A_role_granted_counts_from_the_next_request_of_a_session_made_before()
    {
        const string Password = "a passphrase for the session";
        using var admin = await app.ClientAsAsync(TokenScope.Write, new RoleScope(Role.SecretariatAdmin));
        var first = await CreateAssessmentAsync(admin);
        var second = await CreateAssessmentAsync(admin);
        var (user, _) = await app.CreateAccountAsync(Password, TokenScope.Read, new RoleScope(Role.TsuMember, first));
        using var browser = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        (await browser.PostAsJsonAsync("/api/auth/sign-in", new { email = user.Email, password = Password }, Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var chapters = new { chapters = new[] { new { code = "1", title = "Introduction" } } };
        (await browser.PutAsJsonAsync($"/api/assessments/{second}/reviews/external-review", chapters, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "not yet the TSU of the second");

        (await admin.PostAsJsonAsync($"/api/users/{user.Id}/roles", new { role = "tsu-member", assessmentId = second }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await browser.PutAsJsonAsync($"/api/assessments/{second}/reviews/external-review", chapters, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK, "the cookie was issued before the grant; the database now says TSU of both");
        (await browser.GetAsync($"/api/assessments/{second}/journal", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await browser.GetFromJsonAsync<JsonElement>("/api/auth/me", Ct)).GetProperty("roles").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task A_person_follows_the_opening_of_reviews_and_must_say_yes_or_no()
    {
        using var person = await app.ClientAsAsync(TokenScope.Write);

        var unsaid = await person.PutAsJsonAsync("/api/account/review-announcements", new { }, Ct);
        var followed = await person.PutAsJsonAsync("/api/account/review-announcements", new { subscribed = true }, Ct);

        unsaid.StatusCode.ShouldBe(HttpStatusCode.BadRequest, "a missing answer must not unsubscribe anyone");
        (await unsaid.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").GetProperty("subscribed")[0].GetString()
            .ShouldBe("Say whether to be told when reviews and calls open: subscribed true or false.");
        followed.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_disabled_account_loses_its_sessions_and_tokens_at_once_and_cannot_sign_in()
    {
        const string Password = "a passphrase soon disabled";
        var (user, tokenSecret) = await app.CreateAccountAsync(Password, TokenScope.Write, new RoleScope(Role.TsuMember, Guid.CreateVersion7()));
        using var admin = await app.ClientAsAsync(TokenScope.Write, new RoleScope(Role.SecretariatAdmin));
        using var browser = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        (await browser.PostAsJsonAsync("/api/auth/sign-in", new { email = user.Email, password = Password }, Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        using var script = app.CreateClient();
        script.DefaultRequestHeaders.Authorization = new("Bearer", tokenSecret);
        (await browser.GetAsync("/api/auth/me", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await script.GetAsync("/api/auth/me", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var unexplained = await admin.PostAsJsonAsync($"/api/users/{user.Id}/disable", new { reason = "" }, Ct);
        var disabled = await admin.PostAsJsonAsync($"/api/users/{user.Id}/disable", new { reason = "left the TSU" }, Ct);

        unexplained.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        disabled.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await disabled.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("disabledAt").ValueKind.ShouldBe(JsonValueKind.String);
        (await browser.GetAsync("/api/auth/me", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "the session ends at its next request");
        (await script.GetAsync("/api/auth/me", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "and the token with it");
        var again = await browser.PostAsJsonAsync("/api/auth/sign-in", new { email = user.Email, password = Password }, Ct);
        again.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await again.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString().ShouldBe("This account is disabled. Ask the secretariat.");

        (await admin.PostAsync($"/api/users/{user.Id}/enable", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await script.GetAsync("/api/auth/me", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "its tokens stay revoked");
        (await browser.PostAsJsonAsync("/api/auth/sign-in", new { email = user.Email, password = Password }, Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var audit = await admin.GetFromJsonAsync<JsonElement>("/api/audit", Ct);
        audit.EnumerateArray().Select(e => e.GetProperty("action").GetString()).ShouldContain("user.disabled");
    }

    [Fact]
    public async Task An_admin_revokes_every_token_of_an_account()
    {
        var (user, tokenSecret) = await app.CreateAccountAsync(null, TokenScope.Write);
        using var admin = await app.ClientAsAsync(TokenScope.Write, new RoleScope(Role.SecretariatAdmin));
        using var script = app.CreateClient();
        script.DefaultRequestHeaders.Authorization = new("Bearer", tokenSecret);

        var revoked = await admin.DeleteAsync($"/api/users/{user.Id}/tokens", Ct);

        (await revoked.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("revoked").GetInt32().ShouldBe(1);
        (await script.GetAsync("/api/auth/me", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_cannot_create_a_token_that_outlives_it()
    {
        using var admin = await app.ClientAsAsync(TokenScope.Write, new RoleScope(Role.SecretariatAdmin));
        var shortLived = await (await admin.PostAsJsonAsync("/api/tokens", new { name = "a week", scope = "write", expiresInDays = 7 }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        using var script = app.CreateClient();
        script.DefaultRequestHeaders.Authorization = new("Bearer", shortLived.GetProperty("secret").GetString());

        var longer = await script.PostAsJsonAsync("/api/tokens", new { name = "a month", scope = "write", expiresInDays = 30 }, Ct);
        var shorter = await script.PostAsJsonAsync("/api/tokens", new { name = "three days", scope = "read", expiresInDays = 3 }, Ct);

        longer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await longer.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").GetProperty("expiresInDays")[0].GetString().ShouldNotBeNull().ShouldStartWith("A token creates only tokens that expire before it does");
        shorter.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static async Task<Guid> CreateAssessmentAsync(HttpClient admin)
    {
        var created = await admin.PostAsJsonAsync("/api/assessments", new { workflow = "single-review-deliverable", title = "Session", start = "2031-01-06" }, Ct);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }
}

/// <summary>Sign-in links through a real SMTP server on loopback that takes its time over each message: the request is
/// answered before the server has the message, in the same words for an address with or without an account, and an
/// address is sent only so many links an hour.</summary>
public sealed class SignInLinkMailTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly TestSmtpServer smtp = TestSmtpServer.Start();
    private SlowMailApp app = null!;

    public ValueTask InitializeAsync()
    {
        smtp.Delay = TimeSpan.FromSeconds(3);
        app = new SlowMailApp(smtp.Port);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task A_link_request_is_answered_before_the_mail_server_has_it_and_in_the_same_words_whether_or_not_the_account_exists()
    {
        var (user, _) = await app.CreateAccountAsync(null, TokenScope.Read);
        using var anonymous = app.CreateClient();

        var known = await anonymous.PostAsJsonAsync("/api/auth/sign-in-links", new { email = user.Email }, Ct);
        var acceptedWhenAnswered = smtp.Accepted;
        var unknown = await anonymous.PostAsJsonAsync("/api/auth/sign-in-links", new { email = $"{Guid.NewGuid():N}@nobody.example.org" }, Ct);

        (known.StatusCode, await known.Content.ReadAsStringAsync(Ct)).ShouldBe((unknown.StatusCode, await unknown.Content.ReadAsStringAsync(Ct)));
        known.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        acceptedWhenAnswered.ShouldBe(0, "the mail server takes 3 s over a message: the request did not wait for it");
        // Links are mailed one after another in the order asked: once a third request's mail has arrived, a mail for
        // the unknown address, had there been one, would have arrived before it.
        var (later, _) = await app.CreateAccountAsync(null, TokenScope.Read);
        (await anonymous.PostAsJsonAsync("/api/auth/sign-in-links", new { email = later.Email }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var mail = await Eventually.GetAsync(() => Task.FromResult(smtp.Received.ToList()), r => r.Count == 2, TimeSpan.FromSeconds(30), "both links to reach the mail server");
        mail.Select(m => m.To.Mailboxes.Single().Address).ShouldBe([user.Email!, later.Email!], "nothing is mailed to an address without an account");
    }

    [Fact]
    public async Task A_link_is_mailed_in_the_persons_language_says_so_and_is_sent_from_the_services_own_host()
    {
        var (user, _) = await app.CreateAccountAsync(null, TokenScope.Read);
        using var admin = await app.ClientAsAsync(TokenScope.Write, new RoleScope(Role.SecretariatAdmin));
        (await admin.PostAsJsonAsync("/api/people", new { fullName = "Lucía Gómez", email = user.Email, preferredLanguage = "es" }, Ct)).EnsureSuccessStatusCode();
        using var anonymous = app.CreateClient();

        (await anonymous.PostAsJsonAsync("/api/auth/sign-in-links", new { email = user.Email }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var mail = (await Eventually.GetAsync(() => Task.FromResult(smtp.Received.ToList()), r => r.Count == 1, TimeSpan.FromSeconds(30), "the link to reach the mail server")).Single();

        mail.Subject.ShouldBe("Su enlace de acceso a IpbesFlow");
        mail.Body.ShouldNotBeNull().Headers[MimeKit.HeaderId.ContentLanguage].ShouldBe("es", "the message says its language (Content-Language, among the top headers)");
        mail.MessageId.ShouldEndWith("@localhost", Case.Sensitive, "on the host people reach the service at, not the machine's name");
        mail.TextBody.ShouldNotBeNull().ShouldContain("Acceda a IpbesFlow con este enlace.");
        mail.HtmlBody.ShouldNotBeNull().ShouldContain("<a href=\"http://localhost:5080/sign-in?token=ipbl_");
    }

    [Fact]
    public async Task An_address_is_sent_only_so_many_links_an_hour_whether_or_not_it_has_an_account()
    {
        var (user, _) = await app.CreateAccountAsync(null, TokenScope.Read);
        var nobody = $"{Guid.NewGuid():N}@nobody.example.org";
        // Different client addresses are not told apart in the test host: the per-address limit is what answers here.
        using var anonymous = app.CreateClient();

        var statuses = new List<HttpStatusCode>();
        foreach (var email in new[] { user.Email!, user.Email!, user.Email!, nobody, nobody, nobody })
        {
            statuses.Add((await anonymous.PostAsJsonAsync("/api/auth/sign-in-links", new { email }, Ct)).StatusCode);
        }

        var refused = await anonymous.PostAsJsonAsync("/api/auth/sign-in-links", new { email = user.Email!.ToUpperInvariant() }, Ct);

        statuses.ShouldBe([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests, HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests]);
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests, "an address is the same address in any case");
        int.Parse(refused.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(3000, 3600);
        (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString().ShouldNotBeNull().ShouldStartWith("Sign-in links were sent to this address 2 times in the last hour");
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        await smtp.DisposeAsync();
    }

    private sealed class SlowMailApp(int smtpPort) : IpbesFlowApp
    {
        protected override int SignInLinksPerAddressPerHour => 2;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Mail:Smtp:Host", "127.0.0.1");
            builder.UseSetting("Mail:Smtp:Port", smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Mail:Smtp:Security", "None");
        }
    }
}
