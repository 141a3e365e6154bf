using IpbesFlow.Startup;
using Microsoft.Extensions.Configuration;

namespace IpbesFlow.Configuration;

/// <summary>Reads a setting that must be a whole number of 1 or more (a count, a size, a number of seconds): unset, the
/// default; anything else stops the start with one line naming the setting and how to fix it.</summary>
public static class PositiveSetting
{
    public static int Read(IConfiguration configuration, string key, int fallback, int max = int.MaxValue) =>
        (int)Read(configuration, key, (long)fallback, max);

    public static long Read(IConfiguration configuration, string key, long fallback, long max = long.MaxValue)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (long.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > 0 && value <= max)
        {
            return value;
        }

        var range = max is int.MaxValue or long.MaxValue ? "a positive whole number" : $"a whole number from 1 to {max:N0}";
        throw new StartupCheckException($"{key} is '{text}'; give {range}. Fix {key.Replace(":", "__", StringComparison.Ordinal)}.");
    }
}
