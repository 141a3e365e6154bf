namespace IpbesFlow.Common;

/// <summary>The caller is signed in but may not do this to this resource (the endpoint's policy let them in; the
/// resource's own rule did not).</summary>
public sealed class ForbiddenException(string message) : Exception(message);
