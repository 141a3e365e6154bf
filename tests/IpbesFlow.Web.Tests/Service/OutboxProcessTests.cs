using System.Net;
using System.Net.Sockets;
using IpbesFlow.Notifications;
using IpbesFlow.Persistence;
using IpbesFlow.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Shouldly;

namespace IpbesFlow.Web.Tests.Service;

/// <summary>The real service sending its outbox to a real SMTP server on loopback, killed with SIGKILL in the middle.</summary>
public sealed class OutboxProcessTests : IDisposable
{
    private const int Messages = 2_000;
    private static readonly string Service = RepositoryPaths.ExecutableDll("IpbesFlow.Web", "IpbesFlow.Web");
    private static readonly string Cli = RepositoryPaths.ExecutableDll("IpbesFlow.Cli", "ipbesflow");

    private readonly string folder = Directory.CreateTempSubdirectory("ipbesflow-outbox-").FullName;

    private string Data => Path.Combine(folder, "data");

    [Fact]
    public async Task Killed_in_the_middle_of_2000_messages_the_sender_delivers_every_one_after_restart_and_any_duplicate_carries_the_same_Message_ID()
    {
        var (exitCode, output) = await ProcessRunner.RunAsync(Cli, ["db", "migrate"], new Dictionary<string, string?> { ["Storage__DataDirectory"] = Data }, folder, TimeSpan.FromSeconds(60));
        exitCode.ShouldBe(0, output);
        var queued = await QueueAsync();
        await using var smtp = TestSmtpServer.Start();
        smtp.Delay = TimeSpan.FromMilliseconds(4);

        await using (var first = await StartAsync(smtp.Port))
        {
            await Eventually.GetAsync(() => Task.FromResult(smtp.Received.Count), n => n >= 400, TimeSpan.FromSeconds(60), "a good part of the messages to arrive");
            first.Kill();
            await first.WaitForExitAsync(TimeSpan.FromSeconds(10));
        }

        var atKill = smtp.Received.Count;
        atKill.ShouldBeLessThan(Messages, "the kill came in the middle of the run");

        await using (var second = await StartAsync(smtp.Port))
        {
            await Eventually.GetAsync(() => Task.FromResult(smtp.Received.Select(m => m.MessageId).Distinct(StringComparer.Ordinal).Count()), n => n == Messages, TimeSpan.FromSeconds(90), "every message to arrive");
            await Eventually.GetAsync(SentCountAsync, n => n == Messages, TimeSpan.FromSeconds(30), "every row to be marked sent");
            second.Terminate();
            (await second.WaitForExitAsync(TimeSpan.FromSeconds(30))).ShouldBe(0, second.Output);
            second.Output.ShouldNotContain("fail:");
        }

        var received = smtp.Received.Select(m => m.MessageId).ToList();
        received.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ShouldBe(queued.Order(StringComparer.Ordinal));
        var duplicates = received.Count - Messages;
        var inFlight = Mail.OutboxWorker.ConcurrentRounds * new Configuration.OutboxSettings().BatchSize;
        duplicates.ShouldBeLessThanOrEqualTo(inFlight, "only messages in flight at the kill (the claimed batches, not yet recorded) may come twice");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private SqliteIpbesFlowDbContext Open() =>
        new(new DbContextOptionsBuilder<SqliteIpbesFlowDbContext>().UseSqlite($"Data Source={Path.Combine(Data, "ipbesflow.db")};Pooling=False").Options);

    private async Task<List<string>> QueueAsync()
    {
        await using var db = Open();
        var now = TimeProvider.System.GetUtcNow();
        var messages = Enumerable.Range(0, Messages)
            .Select(i => OutboxMessage.Queue("schedule-changed", $"expert{i}@example.org", $"Expert {i}", "en", $"Schedule changed ({i})", "The review moved.", null, now))
            .ToList();
        db.OutboxMessages.AddRange(messages);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return messages.Select(m => m.MessageId).ToList();
    }

    private async Task<int> SentCountAsync()
    {
        await using var db = Open();
        return await db.OutboxMessages.CountAsync(m => m.Status == DeliveryStatus.Sent);
    }

    private async Task<ProcessRunner> StartAsync(int smtpPort)
    {
        var port = FreePort();
        var process = ProcessRunner.Start(Service, ["--urls", $"http://127.0.0.1:{port}"], new Dictionary<string, string?>
        {
            ["Storage__DataDirectory"] = Data,
            ["Mail__Smtp__Host"] = "127.0.0.1",
            ["Mail__Smtp__Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mail__Smtp__Security"] = "None",
            ["Mail__Smtp__PoolSize"] = "4",
            ["Mail__Outbox__PollMilliseconds"] = "200",
            ["Mail__Outbox__LeaseSeconds"] = "3",
        }, folder);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.GetAsync(
            async () => process.HasExited ? throw new InvalidOperationException(process.Output) : (await http.GetAsync(new Uri($"http://127.0.0.1:{port}/health/ready"))).StatusCode,
            s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "the service to be ready");
        return process;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
