namespace IpbesFlow.Benchmarks;

public sealed record BenchmarkOptions(bool Quick);

public interface IBenchmark
{
    string Name { get; }

    string Description { get; }

    /// <summary>Runs, prints its details, and returns its last line: <c>name: ratio=x ...</c>.</summary>
    Task<string> RunAsync(BenchmarkOptions options);
}
