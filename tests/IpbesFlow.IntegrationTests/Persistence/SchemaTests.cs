using IpbesFlow.IntegrationTests.Fixtures;
using IpbesFlow.Persistence;
using IpbesFlow.Startup;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace IpbesFlow.IntegrationTests.Persistence;

public abstract class SchemaTests<TDatabase>(TDatabase database) : DatabaseTest<TDatabase>(database)
    where TDatabase : DatabaseFixture
{
    [Fact]
    public async Task An_empty_database_is_behind_and_migrating_brings_it_up_to_date()
    {
        await using var services = DatabaseFixture.BuildServices(await Database.CreateDatabaseAsync("ipbesflow_schema_empty"), TimeProvider.System);
        var schema = services.GetRequiredService<DatabaseSchema>();

        var before = await schema.GetStatusAsync(TestContext.Current.CancellationToken);
        var applied = await schema.MigrateAsync(TestContext.Current.CancellationToken);
        var after = await schema.GetStatusAsync(TestContext.Current.CancellationToken);

        before.Applied.ShouldBeEmpty();
        before.Pending.ShouldNotBeEmpty();
        applied.ShouldBe(before.Pending);
        after.IsCurrent.ShouldBeTrue();
        (await schema.MigrateAsync(TestContext.Current.CancellationToken)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Start_up_refuses_a_schema_behind_this_build_when_not_allowed_to_migrate()
    {
        await using var services = DatabaseFixture.BuildServices(await Database.CreateDatabaseAsync("ipbesflow_schema_behind"), TimeProvider.System);

        var refusal = await Should.ThrowAsync<StartupCheckException>(() =>
            services.GetRequiredService<DatabaseSchema>().EnsureCurrentAsync(migrate: false, TestContext.Current.CancellationToken));

        refusal.Message.ShouldContain("behind this build");
        refusal.Message.ShouldContain("ipbesflow db migrate");
        refusal.Message.ShouldContain("Database__MigrateOnStart=true");
        (await services.GetRequiredService<DatabaseSchema>().GetStatusAsync(TestContext.Current.CancellationToken)).Applied.ShouldBeEmpty();
    }

    [Fact]
    public async Task Start_up_refuses_a_database_a_newer_build_migrated()
    {
        await using var services = DatabaseFixture.BuildServices(await Database.CreateDatabaseAsync("ipbesflow_schema_newer"), TimeProvider.System);
        var schema = services.GetRequiredService<DatabaseSchema>();
        await schema.MigrateAsync(TestContext.Current.CancellationToken);
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IpbesFlowDbContext>().Database.ExecuteSqlRawAsync(
                "INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") VALUES ('29991231000000_FromTheFuture', '99.0.0')", TestContext.Current.CancellationToken);
        }

        var refusal = await Should.ThrowAsync<StartupCheckException>(() => schema.EnsureCurrentAsync(migrate: true, TestContext.Current.CancellationToken));

        refusal.Message.ShouldContain("29991231000000_FromTheFuture");
        refusal.Message.ShouldContain("newer IpbesFlow");
    }
}

[Collection(nameof(SqliteCollection))]
public sealed class SchemaTests_on_Sqlite(SqliteDatabase database) : SchemaTests<SqliteDatabase>(database);

[Collection(nameof(PostgresCollection))]
public sealed class SchemaTests_on_Postgres(PostgresDatabase database) : SchemaTests<PostgresDatabase>(database);
