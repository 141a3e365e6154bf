using IpbesFlow.Common.Behaviours;
using IpbesFlow.IntegrationTests.Fixtures;
using IpbesFlow.People;
using IpbesFlow.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace IpbesFlow.IntegrationTests.Persistence;

public abstract class TransactionTests<TDatabase>(TDatabase database) : DatabaseTest<TDatabase>(database)
    where TDatabase : DatabaseFixture
{
    [Fact]
    public async Task A_command_that_fails_after_writing_leaves_nothing_behind()
    {
        await using var scope = Database.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IpbesFlowDbContext>();
        var behaviour = new TransactionBehaviour<RegisterPerson, PersonView>(db, scope.ServiceProvider.GetRequiredService<IpbesFlow.Workflows.IWorkflowCatalog>(), [], Microsoft.Extensions.Logging.Abstractions.NullLogger<TransactionBehaviour<RegisterPerson, PersonView>>.Instance);
        var command = new RegisterPerson("Half Done", "half@example.org", "en");

        await Should.ThrowAsync<InvalidOperationException>(async () => await behaviour.Handle(command, async (c, ct) =>
        {
            db.People.Add(Person.Register(Guid.NewGuid(), c.FullName, c.Email, c.PreferredLanguage, null, null, Database.Clock.GetUtcNow()));
            await db.SaveChangesAsync(ct); // written inside the transaction...
            throw new InvalidOperationException("the journal write failed"); // ...then the command fails
        }, TestContext.Current.CancellationToken));

        (await Database.QueryAsync(d => d.People.CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task A_command_commits_what_its_handler_added_without_saving()
    {
        var person = await Database.SendAsync(new RegisterPerson("Committed", "committed@example.org", "es"));

        (await Database.QueryAsync(d => d.People.AnyAsync(p => p.Id == person.Id))).ShouldBeTrue();
    }

    [Fact]
    public async Task Instants_compare_and_sort_in_the_database()
    {
        var first = await Database.SendAsync(new RegisterPerson("First", "first@example.org", "en"));
        Database.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await Database.SendAsync(new RegisterPerson("Second", "second@example.org", "en"));
        var boundary = first.RegisteredAt.AddMilliseconds(500);

        // Deadlines will be checked in SQL ("is now inside the stored window"), so comparison must be done by the database.
        var after = await Database.QueryAsync(d => d.People.Where(p => p.RegisteredAt > boundary).Select(p => p.Id).ToListAsync());
        var newestFirst = await Database.QueryAsync(d => d.People.OrderByDescending(p => p.RegisteredAt).Select(p => p.Id).ToListAsync());

        after.ShouldBe([second.Id]);
        newestFirst.ShouldBe([second.Id, first.Id]);
    }
}

[Collection(nameof(SqliteCollection))]
public sealed class TransactionTests_on_Sqlite(SqliteDatabase database) : TransactionTests<SqliteDatabase>(database)
{
    [Fact]
    public async Task A_writer_that_finds_the_database_locked_waits_for_the_lock_inside_SQLite()
    {
        // Microsoft.Data.Sqlite by itself answers a busy database by sleeping 150 ms before trying again; SQLite's own
        // handler, which the service sets on each connection, waits in steps of a few milliseconds.
        var busyTimeout = await Database.QueryAsync(async db =>
        {
            await db.Database.OpenConnectionAsync();
            try
            {
                await using var pragma = db.Database.GetDbConnection().CreateCommand();
                pragma.CommandText = "PRAGMA busy_timeout";
                return Convert.ToInt64(await pragma.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        });
        busyTimeout.ShouldBe((long)SqliteBusyWait.Limit.TotalMilliseconds);

        // Another process holds the write lock; a command arriving meanwhile goes through once it is let go.
        await using var other = new Microsoft.Data.Sqlite.SqliteConnection(Database.Services.GetRequiredService<IpbesFlow.Configuration.StorageSettings>().ConnectionString);
        await other.OpenAsync(TestContext.Current.CancellationToken);
        var holding = (Microsoft.Data.Sqlite.SqliteTransaction)await other.BeginTransactionAsync(TestContext.Current.CancellationToken);
        // (Run elsewhere: Microsoft.Data.Sqlite does its work, and its waiting, on the calling thread.)
        var waiting = Task.Run(() => Database.SendAsync(new RegisterPerson("Patient", "patient@example.org", "fr")), TestContext.Current.CancellationToken);
        await Task.Delay(TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken);
        waiting.IsCompleted.ShouldBeFalse("the lock is held");
        await holding.CommitAsync(TestContext.Current.CancellationToken);

        var person = await waiting;
        (await Database.QueryAsync(d => d.People.AnyAsync(p => p.Id == person.Id))).ShouldBeTrue();
    }
}

[Collection(nameof(PostgresCollection))]
public sealed class TransactionTests_on_Postgres(PostgresDatabase database) : TransactionTests<PostgresDatabase>(database);
