using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using IpbesFlow.Configuration;
using IpbesFlow.Notifications;
using IpbesFlow.Persistence;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace IpbesFlow.Mail;

/// <summary>Sends what the outbox holds. Each round claims a batch of due messages (on PostgreSQL by locking the rows in
/// the round's transaction with FOR UPDATE SKIP LOCKED, so two nodes never take the same row; on SQLite under a lease
/// written by the one writer at a time), sends them over the pooled transport, and records each outcome: sent; a 4xx
/// reply or an unreachable server, tried again with backoff and dead-lettered after the last attempt; a 5xx reply,
/// failed with the server's words. A node killed mid-batch lets its batch go (on PostgreSQL when its connection closes,
/// on SQLite when the lease passes); the messages it had handed to the server but not yet marked sent go again with the
/// same Message-ID.</summary>
public sealed partial class OutboxWorker(
    IServiceScopeFactory scopes, IMailTransport transport, StorageSettings settings, TimeProvider time, ILogger<OutboxWorker> logger, NotificationDispatcher? dispatcher = null) : BackgroundService
{
    private static readonly string Node = $"{Environment.MachineName}:{Environment.ProcessId}";

    private static readonly DateTimeOffsetToBinaryConverter SqliteInstant = new();

    private readonly SemaphoreSlim databaseTurn = new(1, 1);

    private OutboxSettings Options => settings.Mail.Outbox;

    /// <summary>Rounds run two at a time, so that one sends while the other claims or records: the database work of a
    /// round would otherwise leave the pooled connections idle.</summary>
    public const int ConcurrentRounds = 2;

    // One of the loops also turns queued events into messages (two would only work out the same messages twice).
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, ConcurrentRounds).Select(i => LoopAsync(dispatch: i == 0, stoppingToken)));

    private async Task LoopAsync(bool dispatch, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            int handled;
            try
            {
                handled = (dispatch && dispatcher is not null ? await dispatcher.RunOnceAsync(stoppingToken) : 0) + await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested && e is not OperationCanceledException)
            {
                LogRoundFailed(logger, e);
                handled = 0;
            }

            if (handled == 0)
            {
                try
                {
                    await Task.Delay(Options.Poll, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>One round: claim, send, record. Returns how many messages it took.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IpbesFlowDbContext>();
        // On PostgreSQL the round's own transaction holds its batch: the rows stay locked (FOR UPDATE SKIP LOCKED) while
        // they are sent and are recorded in the same transaction. Nothing is written to claim them, which halves what a
        // message costs the database, and a node that dies lets its batch go as soon as the server sees its connection
        // close; one that hangs, when the transaction has been idle for the lease. On SQLite a claim is a lease
        // written to the rows, since a transaction there would hold the only write lock while the batch is sent.
        await using var holding = settings.Provider == DatabaseProvider.Postgres ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        List<OutboxMessage> batch;
        using (await TakeDatabaseTurnAsync(cancellationToken))
        {
            batch = holding is null ? await ClaimUnderLeaseAsync(db, cancellationToken) : await LockBatchAsync(db, cancellationToken);
        }

        if (batch.Count == 0)
        {
            return 0;
        }

        // No message of the batch is begun after half the lease: a slow relay (some take 30 messages a minute) would
        // otherwise keep the batch past its lease, and it would be taken again while it is still being sent (on
        // PostgreSQL the server would end the transaction and nothing sent would be recorded, round after round). What
        // is left goes back to the outbox for the next round.
        var beginNoMoreAt = time.GetUtcNow() + (Options.Lease / 2);
        var outcomes = new ConcurrentDictionary<long, Exception?>();
        try
        {
            await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = transport.Parallelism, CancellationToken = cancellationToken }, async (message, ct) =>
            {
                if (time.GetUtcNow() >= beginNoMoreAt)
                {
                    return;
                }

                try
                {
                    await transport.SendAsync(ToMime(message), ct);
                    outcomes[message.Id] = null;
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    outcomes[message.Id] = e;
                }
            });
        }
        catch (OperationCanceledException)
        {
            // Stopping: what was sent is recorded below; the rest is let go for the next start.
        }

        var now = time.GetUtcNow();
        var delivered = batch.Where(m => outcomes.TryGetValue(m.Id, out var error) && error is null).Select(m => m.Id).ToList();
        var (deferred, failed, left) = (0, 0, 0);
        foreach (var message in batch.Where(m => !delivered.Contains(m.Id)))
        {
            db.OutboxMessages.Attach(message);
            if (!outcomes.TryGetValue(message.Id, out var error))
            {
                message.Release();
                left++;
            }
            else if (error is SmtpCommandException { StatusCode: var code } refused && (int)code >= 500)
            {
                message.Rejected($"{(int)code} {refused.Message}");
                failed++;
            }
            else
            {
                var reply = error is SmtpCommandException c ? $"{(int)c.StatusCode} {c.Message}" : $"{error!.GetType().Name}: {error.Message}";
                message.Deferred(reply, Options.Backoff(message.Attempts + 1), Options.MaxAttempts, now);
                deferred++;
            }
        }

        // The outcomes are recorded even when stopping: a message the server took must not be sent again needlessly.
        // When every message went, that is one statement, atomic by itself; otherwise one transaction for the lot (on
        // PostgreSQL, the one that holds the batch, whose commit lets the rows go).
        using var turn = await TakeDatabaseTurnAsync(CancellationToken.None);
        await using var recording = holding is null && delivered.Count < batch.Count ? await db.Database.BeginTransactionAsync(CancellationToken.None) : null;
        if (delivered.Count > 0)
        {
            await OutboxMessage.MarkDeliveredAsync(db.OutboxMessages.Where(m => delivered.Contains(m.Id)), now, CancellationToken.None);
        }

        if (delivered.Count < batch.Count)
        {
            await db.SaveChangesAsync(CancellationToken.None);
        }

        if ((holding ?? recording) is { } transaction)
        {
            await transaction.CommitAsync(CancellationToken.None);
        }

        LogRound(logger, batch.Count, delivered.Count, deferred, failed, left);
        return batch.Count;
    }

    /// <summary>On SQLite, the rounds take turns at the database: it has one write lock, and a round that found it
    /// taken would wait for it inside SQLite, asleep on a thread that the other round's sending needs. On PostgreSQL
    /// they claim and record side by side.</summary>
    private async ValueTask<IDisposable?> TakeDatabaseTurnAsync(CancellationToken cancellationToken)
    {
        if (settings.Provider == DatabaseProvider.Postgres)
        {
            return null;
        }

        await databaseTurn.WaitAsync(cancellationToken);
        return new Turn(databaseTurn);
    }

    public override void Dispose()
    {
        databaseTurn.Dispose();
        base.Dispose();
    }

    private sealed class Turn(SemaphoreSlim semaphore) : IDisposable
    {
        public void Dispose() => semaphore.Release();
    }

    /// <summary>SQLite: one statement writes a lease on the batch and returns it, so it needs no transaction of its own
    /// (it holds the only write lock meanwhile, so nobody claims the same rows).</summary>
    private async Task<List<OutboxMessage>> ClaimUnderLeaseAsync(IpbesFlowDbContext db, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var batch = await db.OutboxMessages.FromSql(SqliteClaim(now, now + Options.Lease, Node, Options.BatchSize)).AsNoTracking().ToListAsync(cancellationToken);
        batch.Sort((a, b) => a.Id.CompareTo(b.Id));
        return batch;
    }

    /// <summary>PostgreSQL: the round's transaction locks its batch, skipping rows another node holds at this moment,
    /// and writes nothing.</summary>
    private async Task<List<OutboxMessage>> LockBatchAsync(IpbesFlowDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlAsync(PostgresClaimSettings(Options.Lease), cancellationToken);
        return await db.OutboxMessages.FromSql(PostgresClaim(time.GetUtcNow(), Options.BatchSize)).AsNoTracking().ToListAsync(cancellationToken);
    }

    // Pending, due ({0} is now), and not under a lease: SQLite's claims, and on PostgreSQL those of a node of an
    // earlier version still running beside this one during an upgrade. The status is a literal, so that both databases
    // see that the partial index of pending messages answers it; the batch is taken in that index's order, oldest
    // first, so the scan stops at the batch's last row.
    private const string DueBatch =
        $$"""
        SELECT * FROM outbox_messages
        WHERE status = '{{nameof(DeliveryStatus.Pending)}}' AND next_attempt_at <= {0} AND (claimed_until IS NULL OR claimed_until < {0})
        ORDER BY next_attempt_at, id LIMIT {1}
        """;

    /// <summary>SQLite keeps an instant as a number (see SqliteIpbesFlowDbContext), and raw SQL gets it in that
    /// form.</summary>
    internal static FormattableString SqliteClaim(DateTimeOffset now, DateTimeOffset leaseUntil, string node, int batchSize) =>
        FormattableStringFactory.Create(
            $$"""
            UPDATE outbox_messages SET claimed_until = {2}, claimed_by = {3}
            WHERE id IN (SELECT id FROM ({{DueBatch}}))
            RETURNING *
            """,
            SqliteInstant.ConvertToProvider(now)!, batchSize, SqliteInstant.ConvertToProvider(leaseUntil)!, node);

    /// <summary>Settings for the claim's transaction. While the batch is sent the transaction is idle, so the server
    /// ends it, letting the rows go, once it has been idle for longer than the lease (a node that hangs, or whose
    /// network went away). And the claim must read just its batch whatever the table's statistics say: they are
    /// gathered now and then, and in between they can say that nothing is pending (most messages have long been sent)
    /// while a fanout has just queued thousands; PostgreSQL then chose to fetch every pending row and sort them, on each
    /// claim (25-35 ms instead of 1-2 for a batch of 100, behind a 20,000-message fanout). With bitmap and sequential
    /// scans off, what is left is to walk the index in order.</summary>
    internal static FormattableString PostgresClaimSettings(TimeSpan lease) =>
        $"""
        SELECT set_config('idle_in_transaction_session_timeout', {((long)lease.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)}, true),
               set_config('enable_bitmapscan', 'off', true), set_config('enable_seqscan', 'off', true)
        """;

    internal static FormattableString PostgresClaim(DateTimeOffset now, int batchSize) =>
        FormattableStringFactory.Create($"{DueBatch}\nFOR UPDATE SKIP LOCKED", now, batchSize);

    private MimeMessage ToMime(OutboxMessage message) => MailMessages.Build(
        settings.Mail.From, message.ToAddress, message.ToName, message.Subject, message.Language, message.TextBody, message.HtmlBody, message.MessageId, message.Kind, message.CalendarIcs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox: {Count} message(s) taken: {Sent} sent, {Deferred} to try again, {Failed} refused, {Left} left for the next round")]
    private static partial void LogRound(ILogger logger, int count, int sent, int deferred, int failed, int left);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox round failed; trying again shortly")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
