using System.Security.Claims;
using IpbesFlow.Identity;
using IpbesFlow.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Web.Security;

/// <summary>Cookie sign-ins (password or link) get the same claims as tokens.</summary>
internal sealed class CookiePrincipalFactory(IpbesFlowDbContext db) : IUserClaimsPrincipalFactory<UserAccount>
{
    public async Task<ClaimsPrincipal> CreateAsync(UserAccount user) =>
        new(await PrincipalFactory.IdentityAsync(db, user, IdentityConstants.ApplicationScheme, CancellationToken.None));
}

/// <summary>A session cookie carries who signed in and the account's security stamp at that moment, but its roles are
/// read from the database at every request: a session whose account was disabled, or whose stamp changed (the
/// account disabled and enabled again, its password changed), ends at its next request, and a role granted or revoked
/// counts from the next request too. Two small indexed reads per request, the same as a token costs.</summary>
internal static class CookieSessions
{
    private const string StampType = "AspNet.Identity.SecurityStamp";

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var db = context.HttpContext.RequestServices.GetRequiredService<IpbesFlowDbContext>();
        var user = context.Principal?.UserId() is { } id ? await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, context.HttpContext.RequestAborted) : null;
        if (user is null || user.IsDisabled || !string.Equals(user.SecurityStamp ?? string.Empty, context.Principal!.FindFirstValue(StampType), StringComparison.Ordinal))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        context.ReplacePrincipal(new ClaimsPrincipal(await PrincipalFactory.IdentityAsync(db, user, IdentityConstants.ApplicationScheme, context.HttpContext.RequestAborted)));
    }
}
