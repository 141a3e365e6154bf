using System.Security.Claims;

namespace IpbesFlow.Identity;

/// <summary>The actor outside HTTP: the operator at the command line (<c>cli:alice</c>) or the service itself. Whoever
/// runs the CLI on the server holds the database credentials, so acts as the secretariat.</summary>
internal sealed class OperatorUser : ICurrentUser
{
    public Guid? UserId => null;

    // Read once per process: Environment.UserName asks the system's user database each time, and an operator is
    // created for every command the CLI or the service's own jobs send.
    private static readonly string OperatorName = $"cli:{Environment.UserName}";

    public string Name => OperatorName;

    public string? IpAddress => null;

    public ClaimsPrincipal Principal { get; } = new(new ClaimsIdentity([new Claim(Claims.RoleType, Claims.Name(Role.SecretariatAdmin))], "operator"));
}
