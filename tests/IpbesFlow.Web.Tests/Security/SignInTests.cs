using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using IpbesFlow.Identity;
using IpbesFlow.Web.Tests.Api;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using MimeKit;
using Shouldly;

namespace IpbesFlow.Web.Tests.Security;

[Collection(nameof(AppCollection))]
public sealed partial class SignInTests(IpbesFlowApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_emailed_link_signs_in_once_through_its_page_and_is_refused_the_second_time()
    {
        var (user, _) = await app.CreateAccountAsync(null, TokenScope.Read, new RoleScope(Role.Reviewer, Guid.CreateVersion7(), ReviewStepId: "fod-review"));
        using var anonymous = app.CreateClient();

        (await anonymous.PostAsJsonAsync("/api/auth/sign-in-links", new { email = user.Email }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var token = await LinkTokenMailedTo(user.Email!);

        using var browser = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        var signedIn = await SubmitLinkPage(browser, token);
        signedIn.StatusCode.ShouldBe(HttpStatusCode.OK, await signedIn.Content.ReadAsStringAsync(Ct));
        signedIn.RequestMessage!.RequestUri!.AbsolutePath.ShouldBe("/", "redirected to the person's tasks");
        var me = await browser.GetFromJsonAsync<JsonElement>("/api/auth/me", Ct);
        me.GetProperty("email").GetString().ShouldBe(user.Email);

        using var secondBrowser = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        var replay = await SubmitLinkPage(secondBrowser, token);
        (await replay.Content.ReadAsStringAsync(Ct)).ShouldContain("This sign-in link was already used. Request a new one.", Case.Sensitive, "the page says why, where the person can ask for a new link");
        (await secondBrowser.GetAsync("/api/auth/me", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Asking_a_link_for_an_unknown_address_answers_the_same_and_sends_nothing()
    {
        using var anonymous = app.CreateClient();
        var email = $"{Guid.NewGuid():N}@nobody.example.org";

        (await anonymous.PostAsJsonAsync("/api/auth/sign-in-links", new { email }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        MailsTo(email).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_revoked_token_is_refused()
    {
        using var admin = await app.ClientAsAsync(TokenScope.Write, new RoleScope(Role.SecretariatAdmin));
        var issued = await (await admin.PostAsJsonAsync("/api/tokens", new { name = "nightly export", scope = "write" }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var secret = issued.GetProperty("secret").GetString()!;
        using var script = app.CreateClient();
        script.DefaultRequestHeaders.Authorization = new("Bearer", secret);
        (await script.GetAsync("/api/auth/me", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await script.DeleteAsync($"/api/tokens/{issued.GetProperty("token").GetProperty("id").GetString()}", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await script.GetAsync("/api/auth/me", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await script.GetAsync("/api/tokens", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_read_token_cannot_write()
    {
        using var reader = await app.ClientAsAsync(TokenScope.Read, new RoleScope(Role.SecretariatAdmin));

        (await reader.PostAsJsonAsync("/api/tokens", new { name = "escalate", scope = "write" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await reader.GetAsync("/api/audit", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Five_bad_passwords_lock_the_account_even_against_the_right_one()
    {
        const string Password = "a long enough passphrase";
        var (user, _) = await app.CreateAccountAsync(Password, TokenScope.Read);
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });

        for (var attempt = 0; attempt < 5; attempt++)
        {
            (await SignIn(client, user.Email!, "wrong guess " + attempt)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        var locked = await SignIn(client, user.Email!, Password);
        locked.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await locked.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString().ShouldNotBeNull().ShouldStartWith("The account is locked after repeated failed sign-ins");
        (await client.GetAsync("/api/auth/me", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_right_password_signs_in_with_a_cookie_that_is_strict_and_http_only()
    {
        const string Password = "another long passphrase";
        var (user, _) = await app.CreateAccountAsync(Password, TokenScope.Read, new RoleScope(Role.MepMember));
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });

        var signedIn = await SignIn(client, user.Email!, Password);

        signedIn.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ipbesflow=", StringComparison.Ordinal));
        cookie.ShouldContain("samesite=strict", Case.Insensitive);
        cookie.ShouldContain("httponly", Case.Insensitive);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/auth/me", Ct);
        me.GetProperty("roles")[0].GetProperty("claim").GetString().ShouldBe("mep-member");
        (await client.GetAsync("/api/assessments", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK, "the cookie carries the MEP role");
        (await client.GetAsync("/api/audit", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "and no more than that");
        (await client.GetAsync("/api/people", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "people's records are for the secretariat and the TSUs");
        (await client.PostAsync("/api/auth/sign-out", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await client.GetAsync("/api/auth/me", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Passwords_and_tokens_never_appear_in_logs_or_in_the_database_in_clear()
    {
        const string Password = "pa55phrase-that-must-not-leak";
        using var admin = await app.ClientAsAsync(TokenScope.Write, new RoleScope(Role.SecretariatAdmin));
        var email = $"{Guid.NewGuid():N}@example.org";
        (await admin.PostAsJsonAsync("/api/users", new { email, fullName = "Leak Check", password = Password }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        using var person = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        (await SignIn(person, email, Password)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await SignIn(app.CreateClient(), email, Password + "-typo")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var issued = await (await person.PostAsJsonAsync("/api/tokens", new { name = "leak check", scope = "read" }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var token = issued.GetProperty("secret").GetString()!;
        using var script = app.CreateClient();
        script.DefaultRequestHeaders.Authorization = new("Bearer", token);
        (await script.GetAsync("/api/auth/me", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var secrets = new[] { Password, Password + "-typo", token };
        app.Logs.Lines.ShouldNotBeEmpty();
        app.Logs.Lines.Where(line => secrets.Any(s => line.Contains(s, StringComparison.Ordinal))).ShouldBeEmpty();
        (await DatabaseTextContaining(secrets)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Administrative_actions_show_in_the_audit_log_with_who_did_them()
    {
        var (adminUser, adminToken) = await app.CreateAccountAsync(null, TokenScope.Write, new RoleScope(Role.SecretariatAdmin));
        using var admin = app.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new("Bearer", adminToken);
        var email = $"{Guid.NewGuid():N}@example.org";
        var created = await (await admin.PostAsJsonAsync("/api/users", new { email, fullName = "New TSU member" }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var assessment = Guid.CreateVersion7();
        (await admin.PostAsJsonAsync($"/api/users/{created.GetProperty("id").GetString()}/roles", new { role = "tsu-member", assessmentId = assessment }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var log = await admin.GetFromJsonAsync<JsonElement>("/api/audit", Ct);

        var mine = log.EnumerateArray().Where(e => e.GetProperty("actor").GetString() == adminUser.Email).Select(e => $"{e.GetProperty("action").GetString()} {e.GetProperty("target").GetString()} {e.GetProperty("details").GetString()}").ToList();
        mine.ShouldBe([$"role.granted {email} tsu:{assessment}", $"user.created {email} "]);
    }

    [Fact]
    public async Task Responses_carry_security_headers()
    {
        using var anonymous = app.CreateClient();

        var response = await anonymous.GetAsync("/health/live", Ct);

        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        response.Headers.GetValues("X-Frame-Options").Single().ShouldBe("DENY");
        response.Headers.GetValues("Referrer-Policy").Single().ShouldBe("no-referrer");
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldStartWith("default-src 'none'");
    }

    private static async Task<HttpResponseMessage> SignIn(HttpClient client, string email, string password) =>
        await client.PostAsJsonAsync("/api/auth/sign-in", new { email, password }, Ct);

    private static async Task<HttpResponseMessage> SubmitLinkPage(HttpClient browser, string token)
    {
        // The page's form, posted as a browser posts it: its hidden fields (the form's name, the antiforgery token, the link).
        var page = await browser.GetStringAsync($"/sign-in?token={Uri.EscapeDataString(token)}", Ct);
        var fields = HiddenField().Matches(page).Select(m => new KeyValuePair<string, string>(m.Groups["name"].Value, System.Net.WebUtility.HtmlDecode(m.Groups["value"].Value))).ToList();
        fields.ShouldContain(new KeyValuePair<string, string>("Link.Token", token));
        using var form = new FormUrlEncodedContent(fields);
        return await browser.PostAsync("/sign-in", form, Ct);
    }

    // Links are mailed after the request has been answered: wait for the mail, not a fixed delay.
    private async Task<string> LinkTokenMailedTo(string email)
    {
        var mails = await IpbesFlow.Testing.Eventually.GetAsync(() => Task.FromResult(MailsTo(email)), m => m.Count > 0, TimeSpan.FromSeconds(10), $"a sign-in link mailed to {email}");
        return LinkToken().Match(mails.ShouldHaveSingleItem().TextBody ?? string.Empty).Groups["token"].Value;
    }

    private List<MimeMessage> MailsTo(string email) =>
        Directory.GetFiles(Path.Combine(app.DataDirectory, "mail"), "*.eml")
            .Select(f => MimeMessage.Load(f))
            .Where(m => m.To.Mailboxes.Any(a => a.Address == email))
            .ToList();

    private async Task<List<string>> DatabaseTextContaining(string[] secrets)
    {
        var found = new List<string>();
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(app.DataDirectory, "ipbesflow.db")};Mode=ReadOnly");
        await connection.OpenAsync(Ct);
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
            await using var reader = await list.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct))
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            await using var rows = await select.ExecuteReaderAsync(Ct);
            while (await rows.ReadAsync(Ct))
            {
                for (var i = 0; i < rows.FieldCount; i++)
                {
                    if (rows.GetValue(i) is string text && secrets.Any(s => text.Contains(s, StringComparison.Ordinal)))
                    {
                        found.Add($"{table}.{rows.GetName(i)}");
                    }
                }
            }
        }

        return found;
    }

    [GeneratedRegex("""<input type="hidden" name="(?<name>[^"]+)" value="(?<value>[^"]*)"\s*/?>""", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex HiddenField();

    [GeneratedRegex(@"sign-in\?token=(?<token>[A-Za-z0-9_%-]+)", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex LinkToken();
}
