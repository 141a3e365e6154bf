using IpbesFlow.Identity;
using IpbesFlow.Web.Security;
using Mediator;
using Microsoft.AspNetCore.Antiforgery;

namespace IpbesFlow.Web.Endpoints;

internal static class AuthEndpoints
{
    public static void MapAuthEndpoints(this WebApplication app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Sign-in");

        auth.MapPost("/sign-in", SignInWithPassword)
            .AllowAnonymous().RequireRateLimiting(SecurityServices.SignInRateLimit)
            .WithSummary("Sign in with email and password")
            .WithDescription("Sign in with email and password (cookie session); locks the account after 5 failures.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        auth.MapPost("/sign-out", async (SessionSignIn session) =>
            {
                await session.SignOutAsync();
                return TypedResults.NoContent();
            })
            .RequireAuthorization(Policies.SignedIn);

        auth.MapGet("/me", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new GetCurrentUser(), ct)))
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("The signed-in person and their roles");

        auth.MapPost("/sign-in-links", async (RequestSignInLink command, ISender sender, ISignInLinkMailer mailer, CancellationToken ct) =>
            {
                // Mailed after the command has committed, without waiting for the mail server.
                if (await sender.Send(command, ct) is { } link)
                {
                    mailer.Enqueue(link);
                }

                return TypedResults.Accepted((string?)null);
            })
            .AllowAnonymous().RequireRateLimiting(SecurityServices.SignInRateLimit)
            .WithSummary("Email a single-use sign-in link")
            .WithDescription("Email a single-use sign-in link (valid 24 hours); the answer, and the time it takes, are the same whether or not the address has an account. An address is sent at most Security:SignInLinksPerAddressPerHour links an hour (429 past it).")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        // Every page's sign-out button posts here, with the page's antiforgery token (a cross-site post cannot sign anyone out).
        app.MapPost("/sign-out", async (HttpContext context, IAntiforgery antiforgery, SessionSignIn session) =>
            {
                if (!await antiforgery.IsRequestValidAsync(context))
                {
                    return Results.Problem(title: "The form has expired", detail: "Reload the page and sign out again.", statusCode: StatusCodes.Status400BadRequest);
                }

                await session.SignOutAsync();
                return Results.Redirect("/sign-in");
            })
            .AllowAnonymous().ExcludeFromDescription();
    }

    private static async Task<IResult> SignInWithPassword(PasswordSignIn body, SessionSignIn session) =>
        await session.WithPasswordAsync(body.Email, body.Password) is { } refusal
            ? TypedResults.Problem(title: "Sign-in refused", detail: refusal, statusCode: StatusCodes.Status401Unauthorized)
            : TypedResults.NoContent();

    internal sealed record PasswordSignIn(string? Email, string? Password)
    {
        public override string ToString() => $"PasswordSignIn {{ Email = {Email} }}";
    }
}
