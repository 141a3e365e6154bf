using System.Globalization;
using IpbesFlow.Common;
using IpbesFlow.Workflows;

namespace IpbesFlow.Cli.Commands;

/// <summary>--start, --plenary, --set name=value and --fix step=start..end, as <c>workflows plan</c> and
/// <c>assessments create</c> take them.</summary>
internal static class PlanArguments
{
    public static PlanRequest Parse(string start, string? plenary, IEnumerable<string> set, IEnumerable<string> fix) => new()
    {
        Start = Date(start, "--start"),
        Plenary = plenary is { } p ? Date(p, "--plenary") : null,
        Parameters = Pairs(set, "--set").ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal),
        Fixed = Pairs(fix, "--fix").ToDictionary(kv => kv.Key, kv => Range(kv.Key, kv.Value), StringComparer.Ordinal),
    };

    private static IEnumerable<KeyValuePair<string, string>> Pairs(IEnumerable<string> items, string option)
    {
        foreach (var item in items)
        {
            var at = item.IndexOf('=', StringComparison.Ordinal);
            if (at <= 0)
            {
                throw new ValidationFailedException(option, $"'{item}' is not name=value.");
            }

            yield return new(item[..at].Trim(), item[(at + 1)..].Trim());
        }
    }

    private static FixedDates Range(string step, string text)
    {
        var parts = text.Split("..", StringSplitOptions.None);
        if (parts.Length == 1)
        {
            var day = Date(parts[0], $"--fix {step}");
            return new FixedDates(day, day);
        }

        if (parts.Length != 2 || (parts[0].Length == 0 && parts[1].Length == 0))
        {
            throw new ValidationFailedException($"--fix {step}", $"'{text}' is not start..end, start.. or ..end.");
        }

        return new FixedDates(parts[0].Length > 0 ? Date(parts[0], $"--fix {step}") : null, parts[1].Length > 0 ? Date(parts[1], $"--fix {step}") : null);
    }

    private static DateOnly Date(string text, string option) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new ValidationFailedException(option, $"'{text}' is not a date (yyyy-mm-dd).");
}
