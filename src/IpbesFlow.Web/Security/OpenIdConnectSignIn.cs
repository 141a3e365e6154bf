using System.Security.Claims;
using IpbesFlow.Identity;
using IpbesFlow.Startup;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace IpbesFlow.Web.Security;

/// <summary>Sign-in through an organisation's identity provider, when <c>Authentication:OpenIdConnect:Authority</c> is
/// set. The provider proves the email address; the account must already exist here (accounts and roles are the
/// secretariat's to grant), and the provider's claims never become roles.</summary>
internal static class OpenIdConnectSignIn
{
    public const string Scheme = "oidc";
    private const string Section = "Authentication:OpenIdConnect";

    public static bool IsConfigured(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[$"{Section}:Authority"]);

    public static void Add(AuthenticationBuilder authentication, IConfiguration configuration)
    {
        if (!IsConfigured(configuration))
        {
            return;
        }

        var authority = configuration[$"{Section}:Authority"]!;
        if (!Uri.TryCreate(authority, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && !uri.IsLoopback))
        {
            throw new StartupCheckException($"{Section}:Authority '{authority}' must be an https URL. Fix Authentication__OpenIdConnect__Authority.");
        }

        var clientId = configuration[$"{Section}:ClientId"];
        if (string.IsNullOrWhiteSpace(clientId))
        {
            throw new StartupCheckException($"{Section}:Authority is set but {Section}:ClientId is empty. Set Authentication__OpenIdConnect__ClientId.");
        }

        authentication.AddOpenIdConnect(Scheme, configuration[$"{Section}:DisplayName"] ?? "Organisation sign-in", options =>
        {
            options.Authority = authority;
            options.ClientId = clientId;
            options.ClientSecret = configuration[$"{Section}:ClientSecret"];
            options.ResponseType = "code";
            options.UsePkce = true;
            options.SignInScheme = IdentityConstants.ExternalScheme;
            options.RequireHttpsMetadata = uri.Scheme == Uri.UriSchemeHttps;
            options.Scope.Clear();
            options.Scope.Add("openid");
            options.Scope.Add("email");
            options.Scope.Add("profile");
            options.MapInboundClaims = false;
            options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
    }

    public static void MapEndpoints(WebApplication app)
    {
        var configured = IsConfigured(app.Configuration);
        var trustedWithoutVerification = TrustedIssuersWithoutVerification(app.Configuration);
        var oidc = app.MapGroup("/api/auth/oidc").WithTags("Sign-in");

        oidc.MapGet("/", () => configured
                ? Results.Challenge(new AuthenticationProperties { RedirectUri = "/api/auth/oidc/complete" }, [Scheme])
                : NotConfigured())
            .AllowAnonymous().RequireRateLimiting(SecurityServices.SignInRateLimit)
            .WithSummary("Sign in through the organisation's identity provider")
            .WithDescription("Sign in through the organisation's identity provider (when one is configured).");

        oidc.MapGet("/complete", async (HttpContext context, UserManager<UserAccount> users, SignInManager<UserAccount> signIn) =>
            {
                if (!configured)
                {
                    return NotConfigured();
                }

                var external = await context.AuthenticateAsync(IdentityConstants.ExternalScheme);
                await context.SignOutAsync(IdentityConstants.ExternalScheme);
                var emailClaim = external.Principal?.FindFirst("email");
                var email = emailClaim?.Value;
                if (!external.Succeeded || string.IsNullOrWhiteSpace(email) || !IsVerified(external.Principal!, emailClaim!.Issuer, trustedWithoutVerification))
                {
                    return Results.Problem(title: "Sign-in refused", detail: "The identity provider did not confirm that the email address is the person's (email_verified).", statusCode: StatusCodes.Status401Unauthorized);
                }

                var user = await users.FindByEmailAsync(email);
                if (user is null || user.IsDisabled)
                {
                    return Results.Problem(title: "Sign-in refused", detail: $"There is no usable IpbesFlow account for {email}. Ask the secretariat to create one.", statusCode: StatusCodes.Status401Unauthorized);
                }

                await signIn.SignInAsync(user, isPersistent: false);
                return Results.Redirect("/");
            })
            .AllowAnonymous().ExcludeFromDescription();
    }

    // An address the provider does not say it verified could be anyone's (many providers let users type any address):
    // only issuers the operator lists as verifying every address, without saying so, are taken without the claim.
    private static bool IsVerified(ClaimsPrincipal principal, string issuer, HashSet<string> trusted) =>
        principal.FindFirstValue("email_verified") is { } verified
            ? string.Equals(verified, "true", StringComparison.OrdinalIgnoreCase)
            : trusted.Contains(issuer.TrimEnd('/'));

    private static HashSet<string> TrustedIssuersWithoutVerification(IConfiguration configuration) =>
        (configuration[$"{Section}:TrustedIssuersWithoutEmailVerified"] ?? string.Empty)
            .Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(i => i.TrimEnd('/'))
            .ToHashSet(StringComparer.Ordinal);

    private static IResult NotConfigured() =>
        Results.Problem(title: "Not configured", detail: "Sign-in through an identity provider is not configured on this server.", statusCode: StatusCodes.Status404NotFound);
}
