using System.Globalization;

namespace IpbesFlow.Web.Components;

/// <summary>The language a page is written in for its reader: the UN language of their record where the pages' text
/// exists in it, English otherwise (a page marked Arabic must be Arabic, or a screen reader reads English with Arabic
/// phonetics).</summary>
internal sealed record PageLanguage(string Code, bool RightToLeft)
{
    /// <summary>The languages whose page text exists: Resources/Text.resx (English) and a Text.{code}.resx for each other.</summary>
    public static readonly IReadOnlyList<string> Written = [People.UnLanguages.English, People.UnLanguages.Arabic];

    public static PageLanguage English { get; } = new(People.UnLanguages.English, RightToLeft: false);

    /// <summary>The language the request is rendered in (set by <see cref="PageViewer"/>).</summary>
    public static PageLanguage Current => For(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);

    /// <summary>The culture a page is written and dated in: the language's, with the Gregorian calendar the UN's
    /// documents use whatever the culture's default (read-only, made once per language).</summary>
    public static CultureInfo Culture(string code) => Cultures.GetOrAdd(code, static c =>
    {
        var culture = new CultureInfo(c);
        if (culture.DateTimeFormat.Calendar is not GregorianCalendar)
        {
            culture.DateTimeFormat.Calendar = culture.OptionalCalendars.OfType<GregorianCalendar>().FirstOrDefault() ?? new GregorianCalendar();
        }

        return CultureInfo.ReadOnly(culture);
    });

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, CultureInfo> Cultures = new(StringComparer.Ordinal);

    public static PageLanguage For(string? language) =>
        language is not null && Written.Contains(language, StringComparer.Ordinal)
            ? new PageLanguage(language, language == People.UnLanguages.Arabic)
            : English;
}
