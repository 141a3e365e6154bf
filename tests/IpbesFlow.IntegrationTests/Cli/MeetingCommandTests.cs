using IpbesFlow.Testing;
using Shouldly;

namespace IpbesFlow.IntegrationTests.Cli;

public sealed class MeetingCommandTests : IDisposable
{
    private static readonly string Cli = RepositoryPaths.ExecutableDll("IpbesFlow.Cli", "ipbesflow");
    private readonly string folder = Directory.CreateTempSubdirectory("ipbesflow-cli-meetings-").FullName;

    [Fact]
    public async Task The_TSU_lists_a_meetings_participants_attendance_and_travel_support_and_writes_the_report()
    {
        await Run("db", "migrate");
        var created = await Run("assessments", "create", "--workflow", "thematic-assessment", "--title", "Met", "--start", "2030-01-07", "--plenary", "2033-06-01");
        var id = created.Output.Split('\n')[0].Replace("Created ", string.Empty, StringComparison.Ordinal).Trim();

        var participants = await Run("meetings", "participants", id, "first-author-meeting");
        var attendance = await Run("meetings", "attendance", id, "first-author-meeting");
        var travel = await Run("meetings", "travel", id, "first-author-meeting");
        var report = await Run("meetings", "travel", id, "first-author-meeting", "--out", Path.Combine(folder, "travel.csv"));
        var notAMeeting = await Run("meetings", "participants", id, "fod-review");

        participants.ShouldSatisfyAllConditions(r => r.ExitCode.ShouldBe(0, r.Output), r => r.Output.ShouldContain("First author meeting ("), r => r.Output.ShouldContain(", not set up"));
        attendance.ExitCode.ShouldBe(0, attendance.Output);
        travel.Output.ShouldContain("First author meeting: 0 request(s) for travel support");
        report.Output.ShouldContain("0 row(s) written to");
        (await File.ReadAllTextAsync(Path.Combine(folder, "travel.csv"), TestContext.Current.CancellationToken)).ShouldStartWith("Name,Email,Country,Economic group,Reply,Travel support,Travel note,Decided by,Attended");
        notAMeeting.ShouldSatisfyAllConditions(r => r.ExitCode.ShouldBe(1), r => r.Output.ShouldContain("fod-review (it is a review, not a meeting)"));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private Task<(int ExitCode, string Output)> Run(params string[] arguments) =>
        ProcessRunner.RunAsync(Cli, arguments, new Dictionary<string, string?> { ["Storage__DataDirectory"] = folder }, folder, TimeSpan.FromSeconds(60));
}
