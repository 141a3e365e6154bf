namespace IpbesFlow.Common;

public sealed class NotFoundException(string what, object key) : Exception($"{what} '{key}' was not found.")
{
    public string What { get; } = what;
}
