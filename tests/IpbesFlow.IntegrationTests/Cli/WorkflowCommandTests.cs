using System.Text.Json;
using IpbesFlow.Testing;
using Shouldly;

namespace IpbesFlow.IntegrationTests.Cli;

/// <summary>The real <c>ipbesflow workflows</c> commands on real files.</summary>
public sealed class WorkflowCommandTests : IDisposable
{
    private static readonly string Cli = RepositoryPaths.ExecutableDll("IpbesFlow.Cli", "ipbesflow");
    private readonly string folder = Directory.CreateTempSubdirectory("ipbesflow-cli-wf-").FullName;

    [Fact]
    public async Task Validate_with_no_path_checks_the_workflows_folder_and_exits_0()
    {
        var (exitCode, output) = await Run(RepositoryPaths.Root, "workflows", "validate");

        exitCode.ShouldBe(0, output);
        output.Trim().ShouldBe("4 file(s), 4 workflow(s): all valid.");
    }

    [Fact]
    public async Task Validate_prints_every_error_as_file_line_col_and_exits_1()
    {
        await File.WriteAllTextAsync(Path.Combine(folder, "broken.yaml"), """
            id: broken
            version: 1
            title: Broken
            kind: thematic
            steps:
              - {id: review, kind: review, title: Review, duration: 8 weeks, documents: [draft]}
              - {id: close, kind: milestone, title: Close, after: reveiw}
            """, TestContext.Current.CancellationToken);

        var (exitCode, output) = await Run(folder, "workflows", "validate", "broken.yaml");

        exitCode.ShouldBe(1);
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ShouldBe(
        [
            "broken.yaml:6:24: step 'review': a review needs an audience (who is invited to take part), e.g. audience: [experts, governments]",
            "broken.yaml:6:57: step 'review': bad duration '8 weeks': write a whole number of days or weeks (5d, 6w) or an int parameter with a unit (${review_weeks}w)",
            "broken.yaml:7:55: step 'close' comes after unknown step 'reveiw' (did you mean 'review'?)",
            "1 file(s): 3 error(s).",
        ]);
    }

    [Fact]
    public async Task Plan_prints_a_table_and_json_and_says_with_its_exit_code_when_there_are_conflicts()
    {
        var table = await Run(RepositoryPaths.Root, "workflows", "plan", "thematic-assessment", "--start", "2026-01-12", "--set", "fod_review_weeks=6");
        var json = await Run(RepositoryPaths.Root, "workflows", "plan", "thematic-assessment", "--start", "2026-01-12", "--format", "json");
        var conflicted = await Run(RepositoryPaths.Root, "workflows", "plan", "thematic-assessment", "--start", "2026-01-12", "--plenary", "2027-06-01");

        table.ExitCode.ShouldBe(0, table.Output);
        table.Output.ShouldContain("Plenary 2028-03-14 (earliest possible)");
        table.Output.ShouldMatch(@"fod-review\s+review\s+experts\s+\d{4}-\d\d-\d\d\s+\d{4}-\d\d-\d\d\s+42");
        json.ExitCode.ShouldBe(0, json.Output);
        using var plan = JsonDocument.Parse(json.Output);
        plan.RootElement.GetProperty("steps").GetArrayLength().ShouldBe(17);
        conflicted.ExitCode.ShouldBe(2);
        conflicted.Output.ShouldContain("Conflict: 'final-drafts' must start 2027-03-09 (12w before plenary)");
    }

    [Fact]
    public async Task Plan_with_bad_input_names_each_problem_and_exits_1()
    {
        var (exitCode, output) = await Run(RepositoryPaths.Root, "workflows", "plan", "thematic-assessment", "--start", "2026-01-12", "--set", "fod_review_weeks=9", "--fix", "sod-review=2027-03-01..2027-02-01");

        exitCode.ShouldBe(1);
        output.ShouldContain("ipbesflow: parameters.fod_review_weeks: 9 is outside 6..8.");
        output.ShouldContain("ipbesflow: fixed.sod-review.end: The end (2027-02-01) is before the start (2027-03-01).");
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static Task<(int ExitCode, string Output)> Run(string workingDirectory, params string[] arguments) =>
        ProcessRunner.RunAsync(Cli, arguments, new Dictionary<string, string?>(), workingDirectory, TimeSpan.FromSeconds(60));
}
