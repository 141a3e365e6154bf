using IpbesFlow.Benchmarks;
using IpbesFlow.Benchmarks.Benchmarks;

// dotnet run -c Release --project tests/IpbesFlow.Benchmarks -- <name> [--quick] [--postgres]
// Each benchmark measures the engine and a raw limit in the same run and ends with one line "<name>: ratio=<x> ...".
IBenchmark[] benchmarks = [new CommandsBenchmark(), new PlansBenchmark(), new BurstBenchmark(), new TransitionsBenchmark(), new FanoutBenchmark(), new CommentsBenchmark(), new PagesBenchmark(), new SelectionBenchmark()];

var name = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
var benchmark = benchmarks.FirstOrDefault(b => string.Equals(b.Name, name, StringComparison.OrdinalIgnoreCase));
if (benchmark is null)
{
    Console.Error.WriteLine(name is null ? "Name a benchmark:" : $"No benchmark '{name}'. Choose one of:");
    foreach (var b in benchmarks)
    {
        Console.Error.WriteLine($"  {b.Name,-12} {b.Description}");
    }

    return 2;
}

var options = new BenchmarkOptions(Quick: args.Contains("--quick", StringComparer.Ordinal), Postgres: args.Contains("--postgres", StringComparer.Ordinal));
Console.WriteLine($"{benchmark.Name}: {benchmark.Description}{(options.Quick ? " (quick)" : string.Empty)}");
var summary = await benchmark.RunAsync(options);
Console.WriteLine(summary);
return 0;
