using System.Data.Common;
using System.Security.Claims;
using IpbesFlow.Assessments;
using IpbesFlow.Configuration;
using IpbesFlow.Identity;
using IpbesFlow.Reviews;
using IpbesFlow.Startup;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IpbesFlow.Benchmarks.Benchmarks;

/// <summary>A 60,000-comment review round taken in through the real path: each registered reviewer submits their
/// comments as one batch (mediator, validation, the window check against the stored step, numbering, one transaction),
/// as they do when they send their template. Compared, on the same database in the same run, with raw batched inserts
/// of the same rows (multi-row INSERTs of the same batch size, one commit a batch) and with one row per commit. Then
/// the 60,000-row compilation is exported (.xlsx and CSV). Both SQLite and, when a server is named, PostgreSQL; the
/// last line gives the lower ratios. Targets: at least 0.2 against raw batched inserts, at least 10x one row per commit.</summary>
internal sealed class CommentsBenchmark : IBenchmark
{
    private const int PerReviewer = 200;

    private static readonly string[] Chapters = ["1", "2", "3", "4", "5", "6", "7", "SPM"];

    private static readonly string[] Texts =
    [
        "The figure on this page lacks units and a source; please add both and say which years the data cover.",
        "الفقرة غير واضحة: يرجى توضيح المصطلح المستخدم وإضافة مرجع للبيانات الواردة في الجدول.",
        "该段落的结论缺乏证据支持，请补充参考文献并说明数据的时间范围。",
        "Préciser la source de la carte et la période couverte ; la légende ne correspond pas aux couleurs.",
        "Необходимо уточнить источник данных на рисунке и указать период, к которому они относятся.",
        "La tabla omite los datos de América Latina y el Caribe; conviene incluirlos o explicar por qué faltan.",
    ];

    public string Name => "comments";

    public string Description => "60,000 review comments submitted through the real path vs raw batched inserts and one row per commit, plus the export";

    public async Task<string> RunAsync(BenchmarkOptions options)
    {
        var comments = options.Quick ? 6_000 : 60_000;
        var results = new List<(string Database, double Ratio, double VsSingleRow)>();
        var folder = Directory.CreateTempSubdirectory("ipbesflow-bench-").FullName;
        try
        {
            results.Add(await MeasureAsync("sqlite", DatabaseBenchmarks.Settings(new() { ["Storage:DataDirectory"] = folder }), comments));
            if (BenchmarkOptions.PostgresServer is { Length: > 0 } server)
            {
                var connection = await Testing.TestPostgres.CreateEmptyDatabaseAsync($"ipbesflow_bench_{Name}", server);
                results.Add(await MeasureAsync("postgres", DatabaseBenchmarks.Settings(new() { ["Database:Provider"] = "Postgres", ["Database:ConnectionString"] = connection, ["Database:MigrateOnStart"] = "true", ["Storage:DataDirectory"] = folder }), comments));
            }
            else
            {
                Console.WriteLine("  postgres: not measured (set IPBESFLOW_BENCH_POSTGRES to a server connection string)");
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }

        Console.WriteLine("  lowest of " + string.Join(", ", results.Select(r => $"{r.Database} {Measure.F(r.Ratio)} and {Measure.F(r.VsSingleRow)}x")));
        return $"{Name}: ratio={Measure.F(results.Min(r => r.Ratio))} vs-single-row={Measure.F(results.Min(r => r.VsSingleRow))}";
    }

    private static async Task<(string, double, double)> MeasureAsync(string database, StorageSettings settings, int comments)
    {
        await using var services = BuildServices(settings);
        await services.GetRequiredService<StartupChecks>().RunAsync(CancellationToken.None);

        // Set-up, not measured: an assessment whose external review is open today, its chapters, and its reviewers.
        var start = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).AddDays(-33 * 7);
        var assessment = await SendAsync(services, null, new CreateAssessment("single-review-deliverable", "Comment round", start));
        await SendAsync(services, null, new ConfigureReview(assessment.Id, "external-review", [.. Chapters.Select(c => new ChapterInput(c, $"Chapter {c}"))]));
        var reviewers = new List<ICurrentUser>();
        for (var i = 0; i < comments / PerReviewer; i++)
        {
            var user = await SendAsync(services, null, new CreateUser($"reviewer{i}@example.org", $"Reviewer {i}"));
            var reviewer = new SignedInReviewer(user.Id, user.Email);
            await SendAsync(services, reviewer, new RegisterForReview(assessment.Id, "external-review", ReviewerType.Expert, Chapters, AcceptTerms: true, CountryCode: "KE"));
            reviewers.Add(reviewer);
        }

        // 60,000 comments in all: the warm-up batches (a tenth, so that the JIT has finished with the path) are part of the round.
        var warmUp = comments / PerReviewer / 10;
        var batches = (comments / PerReviewer) - warmUp;
        var engine = await Measure.RateAsync(batches, async k =>
        {
            var reviewer = reviewers[k < 0 ? -1 - k : k + warmUp];
            await SendAsync(services, reviewer, new SubmitComments(assessment.Id, "external-review", Batch(k)));
        }, warmUp: warmUp) * PerReviewer;

        // The raw inserts go to a review of their own (comment numbers are unique per review).
        var rawAssessment = await SendAsync(services, null, new CreateAssessment("single-review-deliverable", "Raw round", start));
        await SendAsync(services, null, new ConfigureReview(rawAssessment.Id, "external-review", [.. Chapters.Select(c => new ChapterInput(c, $"Chapter {c}"))]));
        var registration = (await SendAsync(services, reviewers[0], new RegisterForReview(rawAssessment.Id, "external-review", ReviewerType.Expert, Chapters, AcceptTerms: true, CountryCode: "KE"))).Id;
        var roundId = await RoundIdAsync(services, rawAssessment.Id);
        var raw = await RawBatchesAsync(settings, roundId, rawAssessment.Id, registration, batches, warmUp);
        var single = await SingleRowCommitsAsync(settings, roundId, rawAssessment.Id, registration, Math.Min(comments / 10, 3_000));


        var export = TimeProvider.System.GetTimestamp();
        var exported = await ExportAsync(services, assessment.Id, CommentFileFormat.Xlsx);
        var xlsxSeconds = TimeProvider.System.GetElapsedTime(export).TotalSeconds;
        var csvStarted = TimeProvider.System.GetTimestamp();
        await ExportAsync(services, assessment.Id, CommentFileFormat.Csv);
        var csvSeconds = TimeProvider.System.GetElapsedTime(csvStarted).TotalSeconds;
        var ratio = engine / raw;
        var vsSingle = engine / single;
        Console.WriteLine($"  {database}: comments/s={Measure.F(engine)} raw-batched-inserts/s={Measure.F(raw)} single-row-commits/s={Measure.F(single)} ratio={Measure.F(ratio)} vs-single-row={Measure.F(vsSingle)}x");
        Console.WriteLine($"  {database}: export of {exported} comments: xlsx {Measure.F(xlsxSeconds)} s, csv {Measure.F(csvSeconds)} s (query and file)");
        return (database, ratio, vsSingle);
    }

    private static async Task<Guid> RoundIdAsync(ServiceProvider services, Guid assessmentId)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Persistence.IpbesFlowDbContext>();
        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.ReviewRounds.Where(r => r.AssessmentId == assessmentId).Select(r => r.Id));
    }

    private static CommentInput[] Batch(int k) =>
    [
        .. Enumerable.Range(0, PerReviewer).Select(i =>
        {
            var page = 1 + ((i * 7) + Math.Abs(k)) % 120;
            var line = 1 + ((i * 13) % 40);
            return new CommentInput(Chapters[(i + Math.Abs(k)) % Chapters.Length], page, line, page, line + (i % 5), $"{Texts[i % Texts.Length]} ({Math.Abs(k)}.{i})");
        }),
    ];

    // The same rows into the same table (its columns and indexes), by bare ADO.NET, one transaction a batch: the
    // database's own limit for storing them. On PostgreSQL one multi-row INSERT a batch; on SQLite one prepared
    // single-row INSERT run per row, its fastest way.
    private static async Task<double> RawBatchesAsync(StorageSettings settings, Guid roundId, Guid assessmentId, Guid registrationId, int batches, int warmUp)
    {
        await using var connection = await DatabaseBenchmarks.OpenAsync(settings);
        var postgres = settings.Provider == DatabaseProvider.Postgres;
        var number = 0;
        return await Measure.RateAsync(batches, async k =>
        {
            await using var transaction = await connection.BeginTransactionAsync();
            var batch = Batch(k);
            if (postgres)
            {
                await using var insert = connection.CreateCommand();
                insert.Transaction = transaction;
                var values = new List<string>(batch.Length);
                for (var i = 0; i < batch.Length; i++)
                {
                    values.Add(Row(insert, $"{i}_", batch[i], ++number, roundId, assessmentId, registrationId, postgres));
                }

                insert.CommandText = InsertHead + string.Join(", ", values);
                await insert.ExecuteNonQueryAsync();
            }
            else
            {
                foreach (var comment in batch)
                {
                    await using var insert = connection.CreateCommand();
                    insert.Transaction = transaction;
                    insert.CommandText = InsertHead + Row(insert, string.Empty, comment, ++number, roundId, assessmentId, registrationId, postgres);
                    await insert.ExecuteNonQueryAsync();
                }
            }

            await transaction.CommitAsync();
        }, warmUp: warmUp) * PerReviewer;
    }

    private static async Task<double> SingleRowCommitsAsync(StorageSettings settings, Guid roundId, Guid assessmentId, Guid registrationId, int rows)
    {
        await using var connection = await DatabaseBenchmarks.OpenAsync(settings);
        var postgres = settings.Provider == DatabaseProvider.Postgres;
        var comment = Batch(0)[0];
        var number = 1_000_000;
        return await Measure.RateAsync(rows, async k =>
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = InsertHead + Row(insert, string.Empty, comment, ++number, roundId, assessmentId, registrationId, postgres);
            await insert.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        });
    }

    private const string InsertHead = "INSERT INTO review_comments (id, round_id, assessment_id, step_id, number, chapter, from_page, from_line, to_page, to_line, text, reviewer_type, reviewer_name, reviewer_country, registration_id, submitted_at, submitted_by) VALUES ";

    // One row's values as parameters, stored as EF stores them: on SQLite a Guid as text and an instant as a number, on
    // PostgreSQL as uuid and timestamptz.
    private static string Row(DbCommand command, string prefix, CommentInput comment, int number, Guid roundId, Guid assessmentId, Guid registrationId, bool postgres)
    {
        object Id(Guid id) => postgres ? id : id.ToString().ToUpperInvariant();
        var now = TimeProvider.System.GetUtcNow();
        Add(command, $"@{prefix}id", Id(Guid.CreateVersion7()));
        Add(command, $"@{prefix}round", Id(roundId));
        Add(command, $"@{prefix}assessment", Id(assessmentId));
        Add(command, $"@{prefix}chapter", comment.Chapter!);
        Add(command, $"@{prefix}text", comment.Text!);
        Add(command, $"@{prefix}registration", Id(registrationId));
        Add(command, $"@{prefix}at", postgres ? now : TransitionsBenchmark.AsStoredOnSqlite(now));
        return $"(@{prefix}id, @{prefix}round, @{prefix}assessment, 'external-review', {number}, @{prefix}chapter, {comment.FromPage}, {comment.FromLine}, {comment.ToPage}, {comment.ToLine}, @{prefix}text, 'Expert', 'Reviewer', 'KE', @{prefix}registration, @{prefix}at, 'reviewer@example.org')";
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    // The compilation's rows are read from the database as the file is written, within the query's scope.
    private static async Task<int> ExportAsync(ServiceProvider services, Guid assessmentId, CommentFileFormat format)
    {
        await using var scope = services.CreateAsyncScope();
        var compilation = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ExportComments(assessmentId, "external-review"));
        using var file = new MemoryStream();
        return await scope.ServiceProvider.GetRequiredService<ICommentFiles>().WriteAsync(file, format, compilation.Sheet, CancellationToken.None);
    }

    private static async Task<T> SendAsync<T>(ServiceProvider services, ICurrentUser? actor, ICommand<T> command)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActingAs>().Actor = actor;
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
    }

    private static async Task<T> SendAsync<T>(ServiceProvider services, ICurrentUser? actor, IQuery<T> query)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActingAs>().Actor = actor;
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(query);
    }

    private static ServiceProvider BuildServices(StorageSettings settings)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddScoped<ActingAs>();
        services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<ActingAs>().Actor ?? Operator.Instance);
        services.AddIpbesFlowStorage(settings);
        services.AddBenchmarkMediator();
        return services.BuildServiceProvider();
    }

    private sealed class ActingAs
    {
        public ICurrentUser? Actor { get; set; }
    }

    /// <summary>A reviewer signed in as themselves (they hold no role but their registration).</summary>
    private sealed class SignedInReviewer(Guid userId, string email) : ICurrentUser
    {
        public Guid? UserId => userId;

        public string Name => email;

        public string? IpAddress => null;

        public ClaimsPrincipal Principal { get; } = new(new ClaimsIdentity([new Claim(Claims.UserIdType, userId.ToString())], "benchmark"));
    }

    /// <summary>The operator setting the round up, as the secretariat.</summary>
    private sealed class Operator : ICurrentUser
    {
        public static Operator Instance { get; } = new();

        public Guid? UserId => null;

        public string Name => "cli:benchmark";

        public string? IpAddress => null;

        public ClaimsPrincipal Principal { get; } = new(new ClaimsIdentity([new Claim(Claims.RoleType, Claims.Name(Role.SecretariatAdmin))], "operator"));
    }
}
