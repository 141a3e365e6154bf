using IpbesFlow.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Nominations;

/// <summary>The secretariat's own classification of a country's economy, where it departs from the default in
/// <see cref="Countries"/> (the UN's reading): what the selection's balance and travel support go by.</summary>
public sealed class CountryClassification
{
    private CountryClassification()
    {
    }

    public string CountryCode { get; private set; } = string.Empty;

    public EconomyGroup Economy { get; private set; }

    public DateTimeOffset ChangedAt { get; private set; }

    public string ChangedBy { get; private set; } = string.Empty;

    public static CountryClassification Of(string countryCode, EconomyGroup economy, string actor, DateTimeOffset now) =>
        new() { CountryCode = Countries.Normalize(countryCode), Economy = economy, ChangedAt = now, ChangedBy = actor };

    public void Change(EconomyGroup economy, string actor, DateTimeOffset now)
    {
        Economy = economy;
        ChangedAt = now;
        ChangedBy = actor;
    }
}

/// <summary>A country's economic group as the service applies it: the secretariat's classification where it made one,
/// the default otherwise. Read once per command (a few rows at most).</summary>
public sealed class EconomyGroups
{
    private readonly IReadOnlyDictionary<string, EconomyGroup> overrides;

    private EconomyGroups(IReadOnlyDictionary<string, EconomyGroup> overrides) => this.overrides = overrides;

    public EconomyGroup Of(string countryCode) =>
        overrides.TryGetValue(Countries.Normalize(countryCode), out var group) ? group : Countries.EconomyOf(countryCode);

    public static async Task<EconomyGroups> LoadAsync(IpbesFlowDbContext db, CancellationToken cancellationToken) =>
        new(await db.CountryClassifications.AsNoTracking().ToDictionaryAsync(c => c.CountryCode, c => c.Economy, StringComparer.Ordinal, cancellationToken));
}
