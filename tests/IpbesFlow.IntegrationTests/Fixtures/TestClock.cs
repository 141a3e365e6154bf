using Microsoft.Extensions.Time.Testing;

namespace IpbesFlow.IntegrationTests.Fixtures;

/// <summary>The fake clock every handler of a shared fixture sees; each test starts it again from the same instant,
/// since a fake clock cannot go back.</summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    private FakeTimeProvider current = new(start);

    public override DateTimeOffset GetUtcNow() => current.GetUtcNow();

    public override long GetTimestamp() => current.GetTimestamp();

    public override long TimestampFrequency => current.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => current.CreateTimer(callback, state, dueTime, period);

    public void Restart() => current = new FakeTimeProvider(start);

    public void Advance(TimeSpan delta) => current.Advance(delta);

    public void SetUtcNow(DateTimeOffset value) => current.SetUtcNow(value);
}
