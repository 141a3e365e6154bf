using FluentValidation;
using IpbesFlow.Common;
using IpbesFlow.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Identity;

/// <summary>An admin disables an account (a person who left, a compromised address): from the next request on, its
/// sessions and tokens are refused and nothing signs it in; its tokens are revoked for good. Its roles and history
/// stay, so enabling it again restores it.</summary>
public sealed record DisableUser(Guid UserId, string Reason) : ICommand<UserView>;

public sealed class DisableUserValidator : AbstractValidator<DisableUser>
{
    public DisableUserValidator() => RuleFor(c => c.Reason).NotEmpty().WithMessage("Say why the account is disabled.").MaximumLength(500);
}

public sealed class DisableUserHandler(IpbesFlowDbContext db, ICurrentUser actor, TimeProvider time) : ICommandHandler<DisableUser, UserView>
{
    public async ValueTask<UserView> Handle(DisableUser command, CancellationToken cancellationToken)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == command.UserId, cancellationToken) ?? throw new NotFoundException("User", command.UserId);
        if (user.Id == actor.UserId)
        {
            throw new ConflictException("You cannot disable your own account; ask another admin.");
        }

        var now = time.GetUtcNow();
        user.DisabledAt ??= now;
        // A new stamp ends every session made before: cookies carry the stamp they were made with.
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        var revoked = await UserTokens.RevokeAllAsync(db, user.Id, now, cancellationToken);
        db.AuditEntries.Add(AuditEntry.Record(actor, "user.disabled", user.Email!, $"{command.Reason.Trim()}; {revoked} token(s) revoked", now));
        return await UserViews.OfAsync(db, user, now, cancellationToken);
    }
}

/// <summary>An admin enables a disabled account again; its tokens stay revoked (the person makes new ones).</summary>
public sealed record EnableUser(Guid UserId) : ICommand<UserView>;

public sealed class EnableUserHandler(IpbesFlowDbContext db, ICurrentUser actor, TimeProvider time) : ICommandHandler<EnableUser, UserView>
{
    public async ValueTask<UserView> Handle(EnableUser command, CancellationToken cancellationToken)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == command.UserId, cancellationToken) ?? throw new NotFoundException("User", command.UserId);
        var now = time.GetUtcNow();
        if (user.DisabledAt is not null)
        {
            user.DisabledAt = null;
            db.AuditEntries.Add(AuditEntry.Record(actor, "user.enabled", user.Email!, null, now));
        }

        return await UserViews.OfAsync(db, user, now, cancellationToken);
    }
}

/// <summary>An admin revokes every token of an account (a script's secret leaked), without disabling it.</summary>
public sealed record RevokeUserTokens(Guid UserId) : ICommand<int>;

public sealed class RevokeUserTokensHandler(IpbesFlowDbContext db, ICurrentUser actor, TimeProvider time) : ICommandHandler<RevokeUserTokens, int>
{
    public async ValueTask<int> Handle(RevokeUserTokens command, CancellationToken cancellationToken)
    {
        var email = await db.Users.Where(u => u.Id == command.UserId).Select(u => u.Email).FirstOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("User", command.UserId);
        var now = time.GetUtcNow();
        var revoked = await UserTokens.RevokeAllAsync(db, command.UserId, now, cancellationToken);
        db.AuditEntries.Add(AuditEntry.Record(actor, "tokens.revoked", email, $"{revoked} token(s)", now));
        return revoked;
    }
}

internal static class UserTokens
{
    public static async Task<int> RevokeAllAsync(IpbesFlowDbContext db, Guid userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var tokens = await db.ApiTokens.Where(t => t.UserId == userId && t.RevokedAt == null).ToListAsync(cancellationToken);
        tokens.ForEach(t => t.Revoke(now));
        return tokens.Count;
    }
}

internal static class UserViews
{
    public static async Task<UserView> OfAsync(IpbesFlowDbContext db, UserAccount user, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var roles = await db.RoleAssignments.AsNoTracking().Where(r => r.UserId == user.Id).OrderBy(r => r.GrantedAt).ToListAsync(cancellationToken);
        return UserView.From(user, roles, now);
    }
}
