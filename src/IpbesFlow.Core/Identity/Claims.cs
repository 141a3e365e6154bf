using System.Security.Claims;
using System.Text.Json;

namespace IpbesFlow.Identity;

/// <summary>How roles and token scopes travel in a signed-in principal: one <see cref="RoleType"/> claim per role,
/// written <c>tsu:&lt;assessment&gt;</c>, <c>author:&lt;assessment&gt;:lead-author</c>, <c>reviewer:&lt;assessment&gt;:fod-review</c>,
/// <c>focal-point:KE</c>, <c>stakeholder:&lt;organisation&gt;</c> or a bare role name.</summary>
public static class Claims
{
    public const string RoleType = "ipbesflow:role";
    public const string ScopeType = "ipbesflow:scope";

    /// <summary>On a principal signed in with an API token: when that token expires.</summary>
    public const string TokenExpiresType = "ipbesflow:token-expires";
    public const string UserIdType = ClaimTypes.NameIdentifier;

    public static string Name(Role role) => JsonNamingPolicy.KebabCaseLower.ConvertName(role.ToString());

    public static string Name(AuthorRole role) => JsonNamingPolicy.KebabCaseLower.ConvertName(role.ToString());

    public static string Value(RoleScope scope) => scope.Role switch
    {
        Role.TsuMember => $"tsu:{scope.AssessmentId}",
        Role.Author => $"author:{scope.AssessmentId}:{Name(scope.AuthorRole!.Value)}",
        Role.Reviewer => $"reviewer:{scope.AssessmentId}:{scope.ReviewStepId}",
        Role.NationalFocalPoint => $"focal-point:{scope.CountryCode}",
        Role.StakeholderOrganisation => $"stakeholder:{scope.Organisation}",
        _ => Name(scope.Role),
    };

    public static bool Has(this ClaimsPrincipal user, Role role) =>
        user.FindAll(RoleType).Any(c => c.Value == Name(role) || c.Value.StartsWith(Prefix(role), StringComparison.Ordinal));

    public static bool HasFor(this ClaimsPrincipal user, Role role, Guid assessmentId) =>
        user.FindAll(RoleType).Any(c => c.Value.StartsWith($"{Prefix(role)}{assessmentId}", StringComparison.Ordinal));

    public static bool MayWrite(this ClaimsPrincipal user) =>
        !user.HasClaim(c => c.Type == ScopeType) || user.HasClaim(ScopeType, "write");

    public static DateTimeOffset? TokenExpiresAt(this ClaimsPrincipal user) =>
        DateTimeOffset.TryParse(user.FindFirstValue(TokenExpiresType), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var at) ? at : null;

    /// <summary>The assessments the person holds <paramref name="role"/> on (a TSU member's, an author's, a reviewer's).</summary>
    public static IReadOnlyList<Guid> AssessmentsWith(this ClaimsPrincipal user, Role role) =>
        user.FindAll(RoleType)
            .Select(c => c.Value)
            .Where(v => v.StartsWith(Prefix(role), StringComparison.Ordinal))
            .Select(v => v[Prefix(role).Length..].Split(':')[0])
            .Select(id => Guid.TryParse(id, out var guid) ? guid : (Guid?)null)
            .OfType<Guid>()
            .Distinct()
            .ToList();

    public static Guid? UserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(UserIdType), out var id) ? id : null;

    private static string Prefix(Role role) => role switch
    {
        Role.TsuMember => "tsu:",
        Role.Author => "author:",
        Role.Reviewer => "reviewer:",
        Role.NationalFocalPoint => "focal-point:",
        Role.StakeholderOrganisation => "stakeholder:",
        _ => Name(role) + ":",
    };
}
