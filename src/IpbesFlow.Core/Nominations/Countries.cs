using System.Collections.Frozen;

namespace IpbesFlow.Nominations;

/// <summary>The five UN regions IPBES balances its expert groups across (the regional groups of Member States).</summary>
public enum UnRegion
{
    Africa,
    AsiaPacific,
    EasternEurope,
    LatinAmericaAndCaribbean,
    WesternEuropeAndOthers,
}

/// <summary>The economic groups IPBES balances alongside the regions.</summary>
public enum EconomyGroup
{
    Developed,
    EconomyInTransition,
    Developing,
}

/// <summary>Countries an application names (nationality, country of work, a nominating government), by ISO 3166-1
/// alpha-2 code, with their UN regional group. The groups are the General Assembly's (Turkey is counted with Western
/// Europe and others, Kiribati with Asia-Pacific, the United States with Western Europe and others as it votes there;
/// the State of Palestine with Asia-Pacific, the Holy See with Western Europe and others). The economic group is the
/// common reading of the UN's classification: Western Europe and others, and Japan, developed; Eastern Europe,
/// economies in transition; the rest developing. It is a default the secretariat may refine; it is not a judgement.</summary>
public static class Countries
{
    private static readonly FrozenDictionary<string, UnRegion> Regions = Build();

    public static IReadOnlyCollection<string> Codes => Regions.Keys;

    public static bool IsKnown(string? code) => code is not null && Regions.ContainsKey(Normalize(code));

    public static string Normalize(string code) => code.Trim().ToUpperInvariant();

    public static UnRegion RegionOf(string code) =>
        Regions.TryGetValue(Normalize(code), out var region) ? region : throw new ArgumentException($"'{code}' is not a country code this service knows.", nameof(code));

    public static EconomyGroup EconomyOf(string code) => RegionOf(code) switch
    {
        UnRegion.WesternEuropeAndOthers => EconomyGroup.Developed,
        UnRegion.EasternEurope => EconomyGroup.EconomyInTransition,
        _ when Normalize(code) == "JP" => EconomyGroup.Developed,
        _ => EconomyGroup.Developing,
    };

    public static string RegionName(UnRegion region) => region switch
    {
        UnRegion.Africa => "Africa",
        UnRegion.AsiaPacific => "Asia-Pacific",
        UnRegion.EasternEurope => "Eastern Europe",
        UnRegion.LatinAmericaAndCaribbean => "Latin America and the Caribbean",
        _ => "Western Europe and other States",
    };

    public static string EconomyName(EconomyGroup group) => group switch
    {
        EconomyGroup.Developed => "developed",
        EconomyGroup.EconomyInTransition => "economy in transition",
        _ => "developing",
    };

    /// <summary>The refusal for a code this service does not know, naming the field.</summary>
    public static string Unknown(string? code) => $"'{code}' is not the two-letter ISO 3166 code of a UN Member State or observer State, e.g. KE, BR, DE.";

    private static FrozenDictionary<string, UnRegion> Build()
    {
        var groups = new Dictionary<UnRegion, string>
        {
            [UnRegion.Africa] = "DZ AO BJ BW BF BI CV CM CF TD KM CG CD CI DJ EG GQ ER SZ ET GA GM GH GN GW KE LS LR LY MG MW ML MR MU MA MZ NA NE NG RW ST SN SC SL SO ZA SS SD TZ TG TN UG ZM ZW",
            [UnRegion.AsiaPacific] = "AF BH BD BT BN KH CN CY FJ IN ID IR IQ JP JO KZ KI KW KG LA LB MY MV MH FM MN MM NR NP KP OM PK PW PG PH QA KR WS SA SG SB LK SY TJ TH TL TO TM TV AE UZ VU VN YE PS",
            [UnRegion.EasternEurope] = "AL AM AZ BY BA BG HR CZ EE GE HU LV LT ME MD MK PL RO RU RS SK SI UA",
            [UnRegion.LatinAmericaAndCaribbean] = "AG AR BS BB BZ BO BR CL CO CR CU DM DO EC SV GD GT GY HT HN JM MX NI PA PY PE KN LC VC SR TT UY VE",
            [UnRegion.WesternEuropeAndOthers] = "AD AT AU BE CA DK FI FR DE GR IS IE IL IT LI LU MT MC NL NZ NO PT SM ES SE CH TR GB US VA",
        };
        return groups.SelectMany(g => g.Value.Split(' ').Select(code => (code, g.Key))).ToFrozenDictionary(x => x.code, x => x.Key, StringComparer.Ordinal);
    }
}
