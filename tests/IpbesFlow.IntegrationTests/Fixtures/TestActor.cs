using System.Security.Claims;
using IpbesFlow.Identity;

namespace IpbesFlow.IntegrationTests.Fixtures;

/// <summary>Who a test acts as: a signed-in person with the roles given (as the web host would see them), or, by
/// default, the operator at the command line, who acts as the secretariat.</summary>
public sealed class TestActor : ICurrentUser
{
    private TestActor(Guid? userId, string name, IEnumerable<RoleScope> roles)
    {
        UserId = userId;
        Name = name;
        var claims = roles.Select(r => new Claim(Claims.RoleType, Claims.Value(r))).ToList();
        if (userId is { } id)
        {
            claims.Add(new Claim(Claims.UserIdType, id.ToString()));
        }

        Principal = new ClaimsPrincipal(new ClaimsIdentity(claims, userId is null && claims.Count == 0 ? null : "test"));
    }

    public static TestActor Operator { get; } = new(null, $"cli:{Environment.UserName}", [new RoleScope(Role.SecretariatAdmin)]);

    /// <summary>Nobody signed in.</summary>
    public static TestActor Anonymous { get; } = new(null, "anonymous", []);

    public Guid? UserId { get; }

    public string Name { get; }

    public string? IpAddress => "127.0.0.1";

    public ClaimsPrincipal Principal { get; }

    public static TestActor Person(Guid userId, string email, params RoleScope[] roles) => new(userId, email, roles);

    public static TestActor For(UserView user) => new(user.Id, user.Email, user.Roles.Select(r => new RoleScope(r.Role, r.AssessmentId, r.AuthorRole, r.ReviewStepId, r.CountryCode, r.Organisation, r.Chapter)));
}

/// <summary>The actor of one scope; empty means the operator.</summary>
public sealed class ActingAs
{
    public ICurrentUser? Actor { get; set; }
}
