using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using IpbesFlow.Configuration;
using IpbesFlow.IntegrationTests.Fixtures;
using IpbesFlow.Mail;
using IpbesFlow.Notifications;
using IpbesFlow.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Shouldly;

namespace IpbesFlow.IntegrationTests.Mail;

/// <summary>How each database carries out the outbox worker's claim when its statistics are out of date in the usual
/// way: gathered while every message had been sent, before a fanout queued thousands. The claim must read just its
/// batch, in the order of the index of pending messages; PostgreSQL used to fetch every pending row and sort them, on
/// every claim of the fanout.</summary>
public abstract class OutboxClaimPlanTests<TDatabase>(TDatabase database) : DatabaseTest<TDatabase>(database)
    where TDatabase : DatabaseFixture
{
    private const int BatchSize = 100;

    [Fact]
    public async Task A_claim_behind_a_fanout_reads_just_its_batch_in_index_order_even_when_the_statistics_say_nothing_is_pending()
    {
        // Months of history: messages queued and retried at scattered times (so the table's order says nothing about
        // when each was due), all sent but a few, and the statistics gathered then. Then a fanout queues 3,000.
        var now = Database.Clock.GetUtcNow();
        var history = await QueueAsync(2_000, i => now.AddMinutes(-(i * 7_919 % 43_200)));
        var stillPending = history.Where((_, i) => i % 400 == 0).Select(m => m.Id).ToList();
        await Database.QueryAsync(async db =>
        {
            await OutboxMessage.MarkDeliveredAsync(db.OutboxMessages.Where(m => !stillPending.Contains(m.Id)), now, TestContext.Current.CancellationToken);
            return await db.Database.ExecuteSqlRawAsync("ANALYZE outbox_messages", TestContext.Current.CancellationToken);
        });
        await QueueAsync(3_000, _ => now);

        await Database.QueryAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(TestContext.Current.CancellationToken);
            if (Database.Provider == DatabaseProvider.Postgres)
            {
                await db.Database.ExecuteSqlAsync(OutboxWorker.PostgresClaimSettings(TimeSpan.FromMinutes(2)), TestContext.Current.CancellationToken);
                var plan = JsonDocument.Parse(string.Concat(await ReadAsync(db, "EXPLAIN (ANALYZE, FORMAT JSON)", OutboxWorker.PostgresClaim(now, BatchSize))));
                var nodes = Nodes(plan.RootElement[0].GetProperty("Plan")).ToList();
                var described = string.Join(" > ", nodes.Select(n => $"{n.GetProperty("Node Type").GetString()} ({n.GetProperty("Actual Rows").GetDouble()} rows)"));
                nodes.ShouldContain(n => n.GetProperty("Node Type").GetString() == "Index Scan" && n.GetProperty("Index Name").GetString() == "ix_outbox_messages_pending", described);
                nodes.ShouldNotContain(n => n.GetProperty("Node Type").GetString() == "Sort", described);
                nodes.Max(n => n.GetProperty("Actual Rows").GetDouble()).ShouldBe(BatchSize, described);
            }
            else
            {
                var plan = await ReadAsync(db, "EXPLAIN QUERY PLAN", OutboxWorker.SqliteClaim(now, now.AddMinutes(2), "test", BatchSize));
                var described = string.Join(" | ", plan);
                plan.ShouldContain(step => step.Contains("SEARCH outbox_messages USING INDEX ix_outbox_messages_pending", StringComparison.Ordinal), described);
                plan.ShouldNotContain(step => step.Contains("TEMP B-TREE", StringComparison.Ordinal), described);
            }

            return 0;
        });
    }

    private async Task<List<OutboxMessage>> QueueAsync(int count, Func<int, DateTimeOffset> queuedAt)
    {
        var messages = Enumerable.Range(0, count)
            .Select(i => OutboxMessage.Queue("review-opened", $"expert{i}@example.org", $"Expert {i}", "en", "Review open", "The review is open.", null, queuedAt(i)))
            .ToList();
        await Database.QueryAsync(db =>
        {
            db.OutboxMessages.AddRange(messages);
            return db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });
        return messages;
    }

    /// <summary>Runs the statement after <paramref name="prefix"/> (EXPLAIN) with its arguments as parameters, in the
    /// context's transaction, and returns the last column of each row (the plan).</summary>
    private static async Task<List<string>> ReadAsync(IpbesFlowDbContext db, string prefix, FormattableString statement)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        var names = Enumerable.Range(0, statement.ArgumentCount).Select(i => $"@p{i}").ToArray<object>();
        command.CommandText = $"{prefix} {string.Format(CultureInfo.InvariantCulture, statement.Format, names)}";
        for (var i = 0; i < statement.ArgumentCount; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = (string)names[i];
            parameter.Value = statement.GetArgument(i);
            command.Parameters.Add(parameter);
        }

        var rows = new List<string>();
        await using DbDataReader reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            rows.Add(reader.GetString(reader.FieldCount - 1));
        }

        return rows;
    }

    private static IEnumerable<JsonElement> Nodes(JsonElement node) =>
        node.TryGetProperty("Plans", out var children) ? [node, .. children.EnumerateArray().SelectMany(Nodes)] : [node];
}

[Collection(nameof(SqliteCollection))]
public sealed class OutboxClaimPlanTests_on_Sqlite(SqliteDatabase database) : OutboxClaimPlanTests<SqliteDatabase>(database);

[Collection(nameof(PostgresCollection))]
public sealed class OutboxClaimPlanTests_on_Postgres(PostgresDatabase database) : OutboxClaimPlanTests<PostgresDatabase>(database);
