using IpbesFlow.Workflows;

namespace IpbesFlow.Benchmarks.Benchmarks;

/// <summary>Plans per second for the thematic template (full planner: parameters, conditions, anchors, derived Plenary,
/// conflicts) divided by bare forward passes per second over the same steps in the same run: the least work any
/// planner must do (add each step's days after its dependencies).</summary>
internal sealed class PlansBenchmark : IBenchmark
{
    public string Name => "plans";

    public string Description => "thematic-assessment plans per second vs a bare forward pass over its steps";

    public Task<string> RunAsync(BenchmarkOptions options)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "workflows");
        var (catalog, errors, _) = WorkflowCatalog.Load([directory]);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, errors));
        }

        var definition = catalog.Find("thematic-assessment")!;
        var count = options.Quick ? 20_000 : 200_000;
        var start = new DateOnly(2026, 1, 12);
        var requests = new[]
        {
            new PlanRequest { Start = start },
            new PlanRequest { Start = start, Parameters = new Dictionary<string, string> { ["additional_spm_review"] = "true", ["fod_review_weeks"] = "6" } },
            new PlanRequest { Start = start, Plenary = new DateOnly(2028, 5, 1), Fixed = new Dictionary<string, FixedDates> { ["fod-review"] = new(new DateOnly(2027, 3, 1), null) } },
        };

        var checksum = 0L;
        var planner = Rate(count, i => checksum += WorkflowPlanner.Plan(definition, requests[i % requests.Length]).Steps[^1].End.DayNumber);

        var parameters = new Dictionary<string, object>(StringComparer.Ordinal) { ["fod_review_weeks"] = 8, ["additional_spm_review"] = false };
        var steps = definition.Steps.ToArray();
        var index = steps.Select((s, i) => (s.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var after = steps.Select(s => s.After.Select(a => index[a]).ToArray()).ToArray();
        var days = steps.Select(s => s.Duration?.Days(parameters) ?? 0).ToArray();
        var ends = new int[steps.Length];
        var bare = Rate(count, _ =>
        {
            for (var s = 0; s < steps.Length; s++)
            {
                var ready = start.DayNumber;
                foreach (var a in after[s])
                {
                    ready = Math.Max(ready, ends[a]);
                }

                ends[s] = ready + days[s];
            }

            checksum += ends[^1];
        });

        var ratio = planner / bare;
        Console.WriteLine($"  {definition.Id} v{definition.Version}: {steps.Length} steps; plans/s={Measure.F(planner)} bare-passes/s={Measure.F(bare)} (checksum {checksum % 1000})");
        return Task.FromResult($"plans: ratio={ratio.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)} plans-per-second={Measure.F(planner)}");
    }

    private static double Rate(int count, Action<int> operation)
    {
        for (var i = 0; i < Math.Min(count / 10, 2_000); i++)
        {
            operation(i);
        }

        var started = TimeProvider.System.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            operation(i);
        }

        return count / TimeProvider.System.GetElapsedTime(started).TotalSeconds;
    }
}
