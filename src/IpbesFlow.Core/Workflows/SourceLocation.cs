namespace IpbesFlow.Workflows;

/// <summary>1-based line and column in a workflow file.</summary>
public readonly record struct SourceLocation(int Line, int Column);

/// <summary>One mistake in a workflow file, printed the way compilers and editors understand:
/// <c>workflows/thematic-assessment.yaml:12:7: message</c>.</summary>
public sealed record WorkflowError(string File, SourceLocation Location, string Message)
{
    public override string ToString() => $"{File}:{Location.Line}:{Location.Column}: {Message}";
}
