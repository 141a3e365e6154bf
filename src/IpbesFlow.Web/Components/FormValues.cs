using IpbesFlow.Web.Endpoints;

namespace IpbesFlow.Web.Components;

/// <summary>Form fields read as the API reads the same values (kebab-case enum names, as its JSON and query strings).</summary>
internal static class FormValues
{
    /// <summary>The enum value a form field names; a value that names none comes through as one outside the enum, so that
    /// the command's validator refuses it with its own message rather than the page choosing a default.</summary>
    public static TEnum Enum<TEnum>(string? text)
        where TEnum : struct, Enum =>
        Kebab<TEnum>.TryParse(text, null, out var value) ? value.Value : (TEnum)(object)(-1);

    /// <summary>The same, where leaving the field empty is allowed and means "not given".</summary>
    public static TEnum? Optional<TEnum>(string? text)
        where TEnum : struct, Enum =>
        string.IsNullOrWhiteSpace(text) ? null : Enum<TEnum>(text);
}
