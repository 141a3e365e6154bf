using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using IpbesFlow.Testing;
using Npgsql;
using Shouldly;

namespace IpbesFlow.Web.Tests.Service;

/// <summary>Two real service processes on one PostgreSQL database with a clustered Quartz store.</summary>
public sealed class ClusterTests : IDisposable
{
    private const int Windows = 200;
    private static readonly string Service = RepositoryPaths.ExecutableDll("IpbesFlow.Web", "IpbesFlow.Web");
    private readonly string folder = Directory.CreateTempSubdirectory("ipbesflow-cluster-").FullName;

    [Fact]
    public async Task Windows_closing_together_each_close_exactly_once_even_when_a_node_is_killed_at_that_moment()
    {
        var connection = await TestPostgres.CreateEmptyDatabaseAsync("ipbesflow_cluster");
        var environment = new Dictionary<string, string?>
        {
            ["Database__Provider"] = "Postgres",
            ["Database__ConnectionString"] = connection,
            ["Database__MigrateOnStart"] = "true",
            ["Storage__DataDirectory"] = Path.Combine(folder, "data"),
            ["Scheduler__SweepSeconds"] = "2",
            // Demo accounts sign the test in; they are refused in Production, and a node started without --demo disables them.
            ["DOTNET_ENVIRONMENT"] = "Testing",
            ["Demo__Portfolio"] = "false",
        };
        await using var nodeA = await StartAsync(environment, "--demo");
        await using var nodeB = await StartAsync(environment, "--demo");

        using var admin = await SignedInClient(nodeA.Address);
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        for (var i = 0; i < Windows; i++)
        {
            var created = await admin.PostAsJsonAsync("/api/assessments", new
            {
                workflow = "single-review-deliverable",
                title = $"Cluster {i}",
                start = today.AddDays(-300).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                @fixed = new Dictionary<string, object> { ["external-review"] = new { start = today.AddDays(-1), end = today.AddDays(30) } },
            }, TestContext.Current.CancellationToken);
            created.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        await Eventually.GetAsync(() => Count(connection, "SELECT COUNT(*) FROM assessment_steps WHERE step_id = 'external-review' AND state = 'Open'"), n => n == Windows, TimeSpan.FromSeconds(60), "every review to open");
        var closeAt = TimeProvider.System.GetUtcNow().AddSeconds(6);
        await Execute(connection, "UPDATE assessment_steps SET closes_at = @at, due_at = @at, next_reminder_at = NULL WHERE step_id = 'external-review'", closeAt);

        // Kill one node the moment the windows close, whatever it is doing.
        await Task.Delay(closeAt - TimeProvider.System.GetUtcNow() + TimeSpan.FromMilliseconds(100), TestContext.Current.CancellationToken);
        nodeA.Process.Kill();

        await Eventually.GetAsync(() => Count(connection, "SELECT COUNT(*) FROM assessment_steps WHERE step_id = 'external-review' AND state = 'Closed'"), n => n == Windows, TimeSpan.FromSeconds(60), "the surviving node to close every review");
        (await Count(connection, "SELECT COUNT(*) FROM journal_entries WHERE step_id = 'external-review' AND action = 'step.closed'")).ShouldBe(Windows);
        (await Count(connection, "SELECT COUNT(*) FROM (SELECT assessment_id FROM journal_entries WHERE step_id = 'external-review' AND action = 'step.closed' GROUP BY assessment_id HAVING COUNT(*) > 1) AS twice")).ShouldBe(0);
        (await Count(connection, "SELECT COUNT(*) FROM journal_entries WHERE step_id = 'external-review' AND action = 'step.closed' AND at < @at", closeAt)).ShouldBe(0, "nothing closed early");
    }

    [Fact]
    public async Task A_session_made_on_one_node_works_on_the_other_and_after_a_restart()
    {
        var connection = await TestPostgres.CreateEmptyDatabaseAsync("ipbesflow_sessions");
        var environment = new Dictionary<string, string?>
        {
            ["Database__Provider"] = "Postgres",
            ["Database__ConnectionString"] = connection,
            ["Database__MigrateOnStart"] = "true",
            ["Storage__DataDirectory"] = Path.Combine(folder, "data"),
            ["DOTNET_ENVIRONMENT"] = "Testing",
            ["Demo__Portfolio"] = "false",
        };
        var nodeA = await StartAsync(environment, "--demo");
        await using var nodeB = await StartAsync(environment, "--demo");
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies });

        var signIn = await browser.PostAsJsonAsync(new Uri(nodeA.Address, "/api/auth/sign-in"), new { email = $"admin@{Identity.DemoAccounts.Domain}", password = Identity.DemoAccounts.Password }, TestContext.Current.CancellationToken);
        signIn.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var onB = await browser.GetAsync(new Uri(nodeB.Address, "/api/auth/me"), TestContext.Current.CancellationToken);
        var address = nodeA.Address;
        nodeA.Process.Kill();
        await nodeA.DisposeAsync();
        await using var restarted = await StartAsync(environment, address, "--demo");
        var afterRestart = await browser.GetAsync(new Uri(restarted.Address, "/api/auth/me"), TestContext.Current.CancellationToken);

        onB.StatusCode.ShouldBe(HttpStatusCode.OK, "node B reads the cookie node A made: the keys are shared in the database");
        afterRestart.StatusCode.ShouldBe(HttpStatusCode.OK, "and they outlive the process");
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private Task<Node> StartAsync(Dictionary<string, string?> environment, params string[] arguments) =>
        StartAsync(environment, new Uri($"http://127.0.0.1:{FreePort()}"), arguments);

    private async Task<Node> StartAsync(Dictionary<string, string?> environment, Uri address, params string[] arguments)
    {
        var process = ProcessRunner.Start(Service, ["--urls", address.ToString(), .. arguments], environment, folder);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.GetAsync(
            async () => process.HasExited ? throw new InvalidOperationException(process.Output) : (await http.GetAsync(new Uri(address, "/health/ready"))).StatusCode,
            s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(60), "a node to be ready");
        return new Node(process, address);
    }

    private static async Task<HttpClient> SignedInClient(Uri address)
    {
        var client = new HttpClient(new HttpClientHandler { UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = address };
        var signIn = await client.PostAsJsonAsync("/api/auth/sign-in", new { email = $"admin@{Identity.DemoAccounts.Domain}", password = Identity.DemoAccounts.Password }, TestContext.Current.CancellationToken);
        signIn.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        return client;
    }

    private static async Task<long> Count(string connection, string sql, DateTimeOffset? at = null)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(sql, db);
        if (at is { } value)
        {
            command.Parameters.AddWithValue("at", value);
        }

        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task Execute(string connection, string sql, DateTimeOffset at)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(sql, db);
        command.Parameters.AddWithValue("at", at);
        (await command.ExecuteNonQueryAsync()).ShouldBe(Windows);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed record Node(ProcessRunner Process, Uri Address) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Process.DisposeAsync();
    }
}
