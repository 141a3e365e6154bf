namespace IpbesFlow.Common;

/// <summary>A limit on how often something may be asked was reached: answered 429, with when to try again.</summary>
public sealed class TooManyRequestsException(string message, TimeSpan retryAfter) : Exception(message)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
