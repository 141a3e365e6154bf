using System.Text;
using IpbesFlow.Testing;
using Shouldly;

namespace IpbesFlow.IntegrationTests.Cli;

public sealed class ReviewCommandTests : IDisposable
{
    private static readonly string Cli = RepositoryPaths.ExecutableDll("IpbesFlow.Cli", "ipbesflow");
    private readonly string folder = Directory.CreateTempSubdirectory("ipbesflow-cli-reviews-").FullName;

    [Fact]
    public async Task A_tsu_sets_a_review_up_imports_comments_follows_progress_and_writes_the_template_and_the_compilation()
    {
        await Run("db", "migrate");
        var created = await Run("assessments", "create", "--workflow", "single-review-deliverable", "--title", "Reviewed", "--start", "2030-01-07");
        var id = created.Output.Split('\n')[0].Replace("Created ", string.Empty, StringComparison.Ordinal).Trim();
        var received = Path.Combine(folder, "received.csv");
        await File.WriteAllTextAsync(received, "Chapter,From page,From line,To page,To line,Comment,Reviewer,Country,Organisation,Reviewer type\n1,3,10,3,12,\"Units, please.\",Government of KE,KE,,government\nSPM,2,1,,,Добавить ссылку.,Ana Souza,BR,,expert\n", new UTF8Encoding(false), TestContext.Current.CancellationToken);

        var configured = await Run("reviews", "configure", id, "external-review", "--chapter", "1=Introduction", "--chapter", "SPM=Summary for policymakers");
        var badChapter = await Run("reviews", "configure", id, "external-review", "--chapter", "Introduction");
        var imported = await Run("reviews", "import", id, "external-review", received);
        var again = await Run("reviews", "import", id, "external-review", received);
        var progress = await Run("reviews", "progress", id, "external-review");
        var template = await Run("reviews", "template", id, "external-review", "--out", Path.Combine(folder, "template.xlsx"));
        var export = await Run("reviews", "export", id, "external-review", "--out", Path.Combine(folder, "compilation.csv"));

        configured.ShouldSatisfyAllConditions(r => r.ExitCode.ShouldBe(0, r.Output), r => r.Output.ShouldContain("external-review: 2030-08-19 00:00Z to 2030-10-14 00:00Z, chapters 1, SPM, comments up to 5000 characters"));
        badChapter.ShouldSatisfyAllConditions(r => r.ExitCode.ShouldBe(1), r => r.Output.ShouldContain("ipbesflow: chapter[0]: 'Introduction' is not code=title"));
        imported.Output.ShouldContain("2 comment(s) taken, numbers 1-2");
        again.Output.ShouldContain("received.csv was taken before: 2 comment(s), numbers 1-2; nothing added");
        progress.Output.ShouldContain("external-review: 0 registration(s), 2 comment(s), 0 answered (0 %)");
        progress.Output.ShouldContain("by reviewer type: expert 1 (0 answered), government 1 (0 answered), organisation 0 (0 answered)");
        template.Output.ShouldContain("0 row(s) written to");
        File.Exists(Path.Combine(folder, "template.xlsx")).ShouldBeTrue();
        export.Output.ShouldContain("2 row(s) written to");
        var lines = (await File.ReadAllTextAsync(Path.Combine(folder, "compilation.csv"), TestContext.Current.CancellationToken)).Split('\n');
        lines[1].ShouldBe("1,1,3,10,3,12,\"Units, please.\",Government of KE,KE,,government,,,\r", "no response and no erratum");
        lines[2].ShouldStartWith("2,SPM,2,1,2,1,Добавить ссылку.,Ana Souza,BR,,expert");
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private Task<(int ExitCode, string Output)> Run(params string[] arguments) =>
        ProcessRunner.RunAsync(Cli, arguments, new Dictionary<string, string?> { ["Storage__DataDirectory"] = folder }, folder, TimeSpan.FromSeconds(60));
}
