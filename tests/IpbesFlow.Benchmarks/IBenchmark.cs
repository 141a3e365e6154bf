namespace IpbesFlow.Benchmarks;

/// <summary><c>--quick</c>: a small run under a minute. <c>--postgres</c>: where a benchmark measures one database, use the
/// PostgreSQL server named by IPBESFLOW_BENCH_POSTGRES (or IPBESFLOW_TEST_POSTGRES) instead of SQLite.</summary>
public sealed record BenchmarkOptions(bool Quick, bool Postgres = false)
{
    public static string? PostgresServer =>
        Environment.GetEnvironmentVariable("IPBESFLOW_BENCH_POSTGRES") is { Length: > 0 } bench ? bench : Environment.GetEnvironmentVariable("IPBESFLOW_TEST_POSTGRES");
}

public interface IBenchmark
{
    string Name { get; }

    string Description { get; }

    /// <summary>Runs, prints its details, and returns its last line: <c>name: ratio=x ...</c>.</summary>
    Task<string> RunAsync(BenchmarkOptions options);
}
