using IpbesFlow.Configuration;
using IpbesFlow.IntegrationTests.Fixtures;
using IpbesFlow.Mail;
using IpbesFlow.Notifications;
using IpbesFlow.Testing;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Shouldly;

namespace IpbesFlow.IntegrationTests.Mail;

/// <summary>The outbox worker against a real SMTP server on loopback, on each database: what arrives, how often, with
/// which Message-ID, and what the rows say afterwards. Time between attempts is the fixture's fake clock.</summary>
public abstract class OutboxDeliveryTests<TDatabase>(TDatabase database) : DatabaseTest<TDatabase>(database)
    where TDatabase : DatabaseFixture
{
    protected TestSmtpServer Smtp { get; } = TestSmtpServer.Start();
    private readonly List<PooledSmtpMailTransport> transports = [];

    public override async ValueTask DisposeAsync()
    {
        foreach (var transport in transports)
        {
            await transport.DisposeAsync();
        }

        await Smtp.DisposeAsync();
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    protected OutboxWorker Worker(int poolSize = 2, int maxAttempts = 12)
    {
        var smtpSettings = new SmtpSettings("127.0.0.1", Smtp.Port, SecureSocketOptions.None, null, null, poolSize);
        var settings = Database.Settings with
        {
            Mail = Database.Settings.Mail with { Smtp = smtpSettings, Outbox = new OutboxSettings { RetryBase = TimeSpan.FromSeconds(10), MaxAttempts = maxAttempts, BatchSize = 25 } },
        };
        var transport = new PooledSmtpMailTransport(smtpSettings);
        transports.Add(transport);
        return new OutboxWorker(Database.Services.GetRequiredService<IServiceScopeFactory>(), transport, settings, Database.Clock, NullLogger<OutboxWorker>.Instance);
    }

    protected async Task<List<OutboxMessage>> QueueAsync(int count, Func<int, string>? address = null)
    {
        var now = Database.Clock.GetUtcNow();
        var messages = Enumerable.Range(0, count)
            .Select(i => OutboxMessage.Queue("schedule-changed", address?.Invoke(i) ?? $"expert{i}@example.org", $"Expert {i}", "en", $"Schedule changed ({i})", $"Dear Expert {i},\n\nThe review moved.", null, now))
            .ToList();
        await Database.QueryAsync(async db =>
        {
            db.OutboxMessages.AddRange(messages);
            return await db.SaveChangesAsync();
        });
        return messages;
    }

    protected static async Task<int> DrainAsync(OutboxWorker worker)
    {
        var taken = 0;
        while (await worker.RunOnceAsync(TestContext.Current.CancellationToken) is var n and > 0)
        {
            taken += n;
        }

        return taken;
    }

    protected Task<List<OutboxMessage>> RowsAsync() => Database.QueryAsync(db => db.OutboxMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync());

    [Fact]
    public async Task Queued_messages_arrive_once_each_with_their_Message_ID_over_reused_connections()
    {
        var queued = await QueueAsync(60);

        await DrainAsync(Worker(poolSize: 2));

        Smtp.Received.Select(m => m.MessageId).Order(StringComparer.Ordinal).ShouldBe(queued.Select(m => m.MessageId).Order(StringComparer.Ordinal));
        Smtp.Received.Single(m => m.To.Mailboxes.Single().Address == "expert7@example.org").Subject.ShouldBe("Schedule changed (7)");
        Smtp.Sessions.ShouldBeLessThanOrEqualTo(2, "two pooled connections carry all sixty messages");
        (await RowsAsync()).ShouldAllBe(m => m.Status == DeliveryStatus.Sent && m.Attempts == 1 && m.SentAt != null && m.ClaimedBy == null);
    }

    [Fact]
    public async Task Mail_goes_over_STARTTLS_to_a_relay_whose_own_certificate_is_pinned_and_never_to_one_that_does_not_match()
    {
        await using var relay = TestSmtpServer.Start(tls: true);
        var queued = await QueueAsync(5);
        OutboxWorker TlsWorker(string pin)
        {
            var smtpSettings = new SmtpSettings("127.0.0.1", relay.Port, SecureSocketOptions.StartTls, null, null, 2) { TrustedCertificateSha256 = pin };
            var transport = new PooledSmtpMailTransport(smtpSettings);
            transports.Add(transport);
            return new OutboxWorker(Database.Services.GetRequiredService<IServiceScopeFactory>(), transport, Database.Settings with { Mail = Database.Settings.Mail with { Smtp = smtpSettings } }, Database.Clock, NullLogger<OutboxWorker>.Instance);
        }

        await DrainAsync(TlsWorker(new string('0', 64)));
        var refused = await RowsAsync();
        Database.Clock.Advance(TimeSpan.FromHours(2));
        await DrainAsync(TlsWorker(relay.CertificateSha256!));

        relay.Accepted.ShouldBe(5, "the pinned certificate is trusted; the wrong one never was");
        refused.ShouldAllBe(m => m.Status == DeliveryStatus.Pending && m.Attempts == 1 && m.LastError!.Contains("certificate", StringComparison.OrdinalIgnoreCase));
        (await RowsAsync()).ShouldAllBe(m => m.Status == DeliveryStatus.Sent);
        relay.Received.Select(m => m.MessageId).Order(StringComparer.Ordinal).ShouldBe(queued.Select(m => m.MessageId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_server_answering_451_defers_every_message_and_all_arrive_once_it_recovers()
    {
        var queued = await QueueAsync(20);
        var worker = Worker();
        Smtp.Reply = _ => 451;

        await DrainAsync(worker);
        var deferred = await RowsAsync();
        (await worker.RunOnceAsync(TestContext.Current.CancellationToken)).ShouldBe(0, "nothing is due again before its backoff");
        Smtp.Reply = _ => null;
        Database.Clock.Advance(TimeSpan.FromSeconds(12));
        await DrainAsync(worker);

        deferred.ShouldAllBe(m => m.Status == DeliveryStatus.Pending && m.Attempts == 1 && m.LastError!.StartsWith("451 ", StringComparison.Ordinal));
        Smtp.Received.Count.ShouldBe(queued.Count);
        Smtp.Received.Select(m => m.MessageId).Distinct(StringComparer.Ordinal).Count().ShouldBe(queued.Count);
        (await RowsAsync()).ShouldAllBe(m => m.Status == DeliveryStatus.Sent && m.Attempts == 2);
    }

    [Fact]
    public async Task A_5xx_fails_that_recipient_with_the_servers_reply_and_is_not_tried_again()
    {
        await QueueAsync(5, i => i == 3 ? "gone@example.org" : $"expert{i}@example.org");
        var worker = Worker();
        Smtp.Reply = to => to == "gone@example.org" ? 550 : null;

        await DrainAsync(worker);
        Database.Clock.Advance(TimeSpan.FromHours(2));
        await DrainAsync(worker);

        var rows = await RowsAsync();
        var gone = rows.Single(m => m.ToAddress == "gone@example.org");
        (gone.Status, gone.Attempts).ShouldBe((DeliveryStatus.Failed, 1));
        gone.LastError.ShouldBe("550 <gone@example.org>: mailbox unavailable");
        rows.Where(m => m != gone).ShouldAllBe(m => m.Status == DeliveryStatus.Sent);
        Smtp.Received.Count.ShouldBe(4);
    }

    [Fact]
    public async Task While_the_server_is_down_nothing_is_lost_and_the_backlog_drains_when_it_returns()
    {
        var queued = await QueueAsync(40);
        var worker = Worker();
        await Smtp.PauseAsync();

        await DrainAsync(worker);
        var whileDown = await RowsAsync();
        Smtp.Resume();
        Database.Clock.Advance(TimeSpan.FromSeconds(12));
        await DrainAsync(worker);

        whileDown.ShouldAllBe(m => m.Status == DeliveryStatus.Pending && m.Attempts == 1 && m.LastError != null);
        Smtp.Received.Select(m => m.MessageId).Order(StringComparer.Ordinal).ShouldBe(queued.Select(m => m.MessageId).Order(StringComparer.Ordinal));
        (await RowsAsync()).ShouldAllBe(m => m.Status == DeliveryStatus.Sent);
    }

    [Fact]
    public async Task After_the_last_attempt_a_message_is_dead_lettered_never_dropped_and_can_be_resent_with_its_Message_ID()
    {
        var queued = (await QueueAsync(1)).Single();
        var worker = Worker(maxAttempts: 3);
        Smtp.Reply = _ => 451;

        for (var attempt = 0; attempt < 5; attempt++)
        {
            await DrainAsync(worker);
            Database.Clock.Advance(TimeSpan.FromMinutes(10));
        }

        var dead = (await RowsAsync()).Single();
        (dead.Status, dead.Attempts).ShouldBe((DeliveryStatus.DeadLettered, 3));
        var listed = await Database.SendAsync(new ListNotifications(Status: DeliveryStatus.DeadLettered));
        listed.Single().LastError.ShouldNotBeNull().ShouldStartWith("451 ");

        Smtp.Reply = _ => null;
        var resent = await Database.SendAsync(new ResendNotification(dead.Id));
        await DrainAsync(worker);

        resent.Status.ShouldBe(DeliveryStatus.Pending);
        Smtp.Received.Single().MessageId.ShouldBe(queued.MessageId);
        (await RowsAsync()).Single().Status.ShouldBe(DeliveryStatus.Sent);
        await Should.ThrowAsync<Common.ConflictException>(() => Database.SendAsync(new ResendNotification(dead.Id)));
    }

    [Fact]
    public async Task A_slow_relay_is_given_no_more_of_a_batch_after_half_the_lease_and_the_rest_waits_for_the_next_round()
    {
        var queued = await QueueAsync(10);
        // The relay takes 20 seconds of the fixture's clock per message; the lease is two minutes.
        Smtp.Reply = _ =>
        {
            Database.Clock.Advance(TimeSpan.FromSeconds(20));
            return null;
        };
        var worker = Worker(poolSize: 1);

        (await worker.RunOnceAsync(TestContext.Current.CancellationToken)).ShouldBe(10);

        var rows = await RowsAsync();
        rows.Count(m => m.Status == DeliveryStatus.Sent).ShouldBe(3, "begun at 0, 20 and 40 seconds; the fourth would begin at the minute");
        rows.Where(m => m.Status == DeliveryStatus.Pending).ShouldAllBe(m => m.Attempts == 0 && m.LastError == null && m.ClaimedBy == null && m.ClaimedUntil == null);
        Smtp.Reply = _ => null;
        await DrainAsync(worker);
        Smtp.Received.Select(m => m.MessageId).Order(StringComparer.Ordinal).ShouldBe(queued.Select(m => m.MessageId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Two_workers_draining_one_outbox_never_send_a_message_twice()
    {
        var queued = await QueueAsync(300);

        await Task.WhenAll(DrainAsync(Worker(poolSize: 3)), DrainAsync(Worker(poolSize: 3)));

        Smtp.Received.Count.ShouldBe(queued.Count);
        Smtp.Received.Select(m => m.MessageId).Distinct(StringComparer.Ordinal).Count().ShouldBe(queued.Count);
    }
}

[Collection(nameof(SqliteCollection))]
public sealed class OutboxDeliveryTests_on_Sqlite(SqliteDatabase database) : OutboxDeliveryTests<SqliteDatabase>(database);

[Collection(nameof(PostgresCollection))]
public sealed class OutboxDeliveryTests_on_Postgres(PostgresDatabase database) : OutboxDeliveryTests<PostgresDatabase>(database)
{
    /// <summary>On PostgreSQL a batch is held by its round's transaction, not by a lease written to the rows: when the
    /// node's connection dies (the node killed, its network gone), the server lets the rows go and another node takes
    /// them at once; the clock is not moved here, so no lease could have passed.</summary>
    [Fact]
    public async Task A_node_whose_connection_dies_mid_batch_lets_its_batch_go_at_once_and_every_message_arrives()
    {
        var queued = await QueueAsync(50);
        Smtp.Delay = TimeSpan.FromMilliseconds(100);
        var dying = Worker(poolSize: 1).RunOnceAsync(TestContext.Current.CancellationToken);
        var holder = await Eventually.GetAsync(
            () => Database.QueryAsync(db => db.Database.SqlQuery<int>(
                $"SELECT pid AS \"Value\" FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction' AND query LIKE '%FOR UPDATE SKIP LOCKED%'").ToListAsync()),
            pids => pids.Count == 1, TimeSpan.FromSeconds(10), "the first node to hold its batch while it sends");
        await Database.QueryAsync(db => db.Database.SqlQuery<bool>($"SELECT pg_terminate_backend({holder[0]}) AS \"Value\"").SingleAsync());
        Smtp.Delay = TimeSpan.Zero;

        await DrainAsync(Worker(poolSize: 2));
        await Should.ThrowAsync<Exception>(() => dying);

        (await RowsAsync()).ShouldAllBe(m => m.Status == DeliveryStatus.Sent);
        var received = Smtp.Received.Select(m => m.MessageId).ToList();
        received.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ShouldBe(queued.Select(m => m.MessageId).Order(StringComparer.Ordinal));
        (received.Count - queued.Count).ShouldBeLessThanOrEqualTo(25, "only the dead node's batch, which it may have sent in part, can arrive twice");
    }
}
