using System.Security.Claims;
using System.Text.Encodings.Web;
using IpbesFlow.Identity;
using IpbesFlow.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IpbesFlow.Web.Security;

/// <summary><c>Authorization: Bearer ipbf_…</c>: the token's hash is looked up; a revoked, expired or unknown token is
/// refused; the principal carries the owner's roles and the token's scope.</summary>
internal sealed class ApiTokenAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IpbesFlowDbContext db, TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var hash = SecretHash.Of(header["Bearer ".Length..].Trim());
        var token = await db.ApiTokens.AsNoTracking().FirstOrDefaultAsync(t => t.Hash == hash, Context.RequestAborted);
        if (token is null || !token.IsUsable(time.GetUtcNow()))
        {
            // The same answer for unknown, revoked and expired: a guesser learns nothing.
            return AuthenticateResult.Fail("The API token is not valid (unknown, revoked or expired).");
        }

        // A lockout after failed passwords stops password sign-in only; a disabled account stops everything.
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == token.UserId, Context.RequestAborted);
        if (user is null || user.IsDisabled)
        {
            return AuthenticateResult.Fail("The API token's account is disabled or gone.");
        }

        var identity = await PrincipalFactory.IdentityAsync(db, user, SchemeName, Context.RequestAborted);
        identity.AddClaim(new Claim(Claims.ScopeType, token.Scope == TokenScope.Write ? "write" : "read"));
        identity.AddClaim(new Claim(Claims.TokenExpiresType, token.ExpiresAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture)));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}

/// <summary>One place that turns an account and its role assignments into claims, for cookies and tokens alike, read
/// from the database at every request: a role revoked or an account disabled counts from the next request.</summary>
internal static class PrincipalFactory
{
    public static async Task<ClaimsIdentity> IdentityAsync(IpbesFlowDbContext db, UserAccount user, string scheme, CancellationToken cancellationToken)
    {
        var roles = await db.RoleAssignments.AsNoTracking().Where(r => r.UserId == user.Id).ToListAsync(cancellationToken);
        var identity = new ClaimsIdentity(scheme, ClaimTypes.Email, Claims.RoleType);
        identity.AddClaim(new Claim(Claims.UserIdType, user.Id.ToString()));
        identity.AddClaim(new Claim(ClaimTypes.Email, user.Email!));
        identity.AddClaim(new Claim(ClaimTypes.Name, user.FullName));
        identity.AddClaim(new Claim("AspNet.Identity.SecurityStamp", user.SecurityStamp ?? string.Empty));
        identity.AddClaims(roles.Select(r => new Claim(Claims.RoleType, Claims.Value(r.Scope))));
        return identity;
    }
}
