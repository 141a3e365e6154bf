using System.Net;
using System.Net.Sockets;
using IpbesFlow.Testing;
using Microsoft.Data.Sqlite;
using Shouldly;

namespace IpbesFlow.Web.Tests.Service;

/// <summary>Real service processes, a real Quartz store on disk, real (short) time.</summary>
public sealed class TimerProcessTests : IDisposable
{
    private static readonly string Service = RepositoryPaths.ExecutableDll("IpbesFlow.Web", "IpbesFlow.Web");
    private static readonly string Cli = RepositoryPaths.ExecutableDll("IpbesFlow.Cli", "ipbesflow");

    private readonly string folder = Directory.CreateTempSubdirectory("ipbesflow-timers-").FullName;
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(5) };

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
        Execute($"UPDATE assessment_steps SET closes_at = {new Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter().ConvertToProvider(closesAt)} WHERE assessment_id = '{id.ToString().ToUpperInvariant()}' AND step_id = 'external-review'");

        await using var service = await StartAsync(sweepSeconds: 3600);
        State(id).ShouldBe("Open", "not closed before its time");
        await Eventually.GetAsync(() => Task.FromResult(State(id)), s => s == "Closed", TimeSpan.FromSeconds(40), "the trigger to close the review");
        await StopAsync(service);

        var closedAt = ClosedAt(id);
        closedAt.ShouldBeGreaterThanOrEqualTo(closesAt);
        Closes(id).ShouldBe(1);
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

    private async Task<ProcessRunner> StartAsync(int sweepSeconds)
    {
        var port = FreePort();
        var process = ProcessRunner.Start(Service, ["--urls", $"http://127.0.0.1:{port}"],
            new Dictionary<string, string?> { ["Storage__DataDirectory"] = Data, ["Scheduler__SweepSeconds"] = sweepSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) }, folder);
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

    private string? State(Guid id) => (string?)Scalar($"SELECT state FROM assessment_steps WHERE assessment_id = '{Key(id)}' AND step_id = 'external-review'");

    private DateTimeOffset ClosedAt(Guid id) =>
        (DateTimeOffset)new Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter().ConvertFromProvider(
            Scalar($"SELECT at FROM journal_entries WHERE assessment_id = '{Key(id)}' AND step_id = 'external-review' AND action = 'step.closed'"))!;

    // EF Core stores Guid keys in SQLite as upper-case text.
    private static string Key(Guid id) => id.ToString().ToUpperInvariant();

    private object? Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(Data, "ipbesflow.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(Data, "ipbesflow.db")};Pooling=False");
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
