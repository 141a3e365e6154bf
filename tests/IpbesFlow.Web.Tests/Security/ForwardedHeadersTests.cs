using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IpbesFlow.Identity;
using IpbesFlow.Web.Tests.Api;
using Microsoft.AspNetCore.Hosting;
using Shouldly;

namespace IpbesFlow.Web.Tests.Security;

/// <summary>Behind a reverse proxy, over real HTTP (Kestrel on loopback, the proxy's address): the client's address and
/// scheme come from the X-Forwarded-* headers of the proxies the operator names, and from no one else's.</summary>
public sealed class ForwardedHeadersTests
{
    private const string Client = "203.0.113.9";
    private const string Password = "a passphrase behind a proxy";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Behind_a_named_proxy_the_audit_log_the_rate_limits_and_the_secure_cookie_follow_the_forwarded_client()
    {
        await using var app = new ProxiedApp(knownProxies: "127.0.0.1");
        var (user, _) = await app.CreateAccountAsync(Password, TokenScope.Read);

        var signedIn = await SignInAsync(app, user.Email!, Password, Client);
        var ip = await AuditedAddressAsync(app, Client);
        var limited = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            limited.Add((await SignInAsync(app, user.Email!, "wrong", "203.0.113.50")).StatusCode);
        }

        var otherClient = await SignInAsync(app, user.Email!, "wrong", "203.0.113.51");

        signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ipbesflow=", StringComparison.Ordinal)).ShouldContain("secure", Case.Insensitive, "the client spoke https to the proxy");
        ip.ShouldBe(Client);
        limited.ShouldBe([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], "two sign-in attempts a minute per client address here");
        otherClient.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "another client behind the same proxy has its own limit");
    }

    [Fact]
    public async Task Without_a_named_proxy_the_forwarded_headers_are_not_believed()
    {
        await using var app = new ProxiedApp(knownProxies: null);
        var (user, _) = await app.CreateAccountAsync(Password, TokenScope.Read);

        var signedIn = await SignInAsync(app, user.Email!, Password, Client);
        var ip = await AuditedAddressAsync(app, Client);

        signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ipbesflow=", StringComparison.Ordinal)).ShouldNotContain("secure", Case.Insensitive);
        ip.ShouldBe("127.0.0.1", "anyone could write the header");
    }

    private static async Task<HttpResponseMessage> SignInAsync(ProxiedApp app, string email, string password, string forwardedFor)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/sign-in") { Content = JsonContent.Create(new { email, password }) };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        request.Headers.Add("X-Forwarded-Proto", "https");
        return await client.SendAsync(request, Ct);
    }

    // An admin creates an account through the proxy; the audit log says from where.
    private static async Task<string?> AuditedAddressAsync(ProxiedApp app, string forwardedFor)
    {
        using var admin = await app.ClientAsAsync(TokenScope.Write, new RoleScope(Role.SecretariatAdmin));
        admin.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        var email = $"{Guid.NewGuid():N}@example.org";
        (await admin.PostAsJsonAsync("/api/users", new { email, fullName = "Proxied" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var log = await admin.GetFromJsonAsync<JsonElement>("/api/audit", Ct);
        return log.EnumerateArray().Single(e => e.GetProperty("target").GetString() == email).GetProperty("ipAddress").GetString();
    }

    private sealed class ProxiedApp : IpbesFlowApp
    {
        private readonly string? knownProxies;

        public ProxiedApp(string? knownProxies)
        {
            this.knownProxies = knownProxies;
            UseKestrel(0);
        }

        protected override int SignInAttemptsPerMinute => 2;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            if (knownProxies is not null)
            {
                builder.UseSetting("Service:ForwardedHeaders:KnownProxies", knownProxies);
            }
        }
    }
}
