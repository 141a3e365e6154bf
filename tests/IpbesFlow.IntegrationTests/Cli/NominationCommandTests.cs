using System.Text;
using IpbesFlow.Testing;
using Shouldly;

namespace IpbesFlow.IntegrationTests.Cli;

public sealed class NominationCommandTests : IDisposable
{
    private static readonly string Cli = RepositoryPaths.ExecutableDll("IpbesFlow.Cli", "ipbesflow");
    private readonly string folder = Directory.CreateTempSubdirectory("ipbesflow-cli-nominations-").FullName;

    [Fact]
    public async Task The_secretariat_imports_nominations_received_by_mail_all_or_nothing_and_writes_the_selection_report()
    {
        await Run("db", "migrate");
        var created = await Run("assessments", "create", "--workflow", "scoping", "--title", "Nexus scoping", "--start", "2030-01-07");
        var id = created.Output.Split('\n')[0].Replace("Created ", string.Empty, StringComparison.Ordinal).Trim();
        const string header = "Name,Email,Gender,Nationality,Country of work,Institution,Disciplines,Keywords,Languages,Roles sought,Chapters,Nominated by,Status,Mail language\n";
        var broken = Path.Combine(folder, "broken.csv");
        await File.WriteAllTextAsync(broken, header
            + "Amina Mohamed,amina@example.org,female,KE,KE,University of Nairobi,natural-sciences,water,en,lead-author,2,KE,approved,fr\n"
            + "Joao Silva,joao@example.org,man,BR,BR,USP,sociology,land,pt,lead-author,3,XX,approved,en\n", new UTF8Encoding(false), TestContext.Current.CancellationToken);
        var received = Path.Combine(folder, "received.csv");
        await File.WriteAllTextAsync(received, header
            + "Amina Mohamed,amina@example.org,female,KE,KE,University of Nairobi,natural-sciences;indigenous-and-local-knowledge,water,en;sw,lead-author,2,KE,approved,fr\n"
            + "Amina Mohamed,AMINA@example.org,female,KE,KE,University of Nairobi,natural-sciences,water,en,lead-author,2,TZ,pending,fr\n"
            + "Joao Silva,joao@example.org,male,BR,BR,Universidade de São Paulo,social-sciences,land,pt,coordinating-lead-author,3,BR,declined,es\n", new UTF8Encoding(false), TestContext.Current.CancellationToken);

        var refused = await Run("nominations", "import", id, broken);
        var imported = await Run("nominations", "import", id, received);
        var report = await Run("nominations", "report", id, "--out", Path.Combine(folder, "report.csv"));

        refused.ShouldSatisfyAllConditions(
            r => r.ExitCode.ShouldBe(1),
            r => r.Output.ShouldContain("sheet broken.csv, row 3, column C (Gender): 'man' is not female, male, other or undisclosed"),
            r => r.Output.ShouldContain("sheet broken.csv, row 3, column G (Disciplines): 'sociology' is not a discipline"),
            r => r.Output.ShouldContain("sheet broken.csv, row 3, column L (Nominated by): 'XX' is neither a country code (a government) nor a registered organisation"));
        imported.ShouldSatisfyAllConditions(r => r.ExitCode.ShouldBe(0, r.Output), r => r.Output.ShouldContain("3 row(s) read: 2 candidate(s) and 3 nomination(s) added"));
        report.ShouldSatisfyAllConditions(r => r.ExitCode.ShouldBe(0, r.Output), r => r.Output.ShouldContain("row(s) written to"));
        var lines = (await File.ReadAllTextAsync(Path.Combine(folder, "report.csv"), TestContext.Current.CancellationToken)).Split('\n');
        lines[0].ShouldStartWith("Part,Group,Received,Approved,Selected,Name");
        lines[1].ShouldStartWith("All,all candidates,2,1,0", customMessage: "Amina once, though nominated twice; Joao declined");
        lines.ShouldContain(l => l.StartsWith("Region,Africa,1,1,0", StringComparison.Ordinal));
        lines.ShouldContain(l => l.StartsWith("Discipline,Indigenous and local knowledge,1,1,0", StringComparison.Ordinal));
        lines.ShouldContain(l => l.StartsWith("Nominated by,governments,2,1,0", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private Task<(int ExitCode, string Output)> Run(params string[] arguments) =>
        ProcessRunner.RunAsync(Cli, arguments, new Dictionary<string, string?> { ["Storage__DataDirectory"] = folder }, folder, TimeSpan.FromSeconds(60));
}
