using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace IpbesFlow.Web.Endpoints;

/// <summary>An enum in a query string or a route, read as JSON bodies and the OpenAPI document write it
/// (<c>?as=expert</c>, <c>?status=dead-lettered</c>), and by its C# name in any case as well, so that what the document
/// lists is what binds.</summary>
[SuppressMessage("Design", "CA1000", Justification = "IParsable<T> is implemented with static members: that is how minimal APIs bind a query or route value.")]
public readonly record struct Kebab<TEnum>(TEnum Value) : IParsable<Kebab<TEnum>>
    where TEnum : struct, Enum
{
    public static Kebab<TEnum> Parse(string s, IFormatProvider? provider) =>
        TryParse(s, provider, out var result) ? result : throw new FormatException($"'{s}' is not one of {string.Join(", ", KebabNames.Of(typeof(TEnum)))}.");

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out Kebab<TEnum> result)
    {
        var values = Enum.GetValues<TEnum>();
        var names = KebabNames.Of(typeof(TEnum));
        for (var i = 0; i < values.Length; i++)
        {
            if (string.Equals(s?.Trim(), names[i], StringComparison.OrdinalIgnoreCase) || string.Equals(s?.Trim(), values[i].ToString(), StringComparison.OrdinalIgnoreCase))
            {
                result = new Kebab<TEnum>(values[i]);
                return true;
            }
        }

        result = default;
        return false;
    }

    public override string ToString() => JsonNamingPolicy.KebabCaseLower.ConvertName(Value.ToString());
}

/// <summary>The names an enum is written with in the API (kebab-case, in the order the enum declares its values), for
/// binding, for the document, and for saying which values a parameter takes when a request gives another.</summary>
internal static class KebabNames
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<string>> Names = new();

    public static IReadOnlyList<string> Of(Type enumType) =>
        Names.GetOrAdd(enumType, t => [.. Enum.GetNames(t).Select(JsonNamingPolicy.KebabCaseLower.ConvertName)]);

    /// <summary>By the enum's name, as the framework's binding error spells the parameter's type; null for an enum that
    /// was never bound.</summary>
    public static IReadOnlyList<string>? Of(string enumName) => Names.FirstOrDefault(n => n.Key.Name == enumName).Value;
}
