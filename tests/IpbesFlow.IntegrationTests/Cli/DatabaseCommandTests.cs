using IpbesFlow.Configuration;
using IpbesFlow.IntegrationTests.Fixtures;
using IpbesFlow.Testing;
using Shouldly;

namespace IpbesFlow.IntegrationTests.Cli;

/// <summary>The real <c>ipbesflow</c> executable, configured through environment variables as an operator would.</summary>
public abstract class DatabaseCommandTests<TDatabase>(TDatabase database) : DatabaseTest<TDatabase>(database)
    where TDatabase : DatabaseFixture
{
    private static readonly string Cli = RepositoryPaths.ExecutableDll("IpbesFlow.Cli", "ipbesflow");

    [Fact]
    public async Task Db_status_then_migrate_then_status_reports_the_schema_truthfully()
    {
        var environment = Environment(await Database.CreateDatabaseAsync("ipbesflow_cli"));

        var before = await Run(environment, "db", "status");
        var migrate = await Run(environment, "db", "migrate");
        var again = await Run(environment, "db", "migrate");
        var after = await Run(environment, "db", "status");
        var refill = await Run(environment, "db", "refill-due-instants");

        before.ExitCode.ShouldBe(0, before.Output);
        before.Output.ShouldContain("Pending:   ");
        before.Output.ShouldContain("behind this build; run `ipbesflow db migrate`");
        migrate.ExitCode.ShouldBe(0, migrate.Output);
        migrate.Output.ShouldMatch(@"Applied \d+ migration\(s\)");
        again.Output.ShouldContain("already up to date");
        after.Output.ShouldContain("Status:    up to date");
        after.Output.ShouldNotContain("Pending");
        refill.ShouldSatisfyAllConditions(r => r.ExitCode.ShouldBe(0, r.Output), r => r.Output.ShouldContain("Due instants recomputed for 0 step(s)"));
    }

    [Fact]
    public async Task Help_lists_the_commands()
    {
        var help = await Run(new Dictionary<string, string?>(), "--help");
        var dbHelp = await Run(new Dictionary<string, string?>(), "db", "--help");

        help.ExitCode.ShouldBe(0);
        help.Output.ShouldContain("db");
        dbHelp.Output.ShouldContain("status");
        dbHelp.Output.ShouldContain("migrate");
        dbHelp.Output.ShouldContain("refill-due-instants");
    }

    protected abstract Dictionary<string, string?> Environment(StorageSettings settings);

    private static Task<(int ExitCode, string Output)> Run(IReadOnlyDictionary<string, string?> environment, params string[] arguments) =>
        ProcessRunner.RunAsync(Cli, arguments, environment, Path.GetTempPath(), TimeSpan.FromSeconds(60));
}

[Collection(nameof(SqliteCollection))]
public sealed class DatabaseCommandTests_on_Sqlite(SqliteDatabase database) : DatabaseCommandTests<SqliteDatabase>(database)
{
    protected override Dictionary<string, string?> Environment(StorageSettings settings) => new()
    {
        ["Storage__DataDirectory"] = settings.DataDirectory,
    };
}

[Collection(nameof(PostgresCollection))]
public sealed class DatabaseCommandTests_on_Postgres(PostgresDatabase database) : DatabaseCommandTests<PostgresDatabase>(database)
{
    protected override Dictionary<string, string?> Environment(StorageSettings settings) => new()
    {
        ["Database__Provider"] = "Postgres",
        ["Database__ConnectionString"] = settings.ConnectionString,
    };
}

public sealed class DatabaseCommandErrorTests
{
    private static readonly string Cli = RepositoryPaths.ExecutableDll("IpbesFlow.Cli", "ipbesflow");

    [Fact]
    public async Task Unknown_provider_is_one_clear_line_and_exit_code_1()
    {
        var (exitCode, output) = await ProcessRunner.RunAsync(Cli, ["db", "status"], new Dictionary<string, string?> { ["Database__Provider"] = "Oracle" }, Path.GetTempPath(), TimeSpan.FromSeconds(60));

        exitCode.ShouldBe(1);
        output.Trim().ShouldBe("ipbesflow: Database:Provider 'Oracle' is not supported. Set Database__Provider to Sqlite (the default) or Postgres.");
    }
}
