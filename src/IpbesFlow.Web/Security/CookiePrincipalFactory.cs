using System.Security.Claims;
using IpbesFlow.Identity;
using IpbesFlow.Persistence;
using Microsoft.AspNetCore.Identity;

namespace IpbesFlow.Web.Security;

/// <summary>Cookie sign-ins (password or link) get the same claims as tokens.</summary>
internal sealed class CookiePrincipalFactory(IpbesFlowDbContext db) : IUserClaimsPrincipalFactory<UserAccount>
{
    public async Task<ClaimsPrincipal> CreateAsync(UserAccount user) =>
        new(await PrincipalFactory.IdentityAsync(db, user, IdentityConstants.ApplicationScheme, CancellationToken.None));
}
