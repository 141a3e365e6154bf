namespace IpbesFlow.Testing;

/// <summary>Waits on a condition with short polls instead of a blind sleep, and fails with what it last saw.</summary>
public static class Eventually
{
    public static async Task<T> GetAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        T last = default!;
        Exception? lastError = null;
        while (!cancellation.IsCancellationRequested)
        {
            try
            {
                last = await probe();
                if (done(last))
                {
                    return last;
                }
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
            {
                lastError = e;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), CancellationToken.None);
        }

        throw new TimeoutException($"Waited {timeout.TotalSeconds} s for {what}; last value: {last}; last error: {lastError?.Message}");
    }
}
