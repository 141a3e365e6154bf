using IpbesFlow.Identity;
using IpbesFlow.Nominations;
using Microsoft.Extensions.Localization;

namespace IpbesFlow.Web.Components;

/// <summary>The words the nominations pages show for the values of the process (regions, disciplines, roles), through
/// the pages' text so that each has its translation.</summary>
internal static class NominationLabels
{
    public static string Of(IStringLocalizer<Text> T, Gender gender) => gender switch
    {
        Gender.Female => T["female"],
        Gender.Male => T["male"],
        Gender.Other => T["other"],
        _ => T["undisclosed"],
    };

    public static string Of(IStringLocalizer<Text> T, Discipline discipline) => discipline switch
    {
        Discipline.NaturalSciences => T["natural sciences"],
        Discipline.SocialSciences => T["social sciences"],
        Discipline.Humanities => T["humanities"],
        Discipline.IndigenousAndLocalKnowledge => T["Indigenous and local knowledge"],
        _ => T["policy and practice"],
    };

    public static string Of(IStringLocalizer<Text> T, AuthorRole role) => role switch
    {
        AuthorRole.CoChair => T["co-chair"],
        AuthorRole.CoordinatingLeadAuthor => T["coordinating lead author"],
        AuthorRole.LeadAuthor => T["lead author"],
        AuthorRole.ReviewEditor => T["review editor"],
        AuthorRole.ContributingAuthor => T["contributing author"],
        _ => T["fellow"],
    };

    public static string Of(IStringLocalizer<Text> T, UnRegion region) => region switch
    {
        UnRegion.Africa => T["Africa"],
        UnRegion.AsiaPacific => T["Asia-Pacific"],
        UnRegion.EasternEurope => T["Eastern Europe"],
        UnRegion.LatinAmericaAndCaribbean => T["Latin America and the Caribbean"],
        _ => T["Western Europe and other States"],
    };

    public static string Of(IStringLocalizer<Text> T, EconomyGroup group) => group switch
    {
        EconomyGroup.Developed => T["developed"],
        EconomyGroup.EconomyInTransition => T["economy in transition"],
        _ => T["developing"],
    };

    public static string Of(IStringLocalizer<Text> T, NominationStatus status) => status switch
    {
        NominationStatus.Approved => T["approved"],
        NominationStatus.Declined => T["declined"],
        _ => T["awaiting the body"],
    };

    public static string Of(IStringLocalizer<Text> T, SelectionOutcome outcome) => outcome switch
    {
        SelectionOutcome.Selected => T["selected"],
        SelectionOutcome.Reserve => T["reserve"],
        SelectionOutcome.NotSelected => T["not selected"],
        _ => T["undecided"],
    };

    public static string Of(IStringLocalizer<Text> T, NominatorType type) => type == NominatorType.Government ? T["governments"] : T["organisations"];

    /// <summary>A kebab-case value as forms send it (the API's names).</summary>
    public static string Value<TEnum>(TEnum value)
        where TEnum : struct, Enum => SelectionBalance.Key(value);
}
