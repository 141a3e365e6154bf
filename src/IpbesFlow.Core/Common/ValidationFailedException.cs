namespace IpbesFlow.Common;

/// <summary>Input was refused before anything changed. Every problem found is listed, not just the first.</summary>
public sealed class ValidationFailedException : Exception
{
    public ValidationFailedException(IReadOnlyList<FieldError> errors)
        : base("Validation failed: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")))
    {
        Errors = errors;
    }

    public ValidationFailedException(string field, string message)
        : this([new FieldError(field, message)])
    {
    }

    public IReadOnlyList<FieldError> Errors { get; }
}
