using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace IpbesFlow.Web.Tests.Security;

/// <summary>A small but real OpenID Connect provider on loopback: discovery, JWKS, an authorize endpoint that signs in
/// <see cref="Email"/> without asking, and a token endpoint that answers with an RS256-signed id_token.</summary>
public sealed class FakeIdentityProvider : IAsyncDisposable
{
    private static readonly string[] Code = ["code"];
    private static readonly string[] Public = ["public"];
    private static readonly string[] Rs256 = ["RS256"];
    private static readonly string[] S256 = ["S256"];
    private readonly RSA rsa = RSA.Create(2048);
    private readonly ConcurrentDictionary<string, (string Nonce, string ClientId)> codes = new(StringComparer.Ordinal);
    private WebApplication? app;

    public string Authority { get; private set; } = string.Empty;

    /// <summary>Who signs in at the provider next.</summary>
    public string Email { get; set; } = "expert@university.example.org";

    /// <summary>What the id_token says of the address: "true", "false", or nothing at all (null), as some providers do.</summary>
    public string? EmailVerified { get; set; } = "true";

    public static async Task<FakeIdentityProvider> StartAsync()
    {
        var provider = new FakeIdentityProvider();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        provider.app = builder.Build();
        provider.Map(provider.app);
        await provider.app.StartAsync();
        provider.Authority = provider.app.Urls.Single();
        return provider;
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        rsa.Dispose();
    }

    private RsaSecurityKey SigningKey => new(rsa) { KeyId = "test-key" };

    private void Map(WebApplication web)
    {
        web.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Authority,
            ["authorization_endpoint"] = $"{Authority}/authorize",
            ["token_endpoint"] = $"{Authority}/token",
            ["jwks_uri"] = $"{Authority}/jwks",
            ["response_types_supported"] = Code,
            ["subject_types_supported"] = Public,
            ["id_token_signing_alg_values_supported"] = Rs256,
            ["code_challenge_methods_supported"] = S256,
        }));

        web.MapGet("/jwks", () =>
        {
            var key = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(includePrivateParameters: false)) { KeyId = "test-key" });
            return Results.Json(new { keys = new[] { new { kty = key.Kty, kid = key.Kid, use = "sig", alg = "RS256", n = key.N, e = key.E } } });
        });

        web.MapGet("/authorize", (string redirect_uri, string state, string nonce, string client_id) =>
        {
            var code = Guid.NewGuid().ToString("N");
            codes[code] = (nonce, client_id);
            return Results.Redirect($"{redirect_uri}?code={code}&state={Uri.EscapeDataString(state)}");
        });

        web.MapPost("/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            if (!codes.TryRemove(form["code"].ToString(), out var grant))
            {
                return Results.BadRequest(new { error = "invalid_grant" });
            }

            var idToken = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Issuer = Authority,
                Audience = grant.ClientId,
                Subject = new ClaimsIdentity([
                    new Claim("sub", Email), new Claim("email", Email), new Claim("nonce", grant.Nonce),
                    .. EmailVerified is { } verified ? [new Claim("email_verified", verified, ClaimValueTypes.Boolean)] : Array.Empty<Claim>()]),
                IssuedAt = TimeProvider.System.GetUtcNow().UtcDateTime,
                NotBefore = TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(-1),
                Expires = TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(5),
                SigningCredentials = new SigningCredentials(SigningKey, SecurityAlgorithms.RsaSha256),
            });
            return Results.Json(new { access_token = "opaque", token_type = "Bearer", expires_in = 300, id_token = idToken });
        });
    }
}
