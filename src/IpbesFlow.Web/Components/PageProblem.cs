using IpbesFlow.Common;

namespace IpbesFlow.Web.Components;

/// <summary>What a page shows when the command or query it sent was refused: the same refusal, status and fields the
/// API answers with.</summary>
public sealed record PageProblem(int Status, string Title, string Detail, IReadOnlyList<FieldError> Fields)
{
    /// <summary>The refusals a person can act on; anything else is a fault, left to the error handler.</summary>
    public static PageProblem? From(Exception exception) => exception switch
    {
        ValidationFailedException e => new(StatusCodes.Status400BadRequest, "Please correct the following", string.Empty, e.Errors),
        ConflictException e => new(StatusCodes.Status409Conflict, "This cannot be done now", e.Message, e.Field is null ? [] : [new FieldError(e.Field, e.Message)]),
        ForbiddenException e => new(StatusCodes.Status403Forbidden, "Not allowed", e.Message, []),
        NotFoundException e => new(StatusCodes.Status404NotFound, $"{e.What} not found", e.Message, []),
        TooManyRequestsException e => new(StatusCodes.Status429TooManyRequests, "Too many requests", e.Message, []),
        Identity.SignInRefusedException e => new(StatusCodes.Status401Unauthorized, "Sign-in refused", e.Message, []),
        _ => null,
    };

    /// <summary>The messages about <paramref name="field"/> (the API's field name), for the input it belongs to.</summary>
    public IEnumerable<string> For(string field) =>
        Fields.Where(f => string.Equals(f.Field, field, StringComparison.OrdinalIgnoreCase) || f.Field.StartsWith(field + "[", StringComparison.OrdinalIgnoreCase) || f.Field.StartsWith(field + ".", StringComparison.OrdinalIgnoreCase))
            .Select(f => f.Message);
}
