using System.Net;
using System.Net.Sockets;
using IpbesFlow.Testing;
using Shouldly;

namespace IpbesFlow.Web.Tests.Service;

/// <summary>The built service as an operator runs it: a real process, configured by environment variables,
/// stopped with SIGTERM.</summary>
public sealed class ServiceProcessTests : IDisposable
{
    private static readonly string Service = RepositoryPaths.ExecutableDll("IpbesFlow.Web", "IpbesFlow.Web");
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(30);

    private readonly string folder = Directory.CreateTempSubdirectory("ipbesflow-service-").FullName;
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(5) };

    [Fact]
    public async Task Starts_on_an_empty_folder_stops_cleanly_on_SIGTERM_and_starts_again_on_the_same_data()
    {
        var data = Path.Combine(folder, "data");
        var environment = new Dictionary<string, string?> { ["Storage__DataDirectory"] = data };

        var first = await StartAndWaitUntilReadyAsync(environment);
        File.Exists(Path.Combine(data, "ipbesflow.db")).ShouldBeTrue();
        File.Exists(Path.Combine(data, "scheduler.db")).ShouldBeTrue();
        Directory.Exists(Path.Combine(data, "mail")).ShouldBeTrue();
        first.Output.ShouldMatch(@"Applied \d+ migration\(s\)");
        await StopAndExpectCleanExitAsync(first);

        var second = await StartAndWaitUntilReadyAsync(environment);
        second.Output.ShouldNotContain("Applied");
        await StopAndExpectCleanExitAsync(second);
    }

    [Fact]
    public async Task Runs_on_PostgreSQL_with_a_clustered_scheduler_once_its_schema_is_migrated()
    {
        var connection = await TestPostgres.CreateEmptyDatabaseAsync("ipbesflow_web_service");
        var environment = new Dictionary<string, string?>
        {
            ["Database__Provider"] = "Postgres",
            ["Database__ConnectionString"] = connection,
            ["Storage__DataDirectory"] = Path.Combine(folder, "data"),
        };

        // Production default: the service does not migrate PostgreSQL by itself, and says what to run.
        var (refusedExit, refusal) = await RunToExitAsync(environment);
        refusedExit.ShouldBe(1, refusal);
        refusal.ShouldContain("ipbesflow db migrate");

        environment["Database__MigrateOnStart"] = "true";
        var node = await StartAndWaitUntilReadyAsync(environment);
        await using (var db = new Npgsql.NpgsqlConnection(connection))
        {
            await db.OpenAsync(TestContext.Current.CancellationToken);
            await using var checkIns = new Npgsql.NpgsqlCommand("SELECT COUNT(*) FROM qrtz_scheduler_state", db);
            ((long)(await checkIns.ExecuteScalarAsync(TestContext.Current.CancellationToken))!).ShouldBe(1, "a clustered scheduler checks in to the shared store");
        }

        await StopAndExpectCleanExitAsync(node);
    }

    [Fact]
    public async Task An_unknown_provider_stops_the_start_with_one_line_and_creates_nothing()
    {
        var data = Path.Combine(folder, "data");

        var (exitCode, output) = await RunToExitAsync(new() { ["Database__Provider"] = "Oracle", ["Storage__DataDirectory"] = data });

        exitCode.ShouldBe(1);
        SingleLine(output).ShouldBe("IpbesFlow cannot start: Database:Provider 'Oracle' is not supported. Set Database__Provider to Sqlite (the default) or Postgres.");
        Directory.Exists(data).ShouldBeFalse();
    }

    [Fact]
    public async Task A_request_limit_that_is_not_a_positive_number_stops_the_start_with_one_line_and_creates_nothing()
    {
        var data = Path.Combine(folder, "data");

        var (exitCode, output) = await RunToExitAsync(new() { ["Security__ConcurrentDraftDownloads"] = "0", ["Storage__DataDirectory"] = data });

        exitCode.ShouldBe(1);
        SingleLine(output).ShouldBe("IpbesFlow cannot start: Security:ConcurrentDraftDownloads is '0'; give a whole number from 1 to 10,000. Fix Security__ConcurrentDraftDownloads.");
        Directory.Exists(data).ShouldBeFalse();
    }

    [Fact]
    public async Task An_unreachable_PostgreSQL_stops_the_start_with_one_line_and_creates_nothing()
    {
        var data = Path.Combine(folder, "data");
        var port = FreePort(); // nothing listens there

        var (exitCode, output) = await RunToExitAsync(new()
        {
            ["Database__Provider"] = "Postgres",
            ["Database__ConnectionString"] = $"Host=127.0.0.1;Port={port};Database=ipbesflow;Username=ipbesflow;Password=secret-password",
            ["Storage__DataDirectory"] = data,
        });

        exitCode.ShouldBe(1);
        var line = SingleLine(output);
        line.ShouldStartWith($"IpbesFlow cannot start: Cannot reach PostgreSQL at 127.0.0.1:{port} (");
        line.ShouldEndWith("Start PostgreSQL, or fix Database__ConnectionString.");
        line.ShouldNotContain("secret-password");
        Directory.Exists(data).ShouldBeFalse();
    }

    [Fact]
    public async Task An_unwritable_data_folder_stops_the_start_with_one_line_and_creates_nothing()
    {
        // Tests run as root on CI, where permissions do not stop a write: a folder under a regular file cannot exist for anyone.
        var blocker = Path.Combine(folder, "not-a-folder");
        await File.WriteAllTextAsync(blocker, "x", TestContext.Current.CancellationToken);
        var data = Path.Combine(blocker, "data");

        var (exitCode, output) = await RunToExitAsync(new() { ["Storage__DataDirectory"] = data });

        exitCode.ShouldBe(1);
        var line = SingleLine(output);
        line.ShouldStartWith($"IpbesFlow cannot start: The folder '{data}' is not writable (");
        line.ShouldEndWith("Set Storage__DataDirectory to a folder this user can write, or fix its permissions.");
        Directory.GetFileSystemEntries(folder).ShouldBe([blocker]);
    }

    [Fact]
    public async Task Demo_accounts_exist_only_with_the_demo_switch_and_bodies_over_the_limit_are_refused()
    {
        var environment = new Dictionary<string, string?> { ["Storage__DataDirectory"] = Path.Combine(folder, "data"), ["Security__MaxRequestBodyBytes"] = "4096" };
        var plain = await StartAndWaitUntilReadyAsync(environment);
        var refused = await SignInAsDemoAdmin(plain.BaseAddress);
        using var big = new StringContent(new string('x', 8192), System.Text.Encoding.UTF8, "application/json");
        var tooBig = await http.PostAsync(new Uri(plain.BaseAddress, "/api/auth/sign-in"), big, TestContext.Current.CancellationToken);
        await StopAndExpectCleanExitAsync(plain);

        var (inProduction, productionOutput) = await RunToExitAsync(environment, "--demo");
        var demo = await StartAndWaitUntilReadyAsync(new(environment) { ["DOTNET_ENVIRONMENT"] = "Development" }, "--demo");
        var accepted = await SignInAsDemoAdmin(demo.BaseAddress);
        demo.Output.ShouldContain("Demo mode: 7 demo accounts");
        await StopAndExpectCleanExitAsync(demo);

        var after = await StartAndWaitUntilReadyAsync(environment);
        var disabled = await SignInAsDemoAdmin(after.BaseAddress);
        after.Output.ShouldContain("Started without --demo: 7 demo account(s) (*@demo.ipbesflow.localhost) disabled");
        await StopAndExpectCleanExitAsync(after);

        refused.ShouldBe(HttpStatusCode.Unauthorized);
        tooBig.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (inProduction, SingleLine(productionOutput)).ShouldBe((1, "IpbesFlow cannot start: --demo creates accounts whose password is published, and is refused in Production. Run it with --environment Development on a machine of your own."));
        accepted.ShouldBe(HttpStatusCode.NoContent);
        disabled.ShouldBe(HttpStatusCode.Unauthorized, "a database that ran a demo keeps no account with the published password");
    }

    [Fact]
    public async Task Broken_workflow_definitions_stop_the_start_naming_the_first_error_and_how_to_see_all()
    {
        var workflows = Directory.CreateDirectory(Path.Combine(folder, "workflows")).FullName;
        await File.WriteAllTextAsync(Path.Combine(workflows, "broken.yaml"), "id: broken\nversion: 1\ntitle: Broken\nkind: thematic\nsteps:\n  - {id: a, kind: revue, title: A}\n", TestContext.Current.CancellationToken);
        var data = Path.Combine(folder, "data");

        var (exitCode, output) = await RunToExitAsync(new() { ["Workflows__Directory"] = workflows, ["Storage__DataDirectory"] = data });

        exitCode.ShouldBe(1);
        var line = SingleLine(output);
        line.ShouldStartWith($"IpbesFlow cannot start: The workflow definitions have 1 error(s); the first is {Path.Combine(workflows, "broken.yaml")}:6:19: step 'a': unknown step kind 'revue'");
        line.ShouldEndWith($"Run `ipbesflow workflows validate {workflows}` to see them all.");
        Directory.Exists(data).ShouldBeFalse();
    }

    [Fact]
    public async Task A_templates_folder_without_the_sign_in_link_stops_the_start_naming_the_file()
    {
        var workflows = Path.Combine(folder, "workflows");
        foreach (var file in Directory.GetFiles(RepositoryPaths.WorkflowsDirectory, "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != "sign-in-link.liquid"))
        {
            var copy = Path.Combine(workflows, Path.GetRelativePath(RepositoryPaths.WorkflowsDirectory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        var (exitCode, output) = await RunToExitAsync(new() { ["Workflows__Directory"] = workflows, ["Storage__DataDirectory"] = Path.Combine(folder, "data") });

        exitCode.ShouldBe(1);
        SingleLine(output).ShouldBe($"IpbesFlow cannot start: The mail templates the engine sends whatever the definitions say are missing: templates/en/sign-in-link.liquid under {workflows}. Copy them from the shipped workflows folder.");
    }

    public void Dispose()
    {
        http.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    private static string SingleLine(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.Length.ShouldBe(1, output);
        return lines[0];
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task<(int ExitCode, string Output)> RunToExitAsync(Dictionary<string, string?> environment, params string[] extraArguments) =>
        await ProcessRunner.RunAsync(Service, ["--urls", $"http://127.0.0.1:{FreePort()}", .. extraArguments], environment, folder, StartLimit);

    private async Task<HttpStatusCode> SignInAsDemoAdmin(Uri service)
    {
        var credentials = System.Text.Json.JsonSerializer.Serialize(new { email = $"admin@{Identity.DemoAccounts.Domain}", password = Identity.DemoAccounts.Password });
        using var body = new StringContent(credentials, System.Text.Encoding.UTF8, "application/json");
        return (await http.PostAsync(new Uri(service, "/api/auth/sign-in"), body, TestContext.Current.CancellationToken)).StatusCode;
    }

    private async Task<RunningService> StartAndWaitUntilReadyAsync(Dictionary<string, string?> environment, params string[] extraArguments)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var process = ProcessRunner.Start(Service, ["--urls", address.ToString(), .. extraArguments], environment, folder);
        try
        {
            await Eventually.GetAsync(
                async () => process.HasExited ? throw new InvalidOperationException("The service exited:\n" + process.Output) : (await http.GetAsync(new Uri(address, "/health/ready"))).StatusCode,
                status => status == HttpStatusCode.OK,
                StartLimit,
                "/health/ready to answer 200");
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }

        return new RunningService(process, address);
    }

    private static async Task StopAndExpectCleanExitAsync(RunningService service)
    {
        await using var process = service.Process;
        process.Terminate();
        var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(30));

        exitCode.ShouldBe(0, process.Output);
        process.Output.ShouldContain("Application is shutting down", customMessage: process.Output);
        process.Output.ShouldNotContain("Exception", customMessage: process.Output);
        process.Output.ShouldNotContain("fail:", customMessage: process.Output);
        process.Output.ShouldNotContain("crit:", customMessage: process.Output);
    }

    private sealed record RunningService(ProcessRunner Process, Uri BaseAddress)
    {
        public string Output => Process.Output;
    }
}
