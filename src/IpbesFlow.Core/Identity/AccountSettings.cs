using FluentValidation;
using IpbesFlow.Common;
using IpbesFlow.People;
using IpbesFlow.Persistence;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Identity;

/// <summary>The signed-in person chooses the UN language of their mail and pages (their person record's; one is made
/// from the account if they had none).</summary>
public sealed record ChooseLanguage(string Language) : ICommand<Unit>;

public sealed class ChooseLanguageValidator : AbstractValidator<ChooseLanguage>
{
    public ChooseLanguageValidator() =>
        RuleFor(c => c.Language).Must(UnLanguages.IsSupported).WithMessage($"'{{PropertyValue}}' is not a UN language; use one of {string.Join(", ", UnLanguages.All)}.");
}

public sealed class ChooseLanguageHandler(IpbesFlowDbContext db, ICurrentUser caller, TimeProvider time) : ICommandHandler<ChooseLanguage, Unit>
{
    public async ValueTask<Unit> Handle(ChooseLanguage command, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == caller.UserId, cancellationToken) ?? throw new NotFoundException("User", caller.Name);
        var normalized = Person.NormalizeEmail(user.Email!);
        var person = await db.People.FirstOrDefaultAsync(p => p.NormalizedEmail == normalized, cancellationToken);
        var now = time.GetUtcNow();
        if (person is null)
        {
            db.People.Add(Person.Register(Guid.CreateVersion7(now), user.FullName, user.Email!, command.Language, null, null, now));
        }
        else
        {
            person.ChooseLanguage(command.Language);
        }

        return Unit.Value;
    }
}

/// <summary>The signed-in person sets a password (first one) or changes it (giving the current one). Every other session
/// of theirs ends: the account's security stamp changes.</summary>
public sealed record SetPassword(string? Current, string New) : ICommand<Unit>
{
    public override string ToString() => "SetPassword { (hidden) }";
}

public sealed class SetPasswordValidator : AbstractValidator<SetPassword>
{
    public SetPasswordValidator() => RuleFor(c => c.New).NotEmpty().WithMessage("Give the new password.");
}

public sealed class SetPasswordHandler(UserManager<UserAccount> users, ICurrentUser caller) : ICommandHandler<SetPassword, Unit>
{
    public async ValueTask<Unit> Handle(SetPassword command, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(caller.UserId?.ToString() ?? string.Empty) ?? throw new NotFoundException("User", caller.Name);
        var result = await users.HasPasswordAsync(user)
            ? await users.ChangePasswordAsync(user, command.Current ?? string.Empty, command.New)
            : await users.AddPasswordAsync(user, command.New);
        return result.Succeeded
            ? Unit.Value
            : throw new ValidationFailedException(result.Errors.Select(e => new FieldError(e.Code == "PasswordMismatch" ? "current" : "new", e.Description)).ToList());
    }
}
