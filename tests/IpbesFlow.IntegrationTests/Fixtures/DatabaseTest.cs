namespace IpbesFlow.IntegrationTests.Fixtures;

/// <summary>Base of every database test: the same tests run once per provider, each on a freshly reset database.
/// Concrete classes are named <c>..._on_Sqlite</c> and <c>..._on_Postgres</c>, so the runner's output shows which
/// database each test ran against.</summary>
public abstract class DatabaseTest<TDatabase>(TDatabase database) : IAsyncLifetime
    where TDatabase : DatabaseFixture
{
    protected TDatabase Database { get; } = database;

    public virtual async ValueTask InitializeAsync() => await Database.ResetAsync();

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
