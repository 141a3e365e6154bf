using IpbesFlow.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Nominations;

/// <summary>Every country the service knows, with its UN region, its default economic group and the one applied (the
/// secretariat's where it classified it).</summary>
public sealed record ListCountries : IQuery<IReadOnlyList<CountryView>>;

public sealed class ListCountriesHandler(IpbesFlowDbContext db) : IQueryHandler<ListCountries, IReadOnlyList<CountryView>>
{
    public async ValueTask<IReadOnlyList<CountryView>> Handle(ListCountries query, CancellationToken cancellationToken)
    {
        var classified = await db.CountryClassifications.AsNoTracking().ToDictionaryAsync(c => c.CountryCode, StringComparer.Ordinal, cancellationToken);
        return [.. Countries.Codes.Order(StringComparer.Ordinal).Select(code => View(code, classified.GetValueOrDefault(code)))];
    }

    internal static CountryView View(string code, CountryClassification? row) =>
        new(code, Countries.RegionOf(code), Countries.EconomyOf(code), row?.Economy ?? Countries.EconomyOf(code), row is not null, row?.ChangedAt, row?.ChangedBy);
}
