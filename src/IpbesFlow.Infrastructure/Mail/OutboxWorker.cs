using System.Collections.Concurrent;
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

/// <summary>Sends what the outbox holds. Each round claims a batch of due messages under a lease (on PostgreSQL with
/// FOR UPDATE SKIP LOCKED, so two nodes never take the same row; on SQLite, one writer at a time does the same), sends
/// them over the pooled transport, and records each outcome: sent; a 4xx reply or an unreachable server, tried again
/// with backoff and dead-lettered after the last attempt; a 5xx reply, failed with the server's words. A node killed
/// mid-batch leaves its claims to expire; the messages it had handed to the server but not yet marked sent go again
/// with the same Message-ID.</summary>
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
        List<OutboxMessage> batch;
        using (await TakeDatabaseTurnAsync(cancellationToken))
        {
            batch = await ClaimAsync(db, cancellationToken);
        }

        if (batch.Count == 0)
        {
            return 0;
        }

        var outcomes = new ConcurrentDictionary<long, Exception?>();
        try
        {
            var parallel = transport is PooledSmtpMailTransport pooled ? pooled.PoolSize : 1;
            await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken }, async (message, ct) =>
            {
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
        var (deferred, failed) = (0, 0);
        foreach (var message in batch.Where(m => !delivered.Contains(m.Id)))
        {
            db.OutboxMessages.Attach(message);
            if (!outcomes.TryGetValue(message.Id, out var error))
            {
                message.Release();
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
        // When every message went, that is one statement, atomic by itself; otherwise one transaction for the lot.
        using var turn = await TakeDatabaseTurnAsync(CancellationToken.None);
        if (delivered.Count == batch.Count)
        {
            await OutboxMessage.MarkDeliveredAsync(db.OutboxMessages.Where(m => delivered.Contains(m.Id)), now, CancellationToken.None);
        }
        else
        {
            await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
            if (delivered.Count > 0)
            {
                await OutboxMessage.MarkDeliveredAsync(db.OutboxMessages.Where(m => delivered.Contains(m.Id)), now, CancellationToken.None);
            }

            await db.SaveChangesAsync(CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
        }

        LogRound(logger, batch.Count, delivered.Count, deferred, failed);
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

    private async Task<List<OutboxMessage>> ClaimAsync(IpbesFlowDbContext db, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var until = now + Options.Lease;
        // One statement takes the batch and returns it, so it needs no transaction of its own. The batch is chosen in
        // the order of the (status, next attempt) index, oldest first: the scan stops at the batch's last row, where
        // ordering by id alone would read every waiting row to sort them (a 20,000-message backlog, each round). On
        // PostgreSQL, rows another node is taking at this moment are skipped (FOR UPDATE SKIP LOCKED); on SQLite the
        // statement holds the only write lock, so nobody claims the same rows meanwhile.
        var postgres = settings.Provider == DatabaseProvider.Postgres;
        // SQLite keeps an instant as a number (see SqliteIpbesFlowDbContext); raw SQL gets it in that form.
        object Stored(DateTimeOffset instant) => postgres ? instant : SqliteInstant.ConvertToProvider(instant)!;
        var skipLocked = postgres ? " FOR UPDATE SKIP LOCKED" : string.Empty;
        var claim = FormattableStringFactory.Create(
            $$"""
            UPDATE outbox_messages SET claimed_by = {0}, claimed_until = {1}
            WHERE id IN (
                SELECT id FROM outbox_messages
                WHERE status = '{{nameof(DeliveryStatus.Pending)}}' AND next_attempt_at <= {2} AND (claimed_until IS NULL OR claimed_until < {2})
                ORDER BY next_attempt_at, id LIMIT {3}{{skipLocked}})
            RETURNING *
            """,
            Node, Stored(until), Stored(now), Options.BatchSize);
        var batch = await db.OutboxMessages.FromSql(claim).AsNoTracking().ToListAsync(cancellationToken);
        batch.Sort((a, b) => a.Id.CompareTo(b.Id));
        return batch;
    }

    private MimeMessage ToMime(OutboxMessage message)
    {
        var mime = new MimeMessage { Subject = message.Subject, MessageId = message.MessageId };
        mime.From.Add(MailboxAddress.Parse(settings.Mail.From));
        mime.To.Add(new MailboxAddress(message.ToName ?? string.Empty, message.ToAddress));
        mime.Headers.Add("X-IpbesFlow-Notification", message.Kind);
        var body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody };
        if (message.CalendarIcs is { } ics)
        {
            var invitation = new TextPart("calendar") { Text = ics };
            invitation.ContentType.Parameters.Add("method", ics.Contains("METHOD:CANCEL", StringComparison.Ordinal) ? "CANCEL" : "REQUEST");
            invitation.ContentType.Charset = "utf-8";
            invitation.ContentDisposition = new ContentDisposition(ContentDisposition.Attachment) { FileName = "invitation.ics" };
            body.Attachments.Add(invitation);
        }

        mime.Body = body.ToMessageBody();
        return mime;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox: {Count} message(s) taken: {Sent} sent, {Deferred} to try again, {Failed} refused")]
    private static partial void LogRound(ILogger logger, int count, int sent, int deferred, int failed);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox round failed; trying again shortly")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
