using System.Globalization;
using IpbesFlow.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Nominations;

/// <summary>One group's count among the selected experts, and its share of them.</summary>
public sealed record BalanceShare(string Key, string Label, int Count, double Share);

/// <summary>The balance of a selection as it stands (its draft, or its result): counts and shares of the selected
/// experts per UN region (of nationality), gender, discipline (an expert counts in each of theirs), economic group and
/// nominating type; and warnings where a target is missed. Only the organisations' share is a rule (a selection breaking
/// it does not complete without the MEP chair's override); the rest are targets the MEP weighs.</summary>
public sealed record SelectionBalance(
    int Selected, int ByGovernments, int ByOrganisations, int OrganisationShareLimit,
    IReadOnlyList<BalanceShare> Regions, IReadOnlyList<BalanceShare> Genders, IReadOnlyList<BalanceShare> Disciplines,
    IReadOnlyList<BalanceShare> Economies, IReadOnlyList<BalanceShare> NominatorTypes, IReadOnlyList<string> Warnings)
{
    /// <summary>No region should hold more than twice its even share (a fifth) of the selected.</summary>
    public const double MaxRegionShare = 0.4;

    /// <summary>Neither women nor men should be fewer than this share of the selected.</summary>
    public const double MinGenderShare = 0.4;

    /// <summary>Experts from developing countries and economies in transition should be at least this share.</summary>
    public const double MinDevelopingShare = 0.5;

    /// <summary>More of the selected were nominated by organisations than the workflow allows.</summary>
    public bool BreaksOrganisationRule => ByOrganisations * 100 > OrganisationShareLimit * Selected;

    public string OrganisationRule =>
        $"{ByOrganisations} of the {Selected} selected experts ({Percent(Selected == 0 ? 0 : (double)ByOrganisations / Selected)}) were nominated by organisations; at most {OrganisationShareLimit} % may be, the rest by governments.";

    /// <summary>What the balance counts of one selected expert.</summary>
    public sealed record Row(UnRegion Region, Gender Gender, string Disciplines, EconomyGroup Economy, bool ByGovernment);

    /// <summary>The selected experts of a call's selection, as the balance counts them: one row each, read in one query
    /// (a candidate nominated by a government, whatever else nominated them, counts as the governments').</summary>
    public static async Task<SelectionBalance> LoadAsync(IpbesFlowDbContext db, Guid assessmentId, string callStepId, int organisationShare, CancellationToken cancellationToken)
    {
        var rows = await db.Candidates.AsNoTracking()
            .Where(c => c.AssessmentId == assessmentId && c.CallStepId == callStepId && c.Outcome == SelectionOutcome.Selected && c.ResignedAt == null)
            .Select(c => new Row(c.Region, c.Gender, c.Disciplines, c.Economy,
                db.Nominations.Any(n => n.CandidateId == c.Id && n.Status == NominationStatus.Approved && n.NominatorType == NominatorType.Government)))
            .ToListAsync(cancellationToken);
        return Of(rows, organisationShare);
    }

    public static SelectionBalance Of(IReadOnlyCollection<Row> rows, int organisationShare)
    {
        var total = rows.Count;
        BalanceShare Share<TKey>(TKey key, string label, int count)
            where TKey : struct, Enum => new(Key(key), label, count, total == 0 ? 0 : (double)count / total);
        var regions = Enum.GetValues<UnRegion>().Select(r => Share(r, Countries.RegionName(r), rows.Count(x => x.Region == r))).ToList();
        var genders = Enum.GetValues<Gender>().Select(g => Share(g, g.ToString().ToLowerInvariant(), rows.Count(x => x.Gender == g))).ToList();
        var disciplines = Enum.GetValues<Discipline>().Select(d => Share(d, DisciplineName(d), rows.Count(x => x.Disciplines.Split('|').Contains(d.ToString())))).ToList();
        var economies = Enum.GetValues<EconomyGroup>().Select(e => Share(e, Countries.EconomyName(e), rows.Count(x => x.Economy == e))).ToList();
        var byGovernments = rows.Count(x => x.ByGovernment);
        var types = new List<BalanceShare> { Share(NominatorType.Government, "governments", byGovernments), Share(NominatorType.Organisation, "organisations", total - byGovernments) };
        var balance = new SelectionBalance(total, byGovernments, total - byGovernments, organisationShare, regions, genders, disciplines, economies, types, []);
        return balance with { Warnings = balance.WarningsOf() };
    }

    public static string DisciplineName(Discipline discipline) => discipline switch
    {
        Discipline.NaturalSciences => "natural sciences",
        Discipline.SocialSciences => "social sciences",
        Discipline.Humanities => "humanities",
        Discipline.IndigenousAndLocalKnowledge => "Indigenous and local knowledge",
        _ => "policy and practice",
    };

    public static string Key<TEnum>(TEnum value)
        where TEnum : struct, Enum => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    private static string Percent(double share) => share.ToString("0%", CultureInfo.InvariantCulture);

    private List<string> WarningsOf()
    {
        var warnings = new List<string>();
        if (Selected == 0)
        {
            return warnings;
        }

        if (BreaksOrganisationRule)
        {
            warnings.Add(OrganisationRule);
        }

        warnings.AddRange(Regions.Where(r => r.Count == 0).Select(r => $"No expert from {r.Label} is selected."));
        warnings.AddRange(Regions.Where(r => r.Share > MaxRegionShare).Select(r => $"{r.Label} holds {Percent(r.Share)} of the selected; no region should hold more than {Percent(MaxRegionShare)}."));
        warnings.AddRange(Genders.Where(g => g.Key is "female" or "male" && g.Share < MinGenderShare)
            .Select(g => $"{(g.Key == "female" ? "Women" : "Men")} are {Percent(g.Share)} of the selected; the target is at least {Percent(MinGenderShare)}."));
        warnings.AddRange(Disciplines.Where(d => d.Count == 0).Select(d => $"No expert in {d.Label} is selected."));
        var developing = Economies.Where(e => e.Key != "developed").Sum(e => e.Share);
        if (developing < MinDevelopingShare)
        {
            warnings.Add($"Experts from developing countries and economies in transition are {Percent(developing)} of the selected; the target is at least {Percent(MinDevelopingShare)}.");
        }

        return warnings;
    }
}
