using System.Net;
using IpbesFlow.Identity;
using IpbesFlow.Web.Security;
using Mediator;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

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

        auth.MapPost("/sign-out", async (SignInManager<UserAccount> signIn) =>
            {
                await signIn.SignOutAsync();
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

        // The link in the email opens a page; the button posts it. A GET that signed in would be used up by mail scanners.
        app.MapGet("/sign-in", (string? token, HttpContext context, IAntiforgery antiforgery) =>
            {
                var form = antiforgery.GetAndStoreTokens(context);
                var html = $$"""
                    <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign in to IpbesFlow</title>
                    <style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto}button{font-size:1.1rem;padding:.6rem 1.2rem}</style></head>
                    <body><h1>Sign in to IpbesFlow</h1><p>This link signs you in once.</p>
                    <form method="post" action="/sign-in">
                    <input type="hidden" name="{{form.FormFieldName}}" value="{{WebUtility.HtmlEncode(form.RequestToken)}}">
                    <input type="hidden" name="token" value="{{WebUtility.HtmlEncode(token ?? string.Empty)}}">
                    <button type="submit">Sign in</button></form></body></html>
                    """;
                return TypedResults.Content(html, "text/html; charset=utf-8");
            })
            .AllowAnonymous().ExcludeFromDescription();

        app.MapPost("/sign-in", async ([FromForm] string token, ISender sender, SignInManager<UserAccount> signIn, UserManager<UserAccount> users, CancellationToken ct) =>
            {
                var userId = await sender.Send(new RedeemSignInLink(token), ct);
                var user = await users.FindByIdAsync(userId.ToString()) ?? throw new SignInRefusedException("This sign-in link's account no longer exists.");
                if (user.IsDisabled)
                {
                    throw new SignInRefusedException("This account is disabled. Ask the secretariat.");
                }

                await signIn.SignInAsync(user, isPersistent: false);
                return TypedResults.Redirect("/api/auth/me");
            })
            .AllowAnonymous().RequireRateLimiting(SecurityServices.SignInRateLimit).ExcludeFromDescription();
    }

    private static async Task<IResult> SignInWithPassword(PasswordSignIn body, SignInManager<UserAccount> signIn, UserManager<UserAccount> users)
    {
        var user = string.IsNullOrWhiteSpace(body.Email) ? null : await users.FindByEmailAsync(body.Email.Trim());
        if (user is null)
        {
            // The same work as for an account, so that the time taken does not tell whether the address has one.
            users.PasswordHasher.VerifyHashedPassword(NoOne, NoOnesHash, body.Password ?? string.Empty);
            return Refused("The email or the password is wrong.");
        }

        var result = await signIn.CheckPasswordSignInAsync(user, body.Password ?? string.Empty, lockoutOnFailure: true);
        if (result.Succeeded && user.IsDisabled)
        {
            return Refused("This account is disabled. Ask the secretariat.");
        }

        if (result.Succeeded)
        {
            await signIn.SignInAsync(user, isPersistent: false);
            return TypedResults.NoContent();
        }

        return result.IsLockedOut
            ? Refused($"The account is locked after repeated failed sign-ins, until {user.LockoutEnd:yyyy-MM-dd HH:mm} UTC. Wait, or ask for a sign-in link.")
            : Refused("The email or the password is wrong.");
    }

    private static readonly UserAccount NoOne = UserAccount.Create("no-one@ipbesflow.invalid", "No one", DateTimeOffset.UnixEpoch);

    private static readonly string NoOnesHash = new PasswordHasher<UserAccount>().HashPassword(NoOne, Guid.NewGuid().ToString());

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Refused(string detail) =>
        TypedResults.Problem(title: "Sign-in refused", detail: detail, statusCode: StatusCodes.Status401Unauthorized);

    internal sealed record PasswordSignIn(string? Email, string? Password)
    {
        public override string ToString() => $"PasswordSignIn {{ Email = {Email} }}";
    }
}
