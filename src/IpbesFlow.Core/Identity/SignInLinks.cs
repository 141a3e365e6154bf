using FluentValidation;
using IpbesFlow.Common;
using IpbesFlow.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Identity;

/// <summary>A person asks for a sign-in link. Whether an account exists for the address is never revealed: the answer,
/// the work done and the limit on how often an address may ask are the same either way. The link is mailed after the
/// command commits, by <see cref="ISignInLinkMailer"/>, never inside its transaction (a slow mail relay must not hold
/// the database).</summary>
public sealed record RequestSignInLink(string Email) : ICommand<PendingSignInLink?>;

/// <summary>A link to mail once its command has committed, in the person's language; none when the address has no
/// account.</summary>
public sealed record PendingSignInLink(Guid UserId, string Email, string Name, string Language, string Secret, DateTimeOffset ExpiresAt)
{
    /// <summary>The template the link is mailed in (<c>templates/&lt;language&gt;/sign-in-link.liquid</c>).</summary>
    public const string Template = "sign-in-link";

    public override string ToString() => $"PendingSignInLink {{ UserId = {UserId}, ExpiresAt = {ExpiresAt:O} }}";
}

/// <summary>How often one address may be sent a link: per hour, whether or not it has an account.</summary>
public sealed record SignInLinkLimits(int PerAddressPerHour = 5);

public sealed class RequestSignInLinkValidator : AbstractValidator<RequestSignInLink>
{
    public RequestSignInLinkValidator() => RuleFor(c => c.Email).NotEmpty().MaximumLength(254).EmailAddress();
}

/// <summary>Delivers sign-in links by email, outside any transaction; implemented where mail is sent.</summary>
public interface ISignInLinkMailer
{
    /// <summary>Hands the link over to be mailed now, without waiting for the mail server.</summary>
    void Enqueue(PendingSignInLink link);
}

public sealed class RequestSignInLinkHandler(IpbesFlowDbContext db, SignInLinkLimits limits, TimeProvider time) : ICommandHandler<RequestSignInLink, PendingSignInLink?>
{
    public async ValueTask<PendingSignInLink?> Handle(RequestSignInLink command, CancellationToken cancellationToken) =>
        await SignInLinkIssuer.IssueAsync(db, limits, command.Email, time.GetUtcNow(), cancellationToken);
}

/// <summary>Records a link for an address, within the per-address limit, whether or not it has an account (so that
/// the work, and the answer, are the same); answers the link to mail when it has one.</summary>
internal static class SignInLinkIssuer
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);

    public static async Task<PendingSignInLink?> IssueAsync(IpbesFlowDbContext db, SignInLinkLimits limits, string email, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var address = SignInLink.HashOf(email);
        var recent = await db.SignInLinks.Where(l => l.AddressHash == address && l.CreatedAt > now - Window).Select(l => l.CreatedAt).OrderBy(at => at).ToListAsync(cancellationToken);
        if (recent.Count >= limits.PerAddressPerHour)
        {
            var wait = recent[^limits.PerAddressPerHour] + Window - now;
            throw new TooManyRequestsException($"Sign-in links were sent to this address {limits.PerAddressPerHour} times in the last hour; ask again in {Math.Ceiling(wait.TotalMinutes)} minute(s).", wait);
        }

        // Links expired for a week are of no use to anyone; clearing them here keeps the table small without a job.
        await db.SignInLinks.Where(l => l.ExpiresAt < now.AddDays(-7)).ExecuteDeleteAsync(cancellationToken);

        var normalized = email.Trim().ToUpperInvariant();
        var user = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalized && u.DisabledAt == null)
            .Select(u => new { u.Id, u.Email, u.FullName })
            .FirstOrDefaultAsync(cancellationToken);
        var (link, secret) = SignInLink.Issue(user?.Id, email, now);
        db.SignInLinks.Add(link);
        if (user is null)
        {
            return null;
        }

        var language = await db.People.AsNoTracking().Where(p => p.NormalizedEmail == normalized).Select(p => p.PreferredLanguage).FirstOrDefaultAsync(cancellationToken);
        return new PendingSignInLink(user.Id, user.Email!, user.FullName, language is not null && People.UnLanguages.IsSupported(language) ? language : People.UnLanguages.English, secret, link.ExpiresAt);
    }
}

/// <summary>A link for an account, handed over directly (the operator creating the first admin); answers its secret.</summary>
public sealed record IssueSignInLink(Guid UserId) : ICommand<string>;

public sealed class IssueSignInLinkHandler(IpbesFlowDbContext db, ICurrentUser actor, TimeProvider time) : ICommandHandler<IssueSignInLink, string>
{
    public async ValueTask<string> Handle(IssueSignInLink command, CancellationToken cancellationToken)
    {
        var email = await db.Users.Where(u => u.Id == command.UserId).Select(u => u.Email).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("User", command.UserId);
        var now = time.GetUtcNow();
        var (link, secret) = SignInLink.Issue(command.UserId, email, now);
        db.SignInLinks.Add(link);
        db.AuditEntries.Add(AuditEntry.Record(actor, "sign-in-link.issued", email, null, now));
        return secret;
    }
}

/// <summary>Uses a link up and answers whose it was; the host then signs that person in. One statement marks it used,
/// so of two requests racing with the same link exactly one gets in.</summary>
public sealed record RedeemSignInLink(string Secret) : ICommand<Guid>
{
    public override string ToString() => "RedeemSignInLink { Secret = (hidden) }";
}

public sealed class RedeemSignInLinkHandler(IpbesFlowDbContext db, TimeProvider time) : ICommandHandler<RedeemSignInLink, Guid>
{
    public async ValueTask<Guid> Handle(RedeemSignInLink command, CancellationToken cancellationToken)
    {
        var hash = SecretHash.Of(command.Secret ?? string.Empty);
        var now = time.GetUtcNow();
        var used = await db.SignInLinks
            .Where(l => l.Hash == hash && l.UserId != null && l.UsedAt == null && l.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.UsedAt, now), cancellationToken);
        var link = await db.SignInLinks.AsNoTracking().FirstOrDefaultAsync(l => l.Hash == hash, cancellationToken);
        if (used != 1 || link?.UserId is not { } userId)
        {
            throw new SignInRefusedException(SignInLink.Refusal(link, now));
        }

        // A link reached its address: the address is the account's (an account made by its owner is confirmed so).
        await db.Users.Where(u => u.Id == userId && !u.EmailConfirmed).ExecuteUpdateAsync(s => s.SetProperty(u => u.EmailConfirmed, true), cancellationToken);
        return userId;
    }
}

/// <summary>Credentials that do not sign anyone in: answered 401 with the reason a person can act on.</summary>
public sealed class SignInRefusedException(string message) : Exception(message);
