namespace IpbesFlow.People;

/// <summary>The six official UN languages, by ISO 639-1 code: the languages people choose for their notifications
/// and that templates exist in. English is the fallback.</summary>
public static class UnLanguages
{
    public const string Arabic = "ar";
    public const string Chinese = "zh";
    public const string English = "en";
    public const string French = "fr";
    public const string Russian = "ru";
    public const string Spanish = "es";

    public static IReadOnlyList<string> All { get; } = [Arabic, Chinese, English, French, Russian, Spanish];

    public static bool IsSupported(string? code) => code is not null && All.Contains(code, StringComparer.Ordinal);
}
