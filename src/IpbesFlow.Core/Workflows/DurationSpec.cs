using System.Text.RegularExpressions;

namespace IpbesFlow.Workflows;

/// <summary>A length of time in whole days or weeks: <c>5d</c>, <c>6w</c>, or an int parameter with a unit:
/// <c>${fod_review_weeks}w</c>.</summary>
public sealed partial record DurationSpec(int? Amount, string? Parameter, char Unit)
{
    public const string Help = "write a whole number of days or weeks (5d, 6w) or an int parameter with a unit (${review_weeks}w)";

    public static DurationSpec Zero { get; } = new(0, null, 'd');

    public static DurationSpec? TryParse(string text)
    {
        var match = Pattern().Match(text.Trim());
        if (!match.Success)
        {
            return null;
        }

        var unit = match.Groups["unit"].Value[0];
        return match.Groups["amount"].Success
            ? int.TryParse(match.Groups["amount"].Value, System.Globalization.CultureInfo.InvariantCulture, out var amount) && amount <= 3650 ? new DurationSpec(amount, null, unit) : null
            : new DurationSpec(null, match.Groups["parameter"].Value, unit);
    }

    /// <summary>Length in days, reading a parameter's value where the duration names one.</summary>
    public int Days(IReadOnlyDictionary<string, object> parameters)
    {
        var amount = Amount ?? Convert.ToInt32(parameters[Parameter!], System.Globalization.CultureInfo.InvariantCulture);
        return Unit == 'w' ? amount * 7 : amount;
    }

    public override string ToString() => (Amount?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "${" + Parameter + "}") + Unit;

    [GeneratedRegex(@"^(?:(?<amount>\d{1,4})|\$\{(?<parameter>[a-z][a-z0-9_]*)\})(?<unit>[dw])$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Pattern();
}
