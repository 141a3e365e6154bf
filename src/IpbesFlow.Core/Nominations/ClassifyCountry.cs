using FluentValidation;
using IpbesFlow.Common;
using IpbesFlow.Identity;
using IpbesFlow.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Nominations;

/// <summary>The secretariat classifies a country's economy (developed, economy in transition, developing) where the
/// default does not hold; no group puts it back to the default. Applies to applications made from then on and to
/// requests for travel support; audited.</summary>
public sealed record ClassifyCountry(string CountryCode, EconomyGroup? Economy) : ICommand<CountryView>;

public sealed record CountryView(string Code, UnRegion Region, EconomyGroup Default, EconomyGroup Economy, bool Classified, DateTimeOffset? ChangedAt, string? ChangedBy);

public sealed class ClassifyCountryValidator : AbstractValidator<ClassifyCountry>
{
    public ClassifyCountryValidator()
    {
        RuleFor(c => c.CountryCode).Must(Countries.IsKnown).WithMessage(c => Countries.Unknown(c.CountryCode));
        RuleFor(c => c.Economy).IsInEnum().WithMessage("Say developed, economy-in-transition or developing (or nothing, for the default).");
    }
}

public sealed class ClassifyCountryHandler(IpbesFlowDbContext db, ICurrentUser actor, TimeProvider time) : ICommandHandler<ClassifyCountry, CountryView>
{
    public async ValueTask<CountryView> Handle(ClassifyCountry command, CancellationToken cancellationToken)
    {
        if (!actor.Principal.Has(Role.SecretariatAdmin) || !actor.Principal.MayWrite())
        {
            throw new ForbiddenException("The secretariat maintains the classification of countries.");
        }

        var code = Countries.Normalize(command.CountryCode);
        var now = time.GetUtcNow();
        var row = await db.CountryClassifications.FirstOrDefaultAsync(c => c.CountryCode == code, cancellationToken);
        var before = row?.Economy ?? Countries.EconomyOf(code);
        if (command.Economy is not { } economy || economy == Countries.EconomyOf(code))
        {
            if (row is not null)
            {
                db.CountryClassifications.Remove(row);
            }

            row = null;
        }
        else if (row is null)
        {
            row = CountryClassification.Of(code, economy, actor.Name, now);
            db.CountryClassifications.Add(row);
        }
        else
        {
            row.Change(economy, actor.Name, now);
        }

        var after = row?.Economy ?? Countries.EconomyOf(code);
        db.AuditEntries.Add(AuditEntry.Record(actor, "country.classified", code, $"{Countries.EconomyName(before)} -> {Countries.EconomyName(after)}", now));
        return ListCountriesHandler.View(code, row);
    }
}
