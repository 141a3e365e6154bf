using FluentValidation;
using IpbesFlow.Common;
using IpbesFlow.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Identity;

/// <summary>A person creates a token for their scripts; the secret is in the answer and nowhere else, ever.</summary>
public sealed record IssueApiToken(string Name, TokenScope Scope = TokenScope.Read, int ExpiresInDays = 90) : ICommand<IssuedApiToken>;

public sealed record IssuedApiToken(ApiTokenView Token, string Secret)
{
    public override string ToString() => $"IssuedApiToken {{ Token = {Token} }}";
}

public sealed record ApiTokenView(Guid Id, string Name, string Hint, TokenScope Scope, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt)
{
    public static ApiTokenView From(ApiToken t) => new(t.Id, t.Name, t.Hint, t.Scope, t.CreatedAt, t.ExpiresAt, t.RevokedAt);
}

public sealed class IssueApiTokenValidator : AbstractValidator<IssueApiToken>
{
    public IssueApiTokenValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(100);
        RuleFor(c => c.Scope).IsInEnum();
        RuleFor(c => c.ExpiresInDays).InclusiveBetween(1, 366);
    }
}

public sealed class IssueApiTokenHandler(IpbesFlowDbContext db, ICurrentUser actor, TimeProvider time) : ICommandHandler<IssueApiToken, IssuedApiToken>
{
    public ValueTask<IssuedApiToken> Handle(IssueApiToken command, CancellationToken cancellationToken)
    {
        var userId = actor.UserId ?? throw new ConflictException("Only a signed-in person can create a token.");
        var now = time.GetUtcNow();
        if (actor.Principal.TokenExpiresAt() is { } limit && now + TimeSpan.FromDays(command.ExpiresInDays) > limit)
        {
            // A token that could mint a longer-lived one would make its own expiry (and a revocation racing it) moot.
            throw new ValidationFailedException("expiresInDays", $"A token creates only tokens that expire before it does: the one you are using expires {limit:yyyy-MM-dd HH:mm}Z, {Math.Floor((limit - now).TotalDays)} day(s) from now.");
        }

        var (token, secret) = ApiToken.Issue(userId, command.Name, command.Scope, TimeSpan.FromDays(command.ExpiresInDays), now);
        db.ApiTokens.Add(token);
        db.AuditEntries.Add(AuditEntry.Record(actor, "token.created", $"token {token.Hint}", $"{token.Name}, {command.Scope.ToString().ToLowerInvariant()}, expires {token.ExpiresAt:yyyy-MM-dd}", now));
        return ValueTask.FromResult(new IssuedApiToken(ApiTokenView.From(token), secret));
    }
}

public sealed record ListApiTokens : IQuery<IReadOnlyList<ApiTokenView>>;

public sealed class ListApiTokensHandler(IpbesFlowDbContext db, ICurrentUser actor) : IQueryHandler<ListApiTokens, IReadOnlyList<ApiTokenView>>
{
    public async ValueTask<IReadOnlyList<ApiTokenView>> Handle(ListApiTokens query, CancellationToken cancellationToken)
    {
        var tokens = await db.ApiTokens.AsNoTracking().Where(t => t.UserId == actor.UserId).OrderBy(t => t.CreatedAt).ToListAsync(cancellationToken);
        return tokens.ConvertAll(ApiTokenView.From);
    }
}

public sealed record RevokeApiToken(Guid Id) : ICommand<ApiTokenView>;

public sealed class RevokeApiTokenHandler(IpbesFlowDbContext db, ICurrentUser actor, TimeProvider time) : ICommandHandler<RevokeApiToken, ApiTokenView>
{
    public async ValueTask<ApiTokenView> Handle(RevokeApiToken command, CancellationToken cancellationToken)
    {
        // Another person's token is "not found": its existence is not theirs to learn.
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == command.Id && t.UserId == actor.UserId, cancellationToken)
            ?? throw new NotFoundException("Token", command.Id);
        var now = time.GetUtcNow();
        token.Revoke(now);
        db.AuditEntries.Add(AuditEntry.Record(actor, "token.revoked", $"token {token.Hint}", token.Name, now));
        return ApiTokenView.From(token);
    }
}
