using System.Data.Common;
using IpbesFlow.Assessments;
using IpbesFlow.Configuration;
using IpbesFlow.Identity;
using IpbesFlow.Nominations;
using IpbesFlow.Persistence;
using IpbesFlow.Startup;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace IpbesFlow.Benchmarks.Benchmarks;

/// <summary>The selection board's balance, recomputed as after each of the MEP's decisions, for a call of 3,000 approved
/// candidates of whom 300 are selected: balances per second (a fresh scope and context each, as a request has; the
/// balance's own query and its counting) divided by the same rows read per second by a prepared hand-written query on
/// one open connection, in the same run: what the balance costs over reading its rows.</summary>
internal sealed class SelectionBenchmark : IBenchmark
{
    private const string Title = "Selection benchmark";

    public string Name => "selection";

    public string Description => "the board's balance for 3,000 candidates vs a prepared query of the same rows (SQLite, and PostgreSQL when configured)";

    public Task<string> RunAsync(BenchmarkOptions options) =>
        DatabaseBenchmarks.OnEachDatabaseAsync(Name, settings => MeasureAsync(settings, options.Quick ? 100 : 1_000));

    private static async Task<double> MeasureAsync(StorageSettings settings, int count)
    {
        await using var services = DatabaseBenchmarks.BuildServices(settings);
        await services.GetRequiredService<StartupChecks>().RunAsync(CancellationToken.None);
        var assessmentId = await SeedAsync(services);

        var engine = await Measure.RateAsync(count, async _ =>
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IpbesFlowDbContext>();
            var balance = await SelectionBalance.LoadAsync(db, assessmentId, "call-for-nominations", 20, CancellationToken.None);
            if (balance.Selected != 300)
            {
                throw new InvalidOperationException($"expected 300 selected, counted {balance.Selected}");
            }
        });

        await using var connection = await DatabaseBenchmarks.OpenAsync(settings);
        await using var query = connection.CreateCommand();
        query.CommandText = "SELECT c.region, c.gender, c.disciplines, c.economy, EXISTS (SELECT 1 FROM nominations n WHERE n.candidate_id = c.id AND n.status = 'Approved' AND n.nominator_type = 'Government')"
            + " FROM candidates c WHERE c.assessment_id = (SELECT a.id FROM assessments a WHERE a.title = @title) AND c.call_step_id = 'call-for-nominations' AND c.outcome = 'Selected' AND c.resigned_at IS NULL";
        var title = query.CreateParameter();
        title.ParameterName = "@title";
        title.Value = Title;
        query.Parameters.Add(title);
        await query.PrepareAsync();
        var bare = await Measure.RateAsync(count, async _ =>
        {
            var rows = 0;
            await using DbDataReader reader = await query.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                // Each value read as the balance reads it, so that the baseline does the same reading.
                rows += reader.GetString(0).Length + reader.GetString(1).Length + reader.GetString(2).Length + reader.GetString(3).Length > 0 && reader.GetValue(4) is not null ? 1 : 0;
            }

            if (rows != 300)
            {
                throw new InvalidOperationException($"expected 300 rows, read {rows}");
            }
        });

        var ratio = engine / bare;
        Console.WriteLine($"  {settings.DescribeDatabase()}: balances/s={Measure.F(engine)} bare-queries/s={Measure.F(bare)} ratio={Measure.F(ratio)}");
        return ratio;
    }

    // 3,000 candidates from every region, each approved by their government (one in ten by an organisation only); every
    // tenth selected. Written as the commands would leave them, in one unit of work.
    private static async Task<Guid> SeedAsync(ServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var assessment = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new CreateAssessment("scoping", Title, new DateOnly(2030, 1, 7)));
        var db = scope.ServiceProvider.GetRequiredService<IpbesFlowDbContext>();
        var now = TimeProvider.System.GetUtcNow();
        string[] countries = ["KE", "NG", "BR", "MX", "CN", "IN", "DE", "FR", "PL", "UA"];
        for (var i = 0; i < 3_000; i++)
        {
            var country = countries[i % countries.Length];
            var candidate = Candidate.Apply(assessment.Id, "call-for-nominations", null, new ApplicationDetails(
                $"Candidate {i}", $"candidate.{i}@example.org", "en", (Gender)(i % 2), country, country, "University", [(Discipline)(i % 5), (Discipline)((i + 2) % 5)],
                "biodiversity", ["en"], [AuthorRole.LeadAuthor], [$"{1 + (i % 6)}"]), now);
            db.Candidates.Add(candidate);
            var nomination = Nomination.Nominate(candidate, i % 10 == 3 ? new NominationBody(NominatorType.Organisation, null, "IUCN") : new NominationBody(NominatorType.Government, country), now);
            nomination.Record(NominationStatus.Approved, "benchmark", now);
            db.Nominations.Add(nomination);
            if (i % 10 == 0)
            {
                candidate.Decide(SelectionOutcome.Selected, AuthorRole.LeadAuthor, $"{1 + (i % 6)}", null, "benchmark", now);
            }
        }

        await db.SaveChangesAsync();
        return assessment.Id;
    }
}
