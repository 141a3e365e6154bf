using Microsoft.AspNetCore.TestHost;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using IpbesFlow.Identity;
using IpbesFlow.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IpbesFlow.Web.Tests.Api;

/// <summary>The real application in the test host, on its embedded default (SQLite) in a folder of its own. Every log
/// line is kept, so tests can check that no secret is ever written.</summary>
public class IpbesFlowApp : WebApplicationFactory<Program>
{
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("ipbesflow-web-").FullName;

    public string DataDirectory => dataDirectory;

    public CapturedLogs Logs { get; } = new();

    /// <summary>Sign-in attempts per minute per address; high here so that tests sharing one address do not trip it.</summary>
    protected virtual int SignInAttemptsPerMinute => 10_000;

    /// <summary>Sign-in links per address per hour; high here, as tests ask for links to the same few addresses.</summary>
    protected virtual int SignInLinksPerAddressPerHour => 10_000;

    /// <summary>Comment submissions per minute per person; high here for the same reason.</summary>
    protected virtual int CommentSubmissionsPerMinute => 10_000;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Not Development: the service is tested as it runs for its users (no development-time endpoints).
        builder.UseEnvironment("Testing");
        // Host settings reach Program before Build, where storage is chosen.
        builder.UseSetting("Storage:DataDirectory", dataDirectory);
        builder.UseSetting("Security:SignInAttemptsPerMinute", SignInAttemptsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Security:CommentSubmissionsPerMinute", CommentSubmissionsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Security:ExportsPerMinute", "10000");
        builder.UseSetting("Security:SignInLinksPerAddressPerHour", SignInLinksPerAddressPerHour.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Logging:LogLevel:Default", "Debug");
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        // A fault on demand, behind the one query that asks for it by a header (see Pages/ErrorPageTests).
        builder.ConfigureTestServices(services => services.AddScoped<Mediator.IPipelineBehavior<Workflows.ListWorkflows, IReadOnlyList<Workflows.WorkflowSummary>>, Pages.FaultOnDemand>());
    }

    /// <summary>A client that calls as a new account holding <paramref name="roles"/>, through an API token of <paramref name="scope"/>.</summary>
    public async Task<HttpClient> ClientAsAsync(TokenScope scope, params RoleScope[] roles)
    {
        var (_, secret) = await CreateAccountAsync(null, scope, roles);
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    /// <summary>Creates an account (with a password when given) holding <paramref name="roles"/>, and a token for it.</summary>
    public Task<(UserAccount User, string TokenSecret)> CreateAccountAsync(string? password, TokenScope scope, params RoleScope[] roles) =>
        CreateAccountAsync($"{Guid.NewGuid():N}@tests.example.org", password, scope, roles);

    public async Task<(UserAccount User, string TokenSecret)> CreateAccountAsync(string email, string? password, TokenScope scope, params RoleScope[] roles)
    {
        StartServer(); // starts the host (in memory, or on Kestrel when a test asked for it)
        await using var services = Services.CreateAsyncScope();
        var users = services.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        var db = services.ServiceProvider.GetRequiredService<IpbesFlowDbContext>();
        var now = TimeProvider.System.GetUtcNow();
        var user = UserAccount.Create(email, "Test Person", now);
        var created = password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        }

        db.RoleAssignments.AddRange(roles.Select(r => RoleAssignment.Grant(user.Id, r, null, now)));
        // A year and more: a token the tests sign in with may itself create tokens, which never outlive it.
        var (token, secret) = ApiToken.Issue(user.Id, "tests", scope, TimeSpan.FromDays(400), now);
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync();
        return (user, secret);
    }

    /// <summary>An assessment of the single-review deliverable created by an MEP member, and its external review set up
    /// by the assessment's TSU with <paramref name="chapters"/>: its id, the TSU's client, and the review's address.</summary>
    public async Task<(Guid Id, HttpClient Tsu, string Review)> ReviewAsync(string title, DateOnly start, params (string Code, string Title)[] chapters)
    {
        var ct = TestContext.Current.CancellationToken;
        using var mep = await ClientAsAsync(TokenScope.Write, new RoleScope(Role.MepMember));
        var created = await (await mep.PostAsJsonAsync("/api/assessments", new { workflow = "single-review-deliverable", title, start }, ct)).Content.ReadFromJsonAsync<JsonElement>(ct);
        var id = created.GetProperty("id").GetGuid();
        var tsu = await ClientAsAsync(TokenScope.Write, new RoleScope(Role.TsuMember, id));
        var review = $"/api/assessments/{id}/reviews/external-review";
        var configured = await tsu.PutAsJsonAsync(review, new { chapters = chapters.Select(c => new { code = c.Code, title = c.Title }) }, ct);
        if (configured.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"Setting the review up answered {configured.StatusCode}: {await configured.Content.ReadAsStringAsync(ct)}");
        }

        return (id, tsu, review);
    }

    /// <summary>A statement straight on the application's database (SQLite), for putting data in a state no command makes.</summary>
    public async Task ExecuteSqlAsync(FormattableString sql)
    {
        await using var services = Services.CreateAsyncScope();
        await services.ServiceProvider.GetRequiredService<IpbesFlowDbContext>().Database.ExecuteSqlInterpolatedAsync(sql);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(dataDirectory, recursive: true);
        GC.SuppressFinalize(this);
    }
}

[CollectionDefinition(nameof(AppCollection))]
public sealed class AppCollection : ICollectionFixture<IpbesFlowApp>;

public sealed class CapturedLogs : ILoggerProvider
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> lines = new();

    public IEnumerable<string> Lines => lines;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, System.Collections.Concurrent.ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
