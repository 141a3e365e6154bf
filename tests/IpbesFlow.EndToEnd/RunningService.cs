using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using IpbesFlow.Testing;
using Shouldly;

namespace IpbesFlow.EndToEnd;

/// <summary>The real service process, on SQLite (its embedded default) or PostgreSQL, with mail written to a folder
/// as a person running it on their machine would have it, and the demo accounts to sign in with.</summary>
public sealed class RunningService : IAsyncDisposable
{
    private static readonly string Service = RepositoryPaths.ExecutableDll("IpbesFlow.Web", "IpbesFlow.Web");
    private readonly ProcessRunner process;
    private readonly string folder;

    private RunningService(ProcessRunner process, Uri address, string folder)
    {
        this.process = process;
        Address = address;
        this.folder = folder;
    }

    public Uri Address { get; }

    public string MailFolder => Path.Combine(folder, "data", "mail");

    public string Output => process.Output;

    public static async Task<RunningService> StartAsync(string database)
    {
        var home = Directory.CreateTempSubdirectory("ipbesflow-e2e-").FullName;
        var environment = new Dictionary<string, string?>
        {
            ["Storage__DataDirectory"] = Path.Combine(home, "data"),
            ["Scheduler__SweepSeconds"] = "2",
            ["DOTNET_ENVIRONMENT"] = "Testing",
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["Security__SignInAttemptsPerMinute"] = "1000",
        };
        if (database == "Postgres")
        {
            environment["Database__Provider"] = "Postgres";
            environment["Database__ConnectionString"] = await TestPostgres.CreateEmptyDatabaseAsync(TestPostgres.UniqueDatabaseName("ipbesflow_e2e"));
            environment["Database__MigrateOnStart"] = "true";
        }

        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        // The links in the mail lead back to this process.
        environment["Service__PublicUrl"] = address.ToString().TrimEnd('/');
        var started = ProcessRunner.Start(Service, ["--urls", address.ToString(), "--demo"], environment, home);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.GetAsync(
            async () => started.HasExited ? throw new InvalidOperationException(started.Output) : (await http.GetAsync(new Uri(address, "/health/ready"))).StatusCode,
            s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(90), "the service to be ready");
        return new RunningService(started, address, home);
    }

    /// <summary>A client signed in (cookie) as a demo account, for setting the scene through the API.</summary>
    public async Task<HttpClient> ApiAsAsync(string email, string password = Identity.DemoAccounts.Password)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = Address };
        (await client.PostAsJsonAsync("/api/auth/sign-in", new { email, password }, TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        return client;
    }

    public static string Demo(string who) => $"{who}@{Identity.DemoAccounts.Domain}";

    /// <summary>The newest mail to <paramref name="to"/> whose subject contains <paramref name="subject"/>, once it is written.</summary>
    public async Task<string> MailToAsync(string to, string subject)
    {
        return await Eventually.GetAsync(
            () => Task.FromResult(Directory.Exists(MailFolder)
                ? Directory.EnumerateFiles(MailFolder, "*.eml").Select(f => new FileInfo(f)).OrderByDescending(f => f.LastWriteTimeUtc)
                    .Select(f => MimeKit.MimeMessage.Load(f.FullName))
                    .FirstOrDefault(m => m.To.Mailboxes.Any(a => string.Equals(a?.Address, to, StringComparison.OrdinalIgnoreCase)) && (m.Subject ?? string.Empty).Contains(subject, StringComparison.OrdinalIgnoreCase))
                    ?.TextBody
                : null),
            body => body is not null, TimeSpan.FromSeconds(30), $"a mail to {to} about '{subject}'") ?? string.Empty;
    }

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        response.IsSuccessStatusCode.ShouldBeTrue(body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        await process.DisposeAsync();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by the stopping process: the temporary folder is left to the system.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
