
namespace IpbesFlow.Identity;

/// <summary>The actor outside HTTP: the operator at the command line (<c>cli:alice</c>) or the service itself.</summary>
internal sealed class OperatorUser : ICurrentUser
{
    public Guid? UserId => null;

    public string Name { get; } = $"cli:{Environment.UserName}";

    public string? IpAddress => null;
}
