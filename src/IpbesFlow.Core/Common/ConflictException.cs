namespace IpbesFlow.Common;

/// <summary>The request is valid but clashes with the current state (a duplicate, a closed window, a concurrent
/// change). <see cref="Field"/> names the input that clashed, when there is one.</summary>
public sealed class ConflictException(string message, string? field = null) : Exception(message)
{
    public string? Field { get; } = field;
}
