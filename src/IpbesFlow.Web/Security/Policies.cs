using IpbesFlow.Identity;
using Microsoft.AspNetCore.Authorization;

namespace IpbesFlow.Web.Security;

/// <summary>Every endpoint names one of these, or says it is anonymous. Anything else is denied by the fallback
/// policy, for every caller, so an endpoint added without a policy cannot be used (and the authorization-matrix test
/// fails).</summary>
internal static class Policies
{
    /// <summary>Any signed-in person, whatever their roles.</summary>
    public const string SignedIn = "signed-in";

    /// <summary>Any signed-in person acting with write scope (their own tokens, for instance).</summary>
    public const string SignedInWrite = "signed-in-write";

    /// <summary>Secretariat, MEP, Bureau, and TSU members.</summary>
    public const string StaffRead = "staff-read";

    public const string StaffWrite = "staff-write";

    /// <summary>People's records (emails, countries, organisations): the secretariat and TSU members, who register people
    /// and give them their roles.</summary>
    public const string PeopleRead = "people-read";

    public const string PeopleWrite = "people-write";

    /// <summary>The MEP and the secretariat configure new assessments from the workflow templates.</summary>
    public const string ConfigureAssessments = "configure-assessments";

    public const string AdminRead = "admin-read";

    public const string AdminWrite = "admin-write";

    public static void Add(AuthorizationOptions options)
    {
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireAssertion(_ => false).Build();
        options.AddPolicy(SignedIn, p => p.RequireAuthenticatedUser());
        options.AddPolicy(SignedInWrite, p => p.RequireAuthenticatedUser().RequireAssertion(c => c.User.MayWrite()));
        options.AddPolicy(StaffRead, p => p.RequireAuthenticatedUser().RequireAssertion(c => IsStaff(c)));
        options.AddPolicy(StaffWrite, p => p.RequireAuthenticatedUser().RequireAssertion(c => IsStaff(c) && c.User.MayWrite()));
        options.AddPolicy(PeopleRead, p => p.RequireAuthenticatedUser().RequireAssertion(c => c.User.Has(Role.SecretariatAdmin) || c.User.Has(Role.TsuMember)));
        options.AddPolicy(PeopleWrite, p => p.RequireAuthenticatedUser().RequireAssertion(c => (c.User.Has(Role.SecretariatAdmin) || c.User.Has(Role.TsuMember)) && c.User.MayWrite()));
        options.AddPolicy(ConfigureAssessments, p => p.RequireAuthenticatedUser().RequireAssertion(c => (c.User.Has(Role.MepMember) || c.User.Has(Role.SecretariatAdmin)) && c.User.MayWrite()));
        options.AddPolicy(AdminRead, p => p.RequireAuthenticatedUser().RequireAssertion(c => c.User.Has(Role.SecretariatAdmin)));
        options.AddPolicy(AdminWrite, p => p.RequireAuthenticatedUser().RequireAssertion(c => c.User.Has(Role.SecretariatAdmin) && c.User.MayWrite()));
    }

    private static bool IsStaff(AuthorizationHandlerContext context) =>
        context.User.Has(Role.SecretariatAdmin) || context.User.Has(Role.MepMember) || context.User.Has(Role.BureauMember) || context.User.Has(Role.TsuMember);
}
