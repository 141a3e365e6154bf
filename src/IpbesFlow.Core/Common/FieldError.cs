namespace IpbesFlow.Common;

/// <summary>A problem with one input field. <see cref="Field"/> is the path as the caller wrote it
/// (e.g. <c>email</c>, <c>steps[2].duration</c>).</summary>
public sealed record FieldError(string Field, string Message);
