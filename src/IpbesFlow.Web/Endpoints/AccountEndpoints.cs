using IpbesFlow.Identity;
using IpbesFlow.Web.Security;
using Mediator;

namespace IpbesFlow.Web.Endpoints;

internal static class AccountEndpoints
{
    public static void MapAccountEndpoints(this WebApplication app)
    {
        var tokens = app.MapGroup("/api/tokens").WithTags("API tokens");
        tokens.MapGet("/", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new ListApiTokens(), ct)))
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("Your API tokens (never their secrets)");
        tokens.MapPost("/", async (IssueApiToken command, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(command, ct)))
            .RequireAuthorization(Policies.SignedInWrite)
            .WithSummary("Create a token for your scripts")
            .WithDescription("Create a token for your scripts: the secret is shown in this answer only.")
            .ProducesValidationProblem();
        tokens.MapDelete("/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new RevokeApiToken(id), ct)))
            .RequireAuthorization(Policies.SignedInWrite)
            .WithSummary("Revoke one of your tokens")
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapPut("/api/account/review-announcements", async (AnnouncementsBody body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new FollowReviewAnnouncements(body.Subscribed), ct)))
            .WithTags("Account")
            .RequireAuthorization(Policies.SignedInWrite)
            .WithSummary("Follow the opening of reviews and calls")
            .WithDescription("Be told (subscribed: true) or no longer told when an external review or a call opens for registration.");

        var users = app.MapGroup("/api/users").WithTags("Users and roles");
        users.MapGet("/", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new ListUsers(), ct)))
            .RequireAuthorization(Policies.AdminRead);
        users.MapPost("/", async (CreateUser command, ISender sender, CancellationToken ct) =>
            {
                var user = await sender.Send(command, ct);
                return TypedResults.Created($"/api/users/{user.Id}", user);
            })
            .RequireAuthorization(Policies.AdminWrite)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        users.MapPost("/{id:guid}/roles", async (Guid id, RoleScope role, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new GrantRole(id, role), ct)))
            .RequireAuthorization(Policies.AdminWrite)
            .WithSummary("Grant a role, with its scope (assessment, country or organisation)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        users.MapDelete("/{id:guid}/roles/{assignmentId:guid}", async (Guid id, Guid assignmentId, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new RevokeRole(id, assignmentId), ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(Policies.AdminWrite)
            .ProducesProblem(StatusCodes.Status404NotFound);

        users.MapPost("/{id:guid}/disable", async (Guid id, DisableBody body, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new DisableUser(id, body.Reason ?? string.Empty), ct)))
            .RequireAuthorization(Policies.AdminWrite)
            .WithSummary("Disable an account")
            .WithDescription("Disable an account, saying why: its sessions and tokens are refused from their next request, its tokens revoked.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        users.MapPost("/{id:guid}/enable", async (Guid id, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new EnableUser(id), ct)))
            .RequireAuthorization(Policies.AdminWrite)
            .WithSummary("Enable a disabled account again (its tokens stay revoked)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        users.MapDelete("/{id:guid}/tokens", async (Guid id, ISender sender, CancellationToken ct) => TypedResults.Ok(new { revoked = await sender.Send(new RevokeUserTokens(id), ct) }))
            .RequireAuthorization(Policies.AdminWrite)
            .WithSummary("Revoke every API token of an account")
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet("/api/audit", async (int? take, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new ListAuditEntries(take ?? 200), ct)))
            .WithTags("Audit")
            .RequireAuthorization(Policies.AdminRead)
            .WithSummary("Administrative actions, newest first");
    }

    internal sealed record DisableBody(string? Reason);

    internal sealed record AnnouncementsBody(bool? Subscribed);
}
