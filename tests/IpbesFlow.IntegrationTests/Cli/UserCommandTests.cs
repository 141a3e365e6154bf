using IpbesFlow.Testing;
using Shouldly;

namespace IpbesFlow.IntegrationTests.Cli;

public sealed class UserCommandTests : IDisposable
{
    private static readonly string Cli = RepositoryPaths.ExecutableDll("IpbesFlow.Cli", "ipbesflow");
    private readonly string folder = Directory.CreateTempSubdirectory("ipbesflow-cli-users-").FullName;

    [Fact]
    public async Task Create_admin_needs_a_migrated_database_then_prints_a_single_use_link_and_refuses_a_second_account()
    {
        var unmigrated = await Run("users", "create-admin", "--email", "head@secretariat.example.org");
        await Run("db", "migrate");
        var created = await Run("users", "create-admin", "--email", "head@secretariat.example.org", "--name", "Head of Secretariat");
        var again = await Run("users", "create-admin", "--email", "HEAD@secretariat.example.org");

        unmigrated.ExitCode.ShouldBe(1);
        unmigrated.Output.ShouldContain("Run `ipbesflow db migrate`");
        created.ExitCode.ShouldBe(0, created.Output);
        created.Output.ShouldContain("Created admin head@secretariat.example.org");
        created.Output.ShouldMatch(@"Sign in once, within 24 hours: http://localhost:5080/sign-in\?token=ipbl_[A-Za-z0-9_-]{43}");
        again.ExitCode.ShouldBe(1);
        again.Output.Trim().ShouldBe("ipbesflow: An account for 'HEAD@secretariat.example.org' already exists.");
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private Task<(int ExitCode, string Output)> Run(params string[] arguments) =>
        ProcessRunner.RunAsync(Cli, arguments, new Dictionary<string, string?> { ["Storage__DataDirectory"] = folder }, folder, TimeSpan.FromSeconds(60));
}
