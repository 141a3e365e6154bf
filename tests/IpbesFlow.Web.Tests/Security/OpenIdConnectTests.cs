using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IpbesFlow.Identity;
using IpbesFlow.Web.Tests.Api;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Shouldly;

namespace IpbesFlow.Web.Tests.Security;

public sealed class OpenIdConnectTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_person_with_an_account_signs_in_through_the_organisations_provider()
    {
        await using var provider = await FakeIdentityProvider.StartAsync();
        await using var app = new OidcApp(provider.Authority);
        await app.CreateAccountAsync(provider.Email, null, TokenScope.Read, new RoleScope(Role.MepMember));

        using var browser = await SignInThrough(provider, app);

        var me = await browser.GetFromJsonAsync<JsonElement>("/api/auth/me", Ct);
        me.GetProperty("email").GetString().ShouldBe(provider.Email);
        (await browser.GetAsync("/api/assessments", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK, "the session carries the MEP role");
    }

    [Theory]
    [InlineData("false")]
    [InlineData(null)]
    public async Task An_address_the_provider_does_not_say_it_verified_gets_no_session(string? verified)
    {
        await using var provider = await FakeIdentityProvider.StartAsync();
        provider.EmailVerified = verified;
        await using var app = new OidcApp(provider.Authority);
        await app.CreateAccountAsync(provider.Email, null, TokenScope.Read, new RoleScope(Role.SecretariatAdmin));

        using var browser = await SignInThrough(provider, app);

        (await browser.GetAsync("/api/auth/me", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_issuer_the_operator_trusts_to_verify_every_address_signs_in_without_saying_so_but_never_with_false()
    {
        await using var provider = await FakeIdentityProvider.StartAsync();
        provider.EmailVerified = null;
        await using var app = new OidcApp(provider.Authority, trustedWithoutVerification: provider.Authority);
        await app.CreateAccountAsync(provider.Email, null, TokenScope.Read, new RoleScope(Role.MepMember));

        using var browser = await SignInThrough(provider, app);
        (await browser.GetAsync("/api/auth/me", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        provider.EmailVerified = "false";
        using var refused = await SignInThrough(provider, app);
        (await refused.GetAsync("/api/auth/me", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_proven_email_without_an_account_gets_no_session()
    {
        await using var provider = await FakeIdentityProvider.StartAsync();
        provider.Email = "stranger@elsewhere.example.org";
        await using var app = new OidcApp(provider.Authority);

        using var browser = await SignInThrough(provider, app);

        (await browser.GetAsync("/api/auth/me", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Without_a_provider_configured_the_route_says_so()
    {
        await using var app = new IpbesFlowApp();

        var response = await app.CreateClient().GetAsync("/api/auth/oidc/", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString().ShouldBe("Sign-in through an identity provider is not configured on this server.");
    }

    // The browser's round trip: app -> provider -> app callback (the app redeems the code over the back channel) -> app.
    private static async Task<HttpClient> SignInThrough(FakeIdentityProvider provider, OidcApp app)
    {
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var challenge = await browser.GetAsync("/api/auth/oidc/", Ct);
        challenge.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        challenge.Headers.Location!.ToString().ShouldStartWith($"{provider.Authority}/authorize");

        using var atProvider = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var authorized = await atProvider.GetAsync(challenge.Headers.Location, Ct);
        var callback = authorized.Headers.Location!;
        callback.AbsolutePath.ShouldBe("/signin-oidc");

        var redeemed = await browser.GetAsync(callback.PathAndQuery, Ct);
        redeemed.StatusCode.ShouldBe(HttpStatusCode.Redirect, await redeemed.Content.ReadAsStringAsync(Ct));
        var completed = await browser.GetAsync(redeemed.Headers.Location!.OriginalString, Ct);
        completed.StatusCode.ShouldBeOneOf(HttpStatusCode.Redirect, HttpStatusCode.Unauthorized);
        return browser;
    }

    private sealed class OidcApp(string authority, string? trustedWithoutVerification = null) : IpbesFlowApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Authentication:OpenIdConnect:Authority", authority);
            builder.UseSetting("Authentication:OpenIdConnect:ClientId", "ipbesflow-tests");
            if (trustedWithoutVerification is not null)
            {
                builder.UseSetting("Authentication:OpenIdConnect:TrustedIssuersWithoutEmailVerified", trustedWithoutVerification);
            }
        }
    }
}
