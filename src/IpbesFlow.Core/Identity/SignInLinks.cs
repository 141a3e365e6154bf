using FluentValidation;
using IpbesFlow.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Identity;

/// <summary>Sends the link to a person who asks for one. Whether an account exists for the address is never revealed.</summary>
public sealed record RequestSignInLink(string Email) : ICommand<Unit>;

public sealed class RequestSignInLinkValidator : AbstractValidator<RequestSignInLink>
{
    public RequestSignInLinkValidator() => RuleFor(c => c.Email).NotEmpty().MaximumLength(254).EmailAddress();
}

/// <summary>Delivers a sign-in link by email; implemented where mail is sent.</summary>
public interface ISignInLinkMailer
{
    Task SendAsync(UserAccount user, string secret, DateTimeOffset expiresAt, CancellationToken cancellationToken);
}

public sealed class RequestSignInLinkHandler(IpbesFlowDbContext db, ISignInLinkMailer mailer, TimeProvider time) : ICommandHandler<RequestSignInLink, Unit>
{
    public async ValueTask<Unit> Handle(RequestSignInLink command, CancellationToken cancellationToken)
    {
        var normalized = command.Email.Trim().ToUpperInvariant();
        var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == normalized, cancellationToken);
        if (user is null)
        {
            return Unit.Value;
        }

        var (link, secret) = SignInLink.Issue(user.Id, time.GetUtcNow());
        db.SignInLinks.Add(link);
        await db.SaveChangesAsync(cancellationToken);
        await mailer.SendAsync(user, secret, link.ExpiresAt, cancellationToken);
        return Unit.Value;
    }
}

/// <summary>A link for an account, handed over directly (the operator creating the first admin); answers its secret.</summary>
public sealed record IssueSignInLink(Guid UserId) : ICommand<string>;

public sealed class IssueSignInLinkHandler(IpbesFlowDbContext db, ICurrentUser actor, TimeProvider time) : ICommandHandler<IssueSignInLink, string>
{
    public async ValueTask<string> Handle(IssueSignInLink command, CancellationToken cancellationToken)
    {
        var email = await db.Users.Where(u => u.Id == command.UserId).Select(u => u.Email).FirstOrDefaultAsync(cancellationToken)
            ?? throw new Common.NotFoundException("User", command.UserId);
        var now = time.GetUtcNow();
        var (link, secret) = SignInLink.Issue(command.UserId, now);
        db.SignInLinks.Add(link);
        db.AuditEntries.Add(AuditEntry.Record(actor, "sign-in-link.issued", email, null, now));
        return secret;
    }
}

/// <summary>Uses a link up and answers whose it was; the host then signs that person in.</summary>
public sealed record RedeemSignInLink(string Secret) : ICommand<Guid>
{
    public override string ToString() => "RedeemSignInLink { Secret = (hidden) }";
}

public sealed class RedeemSignInLinkHandler(IpbesFlowDbContext db, TimeProvider time) : ICommandHandler<RedeemSignInLink, Guid>
{
    public async ValueTask<Guid> Handle(RedeemSignInLink command, CancellationToken cancellationToken)
    {
        var hash = SecretHash.Of(command.Secret ?? string.Empty);
        var link = await db.SignInLinks.FirstOrDefaultAsync(l => l.Hash == hash, cancellationToken)
            ?? throw new SignInRefusedException("This sign-in link is not valid. Request a new one.");
        if (link.Redeem(time.GetUtcNow()) is { } refusal)
        {
            throw new SignInRefusedException(refusal);
        }

        return link.UserId;
    }
}

/// <summary>Credentials that do not sign anyone in: answered 401 with the reason a person can act on.</summary>
public sealed class SignInRefusedException(string message) : Exception(message);
