using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using IpbesFlow.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Shouldly;

namespace IpbesFlow.Web.Tests.Service;

/// <summary>Real service processes, a real Quartz store on disk, real (short) time.</summary>
public sealed class TimerProcessTests : IDisposable
{
    private static readonly string Service = RepositoryPaths.ExecutableDll("IpbesFlow.Web", "IpbesFlow.Web");
    private static readonly string Cli = RepositoryPaths.ExecutableDll("IpbesFlow.Cli", "ipbesflow");

    private readonly string folder = Directory.CreateTempSubdirectory("ipbesflow-timers-").FullName;
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly Dictionary<ProcessRunner, Uri> ports = [];

    private string Data => Path.Combine(folder, "data");

    [Fact]
    public async Task A_window_that_closed_while_the_service_was_down_is_closed_once_at_start_and_never_again()
    {
        await Cli_("db", "migrate");
        var id = await CreateAssessmentAsync("2020-01-06", "external-review=2021-06-01..2021-07-31");

        await using (var first = await StartAsync(sweepSeconds: 3600))
        {
            await Eventually.GetAsync(() => Task.FromResult(Closes(id)), n => n == 1, TimeSpan.FromSeconds(30), "the review closed after downtime");
            await StopAsync(first);
        }

        await using (var second = await StartAsync(sweepSeconds: 3600))
        {
            await StopAsync(second);
        }

        Closes(id).ShouldBe(1);
    }

    [Fact]
    public async Task What_a_commit_makes_due_is_done_right_after_it_and_what_was_over_long_ago_is_journaled_as_caught_up()
    {
        await using var service = await StartAsync(sweepSeconds: 3600, demo: true);
        using var client = await SignedInClientAsync(service);

        // Started 300 days ago: its survey and drafting are long over, its review open since yesterday. The sweep runs
        // hourly here and the start-up catch-up is behind us: only the commit's own firing can open the review in time.
        var created = await client.PostAsJsonAsync("/api/assessments", new
        {
            workflow = "single-review-deliverable",
            title = "Entered with its past",
            start = Today(-300),
            @fixed = new Dictionary<string, object> { ["external-review"] = new { start = Today(-1), end = Today(30) } },
        }, TestContext.Current.CancellationToken);
        var id = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetGuid();

        await Eventually.GetAsync(() => Task.FromResult(State(id)), s => s == "Open", TimeSpan.FromSeconds(15), "the review to open right after the commit");
        await StopAsync(service);
        var caughtUp = Scalar($"SELECT COUNT(*) FROM journal_entries WHERE assessment_id = '{Key(id)}' AND details LIKE '%caught up: nobody told'");
        var news = (string?)Scalar($"SELECT details FROM journal_entries WHERE assessment_id = '{Key(id)}' AND step_id = 'external-review' AND action = 'step.opened'");
        ((long)caughtUp!).ShouldBe(4, "the survey's opening and close, the drafting's assignment and its lateness");
        news.ShouldNotBeNull().ShouldNotContain("caught up", Case.Sensitive, "an open window is news");
    }

    [Fact]
    public async Task A_window_closes_when_its_trigger_fires_not_before()
    {
        await Cli_("db", "migrate");
        var id = await CreateAssessmentAsync(Today(-300), $"external-review={Today(-1)}..{Today(30)}");
        await using (var setup = await StartAsync(sweepSeconds: 3600))
        {
            await Eventually.GetAsync(() => Task.FromResult(State(id)), s => s == "Open", TimeSpan.FromSeconds(30), "the review to be open");
            await StopAsync(setup);
        }

        // Windows close at midnight UTC; a close a few seconds ahead is made by moving the stored instant, as a
        // reschedule would. The sweep runs hourly here, so only the instant's own trigger can close it in time.
        var closesAt = TimeProvider.System.GetUtcNow().AddSeconds(12);
        // A reschedule that near also puts every reminder behind it, and stores the close as the step's due instant.
        var stored = SqliteInstants.ConvertToProvider(closesAt);
        Execute($"UPDATE assessment_steps SET closes_at = {stored}, due_at = {stored}, next_reminder_at = NULL WHERE assessment_id = '{id.ToString().ToUpperInvariant()}' AND step_id = 'external-review'");

        await using var service = await StartAsync(sweepSeconds: 3600);
        State(id).ShouldBe("Open", "not closed before its time");
        await Eventually.GetAsync(() => Task.FromResult(State(id)), s => s == "Closed", TimeSpan.FromSeconds(40), "the trigger to close the review");
        await StopAsync(service);

        var closedAt = ClosedAt(id);
        closedAt.ShouldBeGreaterThanOrEqualTo(closesAt);
        Closes(id).ShouldBe(1);
    }

    [Fact]
    public async Task Killed_between_the_commit_and_the_scheduling_of_a_timer_the_timer_exists_after_restart_and_fires()
    {
        await Cli_("db", "migrate");
        var opens = new DateTimeOffset(TimeProvider.System.GetUtcNow().UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
        var key = $"due-{opens.UtcDateTime:yyyyMMdd'T'HHmmss.fff'Z'}";

        // The service is made to stop for good right after a commit, before it asks Quartz for the firing; it is
        // killed there. The drafting it was asked to create opens at the next midnight (UTC). (A human step: a review
        // not set up would first be due for its notices to the TSU, weeks before it opens.)
        await using (var paused = await StartAsync(sweepSeconds: 3600, demo: true, ("Faults__PauseAfterCommit", "true")))
        {
            using var client = await SignedInClientAsync(paused);
            var request = client.PostAsJsonAsync("/api/assessments", new
            {
                workflow = "single-review-deliverable",
                title = "Crash between commit and timer",
                start = Today(-300),
                @fixed = new Dictionary<string, object> { ["drafting"] = new { start = Today(1), end = Today(40) } },
            }, TestContext.Current.CancellationToken);
            await Eventually.GetAsync(() => Task.FromResult(paused.Output), o => o.Contains("Fault injection: paused after a commit", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "the pause after the commit");
            paused.Kill();
            await Should.ThrowAsync<Exception>(() => request);
        }

        var id = Guid.Parse((string)Scalar("SELECT id FROM assessments WHERE title = 'Crash between commit and timer'")!);
        State(id, "drafting").ShouldBe("Scheduled", "the commit happened");
        TriggerCount(key).ShouldBe(0, "the process died before the firing was scheduled");

        await using var service = await StartAsync(sweepSeconds: 3600, demo: true);
        await Eventually.GetAsync(() => Task.FromResult(TriggerCount(key)), n => n == 1, TimeSpan.FromSeconds(30), "the firing to be scheduled again from the stored state");

        // Without the fault, the firing for a new commit exists by the time the request is answered.
        using (var client = await SignedInClientAsync(service))
        {
            var created = await client.PostAsJsonAsync("/api/assessments", new
            {
                workflow = "single-review-deliverable",
                title = "Scheduled on commit",
                start = Today(-300),
                @fixed = new Dictionary<string, object> { ["drafting"] = new { start = Today(2), end = Today(40) } },
            }, TestContext.Current.CancellationToken);
            created.StatusCode.ShouldBe(HttpStatusCode.Created);
            TriggerCount($"due-{opens.AddDays(1).UtcDateTime:yyyyMMdd'T'HHmmss.fff'Z'}").ShouldBe(1);
        }

        // Midnight is brought near: the stored instant and the firing move to a few seconds from now together, as the
        // clock would reach them. Sweep and reconciliation run hourly here, so only this firing can open the review.
        var soon = TimeProvider.System.GetUtcNow().AddSeconds(4);
        var stored = SqliteInstants.ConvertToProvider(soon);
        Execute($"UPDATE assessment_steps SET opens_at = {stored}, due_at = {stored} WHERE assessment_id = '{Key(id)}' AND step_id = 'drafting'");
        Execute($"UPDATE qrtz_triggers SET next_fire_time = {soon.UtcTicks} WHERE trigger_name = '{key}'", Scheduler);
        await Eventually.GetAsync(() => Task.FromResult(State(id, "drafting")), s => s == "Open", TimeSpan.FromSeconds(60), "the firing to open the drafting");
        await StopAsync(service);

        ((long)Scalar($"SELECT COUNT(*) FROM journal_entries WHERE assessment_id = '{Key(id)}' AND step_id = 'drafting' AND action = 'step.opened'")!).ShouldBe(1);
        ((string)Scalar($"SELECT details FROM journal_entries WHERE assessment_id = '{Key(id)}' AND step_id = 'drafting' AND action = 'step.opened'")!).ShouldContain($"; timer {key} fired");
        ((DateTimeOffset)SqliteInstants.ConvertFromProvider(
            Scalar($"SELECT at FROM journal_entries WHERE assessment_id = '{Key(id)}' AND step_id = 'drafting' AND action = 'step.opened'"))!).ShouldBeGreaterThanOrEqualTo(soon);
    }

    public void Dispose()
    {
        http.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private static string Today(int days) => TimeProvider.System.GetUtcNow().UtcDateTime.Date.AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<Guid> CreateAssessmentAsync(string start, string fix)
    {
        var (exitCode, output) = await Cli_("assessments", "create", "--workflow", "single-review-deliverable", "--title", "Timer test", "--start", start, "--fix", fix);
        exitCode.ShouldBe(0, output);
        return Guid.Parse(output.Split('\n')[0].Replace("Created ", string.Empty, StringComparison.Ordinal).Trim());
    }

    private Task<(int ExitCode, string Output)> Cli_(params string[] arguments) =>
        ProcessRunner.RunAsync(Cli, arguments, new Dictionary<string, string?> { ["Storage__DataDirectory"] = Data }, folder, TimeSpan.FromSeconds(60));

    private string Scheduler => Path.Combine(Data, "scheduler.db");

    private async Task<HttpClient> SignedInClientAsync(ProcessRunner process)
    {
        var client = new HttpClient(new HttpClientHandler { UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = ports[process] };
        var signIn = await client.PostAsJsonAsync("/api/auth/sign-in", new { email = $"admin@{Identity.DemoAccounts.Domain}", password = Identity.DemoAccounts.Password }, TestContext.Current.CancellationToken);
        signIn.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        return client;
    }

    private int TriggerCount(string key) => (int)(long)Scalar($"SELECT COUNT(*) FROM qrtz_triggers WHERE trigger_name = '{key}'", Scheduler)!;

    private async Task<ProcessRunner> StartAsync(int sweepSeconds, params (string Name, string Value)[] settings) => await StartAsync(sweepSeconds, demo: false, settings);

    private async Task<ProcessRunner> StartAsync(int sweepSeconds, bool demo, params (string Name, string Value)[] settings)
    {
        var port = FreePort();
        var environment = new Dictionary<string, string?> { ["Storage__DataDirectory"] = Data, ["Scheduler__SweepSeconds"] = sweepSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        foreach (var (name, value) in settings)
        {
            environment[name] = value;
        }

        if (demo)
        {
            // Demo accounts are refused in Production (the default); a test machine is not one. Their accounts only:
            // these tests count their own assessments and timers.
            environment["DOTNET_ENVIRONMENT"] = "Testing";
            environment["Demo__Portfolio"] = "false";
        }

        var process = ProcessRunner.Start(Service, ["--urls", $"http://127.0.0.1:{port}", .. demo ? ["--demo"] : Array.Empty<string>()], environment, folder);
        ports[process] = new Uri($"http://127.0.0.1:{port}");
        await Eventually.GetAsync(
            async () => process.HasExited ? throw new InvalidOperationException(process.Output) : (await http.GetAsync(new Uri($"http://127.0.0.1:{port}/health/ready"))).StatusCode,
            s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "the service to be ready");
        return process;
    }

    private static async Task StopAsync(ProcessRunner process)
    {
        process.Terminate();
        (await process.WaitForExitAsync(TimeSpan.FromSeconds(30))).ShouldBe(0, process.Output);
        process.Output.ShouldNotContain("fail:", customMessage: process.Output);
    }

    private long Closes(Guid id) => (long)Scalar($"SELECT COUNT(*) FROM journal_entries WHERE assessment_id = '{Key(id)}' AND step_id = 'external-review' AND action = 'step.closed'")!;

    private string? State(Guid id, string step = "external-review") => (string?)Scalar($"SELECT state FROM assessment_steps WHERE assessment_id = '{Key(id)}' AND step_id = '{step}'");

    private DateTimeOffset ClosedAt(Guid id) =>
        (DateTimeOffset)SqliteInstants.ConvertFromProvider(
            Scalar($"SELECT at FROM journal_entries WHERE assessment_id = '{Key(id)}' AND step_id = 'external-review' AND action = 'step.closed'"))!;

    // The application's SQLite context stores instants as sortable integers.
    private static readonly DateTimeOffsetToBinaryConverter SqliteInstants = new();

    // EF Core stores Guid keys in SQLite as upper-case text.
    private static string Key(Guid id) => id.ToString().ToUpperInvariant();

    private object? Scalar(string sql, string? database = null)
    {
        using var connection = new SqliteConnection($"Data Source={database ?? Path.Combine(Data, "ipbesflow.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private void Execute(string sql, string? database = null)
    {
        using var connection = new SqliteConnection($"Data Source={database ?? Path.Combine(Data, "ipbesflow.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery().ShouldBe(1);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
