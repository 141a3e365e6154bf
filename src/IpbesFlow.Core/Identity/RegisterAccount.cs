using FluentValidation;
using IpbesFlow.Common;
using IpbesFlow.People;
using IpbesFlow.Persistence;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Identity;

/// <summary>Someone creates their own account (an expert who wants to review): email, name, country and language. It has
/// no password; the mailed link signs them in, which is how the address is confirmed. The answer, and the mail, never
/// say whether the address already had an account: an address that has one is sent a sign-in link instead, within the
/// same per-address limit.</summary>
public sealed record RegisterAccount(string Email, string FullName, string? CountryCode, string Language, bool ReviewAnnouncements = false) : ICommand<PendingSignInLink?>;

public sealed class RegisterAccountValidator : AbstractValidator<RegisterAccount>
{
    public RegisterAccountValidator()
    {
        RuleFor(c => c.Email).NotEmpty().MaximumLength(Person.MaxEmailLength).EmailAddress();
        RuleFor(c => c.FullName).NotEmpty().MaximumLength(Person.MaxNameLength);
        RuleFor(c => c.CountryCode)
            .Matches("^[A-Za-z]{2}$").When(c => !string.IsNullOrEmpty(c.CountryCode))
            .WithMessage("Use the two-letter ISO 3166 country code, e.g. 'KE' or 'FR'.");
        RuleFor(c => c.Language)
            .Must(UnLanguages.IsSupported)
            .WithMessage($"'{{PropertyValue}}' is not a UN language; use one of {string.Join(", ", UnLanguages.All)}.");
    }
}

public sealed class RegisterAccountHandler(IpbesFlowDbContext db, UserManager<UserAccount> users, SignInLinkLimits limits, ICurrentUser actor, TimeProvider time) : ICommandHandler<RegisterAccount, PendingSignInLink?>
{
    public async ValueTask<PendingSignInLink?> Handle(RegisterAccount command, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var email = command.Email.Trim();
        if (await users.FindByEmailAsync(email) is null)
        {
            var account = UserAccount.Create(email, command.FullName.Trim(), now);
            account.ReviewAnnouncements = command.ReviewAnnouncements;
            var result = await users.CreateAsync(account);
            if (!result.Succeeded)
            {
                throw new ValidationFailedException(result.Errors.Select(e => new FieldError("email", e.Description)).ToList());
            }

            var normalized = Person.NormalizeEmail(email);
            if (!await db.People.AnyAsync(p => p.NormalizedEmail == normalized, cancellationToken))
            {
                db.People.Add(Person.Register(Guid.CreateVersion7(now), command.FullName.Trim(), email, command.Language, command.CountryCode?.Trim().ToUpperInvariant() is { Length: > 0 } country ? country : null, null, now));
            }

            db.AuditEntries.Add(AuditEntry.Record(actor, "user.self-registered", email, null, now));
            // Stored now (in the command's transaction) so that the link is written in the language just chosen.
            await db.SaveChangesAsync(cancellationToken);
        }

        return await SignInLinkIssuer.IssueAsync(db, limits, email, now, cancellationToken);
    }
}
