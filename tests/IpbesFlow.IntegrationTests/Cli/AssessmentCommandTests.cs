using IpbesFlow.Testing;
using Shouldly;

namespace IpbesFlow.IntegrationTests.Cli;

public sealed class AssessmentCommandTests : IDisposable
{
    private static readonly string Cli = RepositoryPaths.ExecutableDll("IpbesFlow.Cli", "ipbesflow");
    private readonly string folder = Directory.CreateTempSubdirectory("ipbesflow-cli-assessments-").FullName;

    [Fact]
    public async Task Create_list_and_show_an_assessment()
    {
        await Run("db", "migrate");
        var created = await Run("assessments", "create", "--workflow", "scoping", "--title", "Nexus scoping", "--start", "2019-06-03", "--set", "second_review=true", "--fix", "scoping-meeting=2020-03-23..2020-04-03");
        var id = created.Output.Split('\n')[0].Replace("Created ", string.Empty, StringComparison.Ordinal).Trim();
        var list = await Run("assessments", "list");
        var show = await Run("assessments", "show", id);
        var conflicted = await Run("assessments", "create", "--workflow", "thematic-assessment", "--title", "Too soon", "--start", "2026-01-12", "--plenary", "2027-06-01");

        created.ExitCode.ShouldBe(0, created.Output);
        Guid.TryParse(id, out _).ShouldBeTrue(created.Output);
        list.Output.ShouldContain($"{id}  scoping v1  start 2019-06-03");
        show.ExitCode.ShouldBe(0, show.Output);
        show.Output.ShouldMatch(@"scoping-meeting \(fixed\)\s+meeting\s+scheduled\s+2020-03-23\s+2020-04-03");
        show.Output.ShouldMatch(@"second-scoping-report-review\s+review\s+scheduled");
        conflicted.ExitCode.ShouldBe(1);
        conflicted.Output.ShouldContain("ipbesflow: The schedule has conflicts: 'final-drafts' must start 2027-03-09");
    }

    [Fact]
    public async Task Act_reschedule_and_read_the_journal_from_the_command_line()
    {
        await Run("db", "migrate");
        var created = await Run("assessments", "create", "--workflow", "single-review-deliverable", "--title", "Operated", "--start", "2030-01-07");
        var id = created.Output.Split('\n')[0].Replace("Created ", string.Empty, StringComparison.Ordinal).Trim();

        var early = await Run("assessments", "act", id, "drafting", "complete");
        var started = await Run("assessments", "act", id, "drafting", "start", "--note", "the group began early");
        var completed = await Run("assessments", "act", id, "drafting", "complete", "--note", "draft delivered");
        var again = await Run("assessments", "act", id, "drafting", "complete");
        var unexplained = await Run("assessments", "act", id, "revision", "skip");
        var moved = await Run("assessments", "reschedule", id, "external-review", "--start", "2030-09-02", "--reason", "translations late");
        var badDate = await Run("assessments", "reschedule", id, "external-review", "--start", "2 Sept", "--reason", "x");
        var journal = await Run("assessments", "journal", id);

        early.ShouldSatisfyAllConditions(r => r.ExitCode.ShouldBe(1), r => r.Output.ShouldContain("ipbesflow: Step 'drafting' has not opened yet (it opens 2030-03-04 00:00Z)"));
        started.ShouldSatisfyAllConditions(r => r.ExitCode.ShouldBe(0, r.Output), r => r.Output.ShouldContain("drafting: open"));
        completed.ShouldSatisfyAllConditions(r => r.ExitCode.ShouldBe(0, r.Output), r => r.Output.ShouldContain("drafting: completed"));
        again.ShouldSatisfyAllConditions(r => r.ExitCode.ShouldBe(1), r => r.Output.ShouldContain("ipbesflow: Step 'drafting' is already completed (since "));
        unexplained.ShouldSatisfyAllConditions(r => r.ExitCode.ShouldBe(1), r => r.Output.ShouldContain("ipbesflow: note: Say why the step is to be skipped."));
        moved.ShouldSatisfyAllConditions(r => r.ExitCode.ShouldBe(0, r.Output), r => r.Output.ShouldMatch(@"external-review \(fixed\)\s+review\s+scheduled\s+2030-09-02\s+2030-10-27"));
        badDate.ShouldSatisfyAllConditions(r => r.ExitCode.ShouldBe(1), r => r.Output.ShouldContain("ipbesflow: start: '2 Sept' is not a date (yyyy-mm-dd)."));
        journal.Output.ShouldMatch(@"step\.start\s+drafting\s+scheduled -> open  \(the group began early\)");
        journal.Output.ShouldMatch(@"step\.complete\s+drafting\s+open -> completed  \(draft delivered\)");
        journal.Output.ShouldMatch(@"step\.rescheduled\s+external-review\s+\S+ -> 2030-09-02\.\.2030-10-27  \(translations late\)");
        journal.Output.ShouldContain("(translations late; notification queued: schedule-changed)");
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private Task<(int ExitCode, string Output)> Run(params string[] arguments) =>
        ProcessRunner.RunAsync(Cli, arguments, new Dictionary<string, string?> { ["Storage__DataDirectory"] = folder }, folder, TimeSpan.FromSeconds(60));
}
