using System.Security.Claims;

namespace IpbesFlow.Identity;

/// <summary>Who is acting: the signed-in person over HTTP, or the operator at the command line.</summary>
public interface ICurrentUser
{
    Guid? UserId { get; }

    /// <summary>Email of the person, or a name for a system actor (<c>cli:root</c>).</summary>
    string Name { get; }

    string? IpAddress { get; }

    /// <summary>The roles and token scope the caller acts with, for rules that depend on the resource.</summary>
    ClaimsPrincipal Principal { get; }
}
