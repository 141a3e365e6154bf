using System.Globalization;

namespace IpbesFlow.Benchmarks;

internal static class Measure
{
    /// <summary>Operations per second of <paramref name="operation"/> run <paramref name="count"/> times, after a warm-up.</summary>
    public static async Task<double> RateAsync(int count, Func<int, Task> operation, int warmUp = 20)
    {
        for (var i = 0; i < warmUp; i++)
        {
            await operation(-1 - i);
        }

        var started = TimeProvider.System.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            await operation(i);
        }

        return count / TimeProvider.System.GetElapsedTime(started).TotalSeconds;
    }

    public static string F(double value) => value.ToString(value >= 100 ? "0" : "0.00", CultureInfo.InvariantCulture);
}
