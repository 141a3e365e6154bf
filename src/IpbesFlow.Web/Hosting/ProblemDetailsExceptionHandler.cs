using System.Text.Json;
using IpbesFlow.Common;
using IpbesFlow.Identity;
using IpbesFlow.Persistence;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace IpbesFlow.Web.Hosting;

/// <summary>Turns the engine's refusals into RFC 9457 problem details. Validation problems list every field with its
/// messages under <c>errors</c>, keyed by the field's JSON path as the caller wrote it.</summary>
internal sealed class ProblemDetailsExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails? problem = exception switch
        {
            ValidationFailedException e => Validation(e.Errors),
            BadHttpRequestException { InnerException: JsonException json } => Validation([new FieldError(JsonField(json.Path), "The value is not valid JSON for this field.")]),
            BadHttpRequestException e when Unbound(e) is { } field => Validation([field]),
            BadHttpRequestException e => new ProblemDetails { Status = e.StatusCode, Title = "The request could not be read.", Detail = e.Message },
            ConflictException e => WithField(new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "Conflict", Detail = e.Message }, e.Field),
            SignInRefusedException e => new ProblemDetails { Status = StatusCodes.Status401Unauthorized, Title = "Sign-in refused", Detail = e.Message },
            ForbiddenException e => new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = "Not allowed", Detail = e.Message },
            NotFoundException e => new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = $"{e.What} not found", Detail = e.Message },
            TooManyRequestsException e => TooMany(httpContext, e),
            Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Changed meanwhile",
                Detail = "Someone else changed this at the same moment. Reload it and try again.",
            },
            _ when DatabaseErrors.IsUniqueViolation(exception) => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Conflict",
                Detail = "The change conflicts with data saved at the same moment (a duplicate). Reload and try again.",
            },
            _ => null,
        };

        if (problem is null)
        {
            return false;
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails TooMany(HttpContext context, TooManyRequestsException e)
    {
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(e.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new ProblemDetails { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests", Detail = e.Message };
    }

    private static HttpValidationProblemDetails Validation(IReadOnlyList<FieldError> errors) =>
        new(errors.GroupBy(e => e.Field, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request has invalid fields.",
        };

    private static ProblemDetails WithField(ProblemDetails problem, string? field)
    {
        if (field is not null)
        {
            problem.Extensions["field"] = field;
        }

        return problem;
    }

    // A query or route value that does not parse: the framework's words name the parameter and what was given.
    private static FieldError? Unbound(BadHttpRequestException e)
    {
        var match = System.Text.RegularExpressions.Regex.Match(e.Message, "^Failed to bind parameter \"(?<type>.+) (?<name>[^ \"]+)\" from \"(?<value>.*)\"\\.$", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromMilliseconds(100));
        if (!match.Success)
        {
            return null;
        }

        var kebab = System.Text.RegularExpressions.Regex.Match(match.Groups["type"].Value, @"Kebab<(?<enum>\w+)>", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromMilliseconds(100));
        var names = kebab.Success ? Endpoints.KebabNames.Of(kebab.Groups["enum"].Value) : null;
        return new FieldError(match.Groups["name"].Value, names is null
            ? $"'{match.Groups["value"].Value}' is not a valid value."
            : $"'{match.Groups["value"].Value}' is not one of {string.Join(", ", names)}.");
    }

    // System.Text.Json reports "$.steps[2].start"; callers know "steps[2].start".
    private static string JsonField(string? path) => path is null or "$" ? "body" : path.TrimStart('$').TrimStart('.');
}
