using IpbesFlow.Configuration;
using IpbesFlow.Mail;
using IpbesFlow.Notifications;
using IpbesFlow.Persistence;
using IpbesFlow.Startup;
using IpbesFlow.Testing;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;

namespace IpbesFlow.Benchmarks.Benchmarks;

/// <summary>N queued notifications go out through the outbox worker (claim a batch, send over the pooled MailKit
/// connections, record each outcome; two rounds at a time, as the service runs it) to a local SMTP sink that speaks
/// STARTTLS with its own certificate (pinned by fingerprint, as for an internal relay). Printed against two raw limits
/// measured in the same run: the same messages sent straight through the same pooled connections (ratio, target at
/// least 0.8; three outbox runs, each against the mean of the raw runs before and after it, the median taken), and
/// sending with one connection per message (pooled-vs-per-message, target at least 10). The rows are queued in set-up,
/// not measured; rendering each recipient's message from an event is not part of this path yet. SQLite by default;
/// PostgreSQL with --postgres.</summary>
internal sealed class FanoutBenchmark : IBenchmark
{
    private const int PoolSize = 4;

    // Outbox runs, each between two raw runs.
    private const int Rounds = 3;

    public string Name => "fanout";

    public string Description => "outbox to a local SMTP sink vs raw pooled MailKit sending, and pooled vs one connection per message";

    public async Task<string> RunAsync(BenchmarkOptions options)
    {
        var messages = options.Quick ? 2_000 : 20_000;
        var perMessageSample = options.Quick ? 200 : 1_000;
        var folder = Directory.CreateTempSubdirectory("ipbesflow-fanout-").FullName;
        // The sink offers STARTTLS, as a real relay does: what a new connection costs includes its TLS handshake.
        await using var sink = TestSmtpServer.Start(tls: true);
        sink.KeepMessages = false;
        try
        {
            var values = new Dictionary<string, string?>
            {
                ["Storage:DataDirectory"] = folder,
                ["Mail:Smtp:Host"] = "127.0.0.1",
                ["Mail:Smtp:Port"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Mail:Smtp:Security"] = "StartTls",
                ["Mail:Smtp:TrustedCertificateSha256"] = sink.CertificateSha256,
                ["Mail:Smtp:PoolSize"] = PoolSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            if (options.Postgres)
            {
                var server = BenchmarkOptions.PostgresServer ?? throw new InvalidOperationException("--postgres needs IPBESFLOW_BENCH_POSTGRES (or IPBESFLOW_TEST_POSTGRES): a server connection string.");
                values["Database:Provider"] = "Postgres";
                values["Database:ConnectionString"] = await TestPostgres.CreateEmptyDatabaseAsync("ipbesflow_bench_fanout", server);
                values["Database:MigrateOnStart"] = "true";
            }

            var settings = StorageSettings.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), Directory.GetCurrentDirectory());
            Console.WriteLine($"  {settings.DescribeDatabase()}, SMTP sink with STARTTLS on 127.0.0.1:{sink.Port}, {PoolSize} pooled connections");
            var services = new ServiceCollection();
            services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
            services.AddIpbesFlowStorage(settings);
            services.AddBenchmarkMediator();
            await using var provider = services.BuildServiceProvider();
            await provider.GetRequiredService<StartupChecks>().RunAsync(CancellationToken.None);
            await using var transport = new PooledSmtpMailTransport(settings.Mail.Smtp!);
            var worker = new OutboxWorker(provider.GetRequiredService<IServiceScopeFactory>(), transport, settings, TimeProvider.System, NullLogger<OutboxWorker>.Instance);

            // Warm-up, not measured: both paths run first, as long as a measured run, so that neither is measured while
            // the process is still warming (the JIT's later tiers, the GC's budgets, the thread pool): with a quarter of
            // that, raw sending measured before the outbox ran at 4,400-4,700/s and after it at 6,700-7,400/s.
            var warmUp = messages;
            await QueueAsync(provider, warmUp, offset: Rounds * messages);
            await DrainAsync(worker);
            await RateAsync(warmUp, PoolSize, i => transport.SendAsync(Message(i), CancellationToken.None));

            // Then raw, outbox, raw, outbox, raw, outbox, raw: each outbox run is compared with the mean of the raw runs
            // just before and after it (what is left of the drift cancels), and the ratio is the median of the rounds.
            // Raw limit 1 is the same messages straight through the same pooled connections.
            var raws = new List<double> { await RateAsync(messages, PoolSize, i => transport.SendAsync(Message(i), CancellationToken.None)) };
            var engines = new List<double>();
            for (var round = 0; round < Rounds; round++)
            {
                // The engine: the outbox worker drains every row.
                await QueueAsync(provider, messages, offset: round * messages);
                var acceptedBefore = sink.Accepted;
                var started = TimeProvider.System.GetTimestamp();
                await DrainAsync(worker);
                engines.Add(messages / TimeProvider.System.GetElapsedTime(started).TotalSeconds);
                await using (var scope = provider.CreateAsyncScope())
                {
                    var sent = await scope.ServiceProvider.GetRequiredService<IpbesFlowDbContext>().OutboxMessages.CountAsync(m => m.Status == DeliveryStatus.Sent);
                    if (sent != ((round + 1) * messages) + warmUp || sink.Accepted - acceptedBefore < messages)
                    {
                        throw new InvalidOperationException($"Only {sent - warmUp - (round * messages)} of {messages} rows were marked sent and {sink.Accepted - acceptedBefore} accepted: the measurement would be wrong.");
                    }
                }

                raws.Add(await RateAsync(messages, PoolSize, i => transport.SendAsync(Message(i), CancellationToken.None)));
            }

            var ratios = engines.Select((engine, round) => engine / ((raws[round] + raws[round + 1]) / 2)).ToList();
            var ratio = ratios.Order().ElementAt(ratios.Count / 2);
            var raw = raws.Order().ElementAt(raws.Count / 2);

            // Raw limit 2: one connection per message (a sample: it is slow).
            var perMessage = await RateAsync(perMessageSample, PoolSize, async i =>
            {
                using var client = new SmtpClient { ServerCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256) == sink.CertificateSha256 };
                await client.ConnectAsync("127.0.0.1", sink.Port, SecureSocketOptions.StartTls);
                await client.SendAsync(Message(i));
                await client.DisconnectAsync(quit: true);
            });

            var pooledVsPerMessage = raw / perMessage;
            Console.WriteLine($"  outbox messages/s={string.Join(" ", engines.Select(Measure.F))} raw-pooled/s={string.Join(" ", raws.Select(Measure.F))} ratios={string.Join(" ", ratios.Select(Measure.F))}");
            Console.WriteLine($"  per-message-connection/s={Measure.F(perMessage)} (against the median raw-pooled {Measure.F(raw)}/s) connections-opened={transport.ConnectionsOpened}");
            return $"fanout: ratio={Measure.F(ratio)} pooled-vs-per-message={Measure.F(pooledVsPerMessage)}";
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Task DrainAsync(OutboxWorker worker) =>
        Task.WhenAll(Enumerable.Range(0, OutboxWorker.ConcurrentRounds).Select(async _ =>
        {
            while (await worker.RunOnceAsync(CancellationToken.None) > 0)
            {
            }
        }));

    private static async Task QueueAsync(IServiceProvider provider, int count, int offset = 0)
    {
        var now = TimeProvider.System.GetUtcNow();
        for (var start = offset; start < offset + count; start += 1_000)
        {
            await using var scope = provider.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IpbesFlowDbContext>();
            db.OutboxMessages.AddRange(Enumerable.Range(start, Math.Min(1_000, offset + count - start)).Select(i =>
                OutboxMessage.Queue("review-opened", $"expert{i}@example.org", $"Expert {i}", "en", $"Review open: first-order draft ({i})", Body, null, now)));
            await db.SaveChangesAsync();
        }
    }

    private static MimeMessage Message(int i)
    {
        var message = new MimeMessage { Subject = $"Review open: first-order draft ({i})", MessageId = $"raw.{i}.{Guid.NewGuid():N}@ipbesflow.localhost" };
        message.From.Add(MailboxAddress.Parse("IpbesFlow <no-reply@ipbesflow.localhost>"));
        message.To.Add(new MailboxAddress($"Expert {i}", $"expert{i}@example.org"));
        message.Body = new BodyBuilder { TextBody = Body }.ToMessageBody();
        return message;
    }

    private static async Task<double> RateAsync(int count, int parallel, Func<int, Task> send)
    {
        var started = TimeProvider.System.GetTimestamp();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (i, _) => await send(i));
        return count / TimeProvider.System.GetElapsedTime(started).TotalSeconds;
    }

    private const string Body = """
        Dear expert,

        The first-order draft of the assessment is open for external review until 22 September (23:59 UTC).
        Register for the review and choose your chapters on the registration page.

        Drafts under review are confidential: please do not cite, quote or circulate them.

        IPBES secretariat
        """;
}
