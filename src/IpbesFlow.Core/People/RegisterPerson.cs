using FluentValidation;
using IpbesFlow.Common;
using IpbesFlow.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.People;

public sealed record RegisterPerson(string FullName, string Email, string PreferredLanguage, string? CountryCode = null, string? Organisation = null)
    : ICommand<PersonView>;

public sealed class RegisterPersonValidator : AbstractValidator<RegisterPerson>
{
    public RegisterPersonValidator()
    {
        RuleFor(c => c.FullName).NotEmpty().MaximumLength(Person.MaxNameLength);
        RuleFor(c => c.Email).NotEmpty().MaximumLength(Person.MaxEmailLength).EmailAddress();
        RuleFor(c => c.PreferredLanguage)
            .Must(UnLanguages.IsSupported)
            .WithMessage($"'{{PropertyValue}}' is not a UN language; use one of {string.Join(", ", UnLanguages.All)}.");
        RuleFor(c => c.CountryCode)
            .Matches("^[A-Za-z]{2}$").When(c => c.CountryCode is not null)
            .WithMessage("Use the two-letter ISO 3166 country code, e.g. 'KE' or 'FR'.");
        RuleFor(c => c.Organisation).MaximumLength(Person.MaxOrganisationLength);
    }
}

public sealed class RegisterPersonHandler(IpbesFlowDbContext db, TimeProvider time) : ICommandHandler<RegisterPerson, PersonView>
{
    public async ValueTask<PersonView> Handle(RegisterPerson command, CancellationToken cancellationToken)
    {
        var normalized = Person.NormalizeEmail(command.Email);
        if (await db.People.AnyAsync(p => p.NormalizedEmail == normalized, cancellationToken))
        {
            throw new ConflictException($"A person with the email '{command.Email.Trim()}' is already registered.", "email");
        }

        var now = time.GetUtcNow();
        var person = Person.Register(Guid.CreateVersion7(now), command.FullName, command.Email, command.PreferredLanguage, command.CountryCode, command.Organisation, now);
        db.People.Add(person);
        return PersonView.From(person);
    }
}
