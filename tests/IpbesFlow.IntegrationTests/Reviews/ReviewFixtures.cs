using System.Text;
using IpbesFlow.Assessments;
using IpbesFlow.Identity;
using IpbesFlow.IntegrationTests.Fixtures;
using IpbesFlow.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpbesFlow.IntegrationTests.Reviews;

/// <summary>A review set up as a TSU would: the single-review deliverable's external review (experts and governments),
/// with chapters 1, 2 and the SPM; and the people who take part in it.</summary>
internal sealed class ReviewWorld(DatabaseFixture database)
{
    public const string Step = "external-review";

    public static readonly ChapterInput[] Chapters = [new("1", "Introduction"), new("2", "Status and trends"), new("SPM", "Summary for policymakers")];

    /// <summary>Text in the six UN languages (and an accent, a line break, an emoji), which must come back unchanged.</summary>
    public static readonly string[] UnTexts =
    [
        "الفقرة غير واضحة: يرجى توضيح المصطلح «التنوع البيولوجي».",
        "第12行的数据来源需要说明。",
        "The figure on page 3 lacks units.\nPlease add them.",
        "Préciser la source de la carte, s'il vous plaît — « à la ligne 5 ».",
        "Необходимо уточнить данные на рисунке 2.",
        "La tabla 4 omite los datos de América Latina 🌎.",
    ];

    public DatabaseFixture Database { get; } = database;

    public ICommentFiles Files => Database.Services.GetRequiredService<ICommentFiles>();

    public static CommentInput Comment(string chapter = "1", int page = 3, int line = 10, string text = "The figure lacks units.", int? toPage = null, int? toLine = null) =>
        new(chapter, page, line, toPage, toLine, text);

    public async Task<AssessmentView> AssessmentAsync(string title, bool approvedByPlenary = false)
    {
        var assessment = await Database.SendAsync(new CreateAssessment(
            "single-review-deliverable", title, new DateOnly(2020, 1, 6), approvedByPlenary ? new DateOnly(2021, 6, 1) : null,
            Parameters: approvedByPlenary ? new Dictionary<string, string>(StringComparer.Ordinal) { ["approved_by"] = "plenary" } : null));
        await Database.SendAsync(new ConfigureReview(assessment.Id, Step, Chapters));
        return assessment;
    }

    /// <summary>The Plenary approves the assessment: its approval step opens on its day, and the secretariat records the
    /// decision.</summary>
    public async Task ApproveAtPlenaryAsync(AssessmentView assessment, string decision = "IPBES-9/1")
    {
        var approval = assessment.Steps.Single(s => s.Id == "plenary-approval");
        Database.Clock.SetUtcNow(approval.OpensAt!.Value.AddDays(2));
        await Database.SendAsync(new AdvanceDueSteps());
        await Database.SendAsync(new ActOnStep(assessment.Id, "plenary-approval", StepAction.Complete, "approved", decision, DateOnly.FromDateTime(approval.OpensAt!.Value.UtcDateTime).AddDays(1)));
    }

    public static AssessmentStepView Review(AssessmentView assessment) => assessment.Steps.Single(s => s.Id == Step);

    public void During(AssessmentView assessment) => Database.Clock.SetUtcNow(Review(assessment).OpensAt!.Value.AddDays(3));

    public void After(AssessmentView assessment) => Database.Clock.SetUtcNow(Review(assessment).ClosesAt!.Value.AddDays(1));

    public async Task<TestActor> PersonAsync(string email, params RoleScope[] roles)
    {
        var user = await Database.SendAsync(new CreateUser(email, email[..email.IndexOf('@', StringComparison.Ordinal)].Replace('.', ' '), null, roles.Length > 0 ? roles[0] : null));
        foreach (var role in roles.Skip(1))
        {
            await Database.SendAsync(new GrantRole(user.Id, role));
        }

        return TestActor.Person(user.Id, email, roles);
    }

    /// <summary>An expert registered for every chapter of the review of <paramref name="assessment"/> (from Kenya).</summary>
    public async Task<TestActor> ExpertAsync(AssessmentView assessment, string email = "expert@example.org")
    {
        var expert = await PersonAsync(email);
        await Database.SendAsAsync(expert, new RegisterForReview(assessment.Id, Step, ReviewerType.Expert, ["1", "2", "SPM"], AcceptTerms: true, CountryCode: "KE"));
        return expert;
    }

    public Task<int> CommentCount(Guid assessmentId) => Database.QueryAsync(db => db.ReviewComments.CountAsync(c => c.AssessmentId == assessmentId));

    public Task<int> LastNumber(Guid assessmentId) => Database.QueryAsync(db => db.ReviewRounds.Where(r => r.AssessmentId == assessmentId).Select(r => r.LastCommentNumber).SingleAsync());

    public Task<byte[]> XlsxAsync(IReadOnlyList<SheetColumn> columns, params IReadOnlyList<object?>[] rows) => WriteAsync(CommentFileFormat.Xlsx, new SheetContent(CommentSheet.SheetName, columns, rows.ToAsyncEnumerable()));

    /// <summary>The compilation as <paramref name="actor"/> downloads it (the secretariat when null): the file, and its rows
    /// read back.</summary>
    public Task<(byte[] File, SheetTable Sheet)> ExportAsync(ICurrentUser? actor, Guid assessmentId, CommentFileFormat format = CommentFileFormat.Xlsx, string step = Step) =>
        Database.InScopeAsync(actor, async (sender, services) =>
        {
            var export = await sender.Send(new ExportComments(assessmentId, step));
            using var buffer = new MemoryStream();
            await services.GetRequiredService<ICommentFiles>().WriteAsync(buffer, format, export.Sheet, TestContext.Current.CancellationToken);
            var file = buffer.ToArray();
            return (file, Files.Read($"export.{format.ToString().ToLowerInvariant()}", file, CommentSheet.SheetName));
        });

    public async Task<byte[]> WriteAsync(CommentFileFormat format, SheetContent content)
    {
        using var buffer = new MemoryStream();
        await Files.WriteAsync(buffer, format, content, TestContext.Current.CancellationToken);
        return buffer.ToArray();
    }

    public static byte[] Csv(string text) => Encoding.UTF8.GetBytes(text);
}
