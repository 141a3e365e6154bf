using System.Text;
using IpbesFlow.Assessments;
using IpbesFlow.Identity;
using IpbesFlow.IntegrationTests.Fixtures;
using IpbesFlow.Nominations;

namespace IpbesFlow.IntegrationTests.Nominations;

/// <summary>A call for nominations as the secretariat runs one: the scoping workflow's call (6 weeks from 2 September
/// 2019, nominators two weeks more) and its MEP selection; focal points of Kenya, Brazil, Germany and India, and an
/// organisation's contact.</summary>
internal sealed class NominationWorld(DatabaseFixture database)
{
    public const string Call = "call-for-nominations";
    public const string Selection = "expert-selection";
    public const string Organisation = "International Union for Conservation of Nature";

    public static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    public DatabaseFixture Database { get; } = database;

    public Task<AssessmentView> AssessmentAsync(string title = "Nexus scoping") =>
        Database.SendAsync(new CreateAssessment("scoping", title, new DateOnly(2019, 9, 2)));

    public static AssessmentStepView Step(AssessmentView assessment, string id) => assessment.Steps.Single(s => s.Id == id);

    /// <summary>Moves the clock to <paramref name="at"/> and lets the steps due by then open and close.</summary>
    public async Task AtAsync(DateTimeOffset at)
    {
        Database.Clock.SetUtcNow(at);
        await Database.SendAsync(new AdvanceDueSteps());
    }

    public async Task<TestActor> PersonAsync(string email, params RoleScope[] roles)
    {
        var user = await Database.SendAsync(new CreateUser(email, email[..email.IndexOf('@', StringComparison.Ordinal)].Replace('.', ' '), null, roles.Length > 0 ? roles[0] : null));
        foreach (var role in roles.Skip(1))
        {
            await Database.SendAsync(new GrantRole(user.Id, role));
        }

        return TestActor.Person(user.Id, email, roles);
    }

    public Task<TestActor> FocalPointAsync(string country) => PersonAsync($"nfp.{country.ToLowerInvariant()}@example.org", new RoleScope(Role.NationalFocalPoint, CountryCode: country));

    public Task<TestActor> OrganisationContactAsync() => PersonAsync("contact@iucn.example.org", new RoleScope(Role.StakeholderOrganisation, Organisation: Organisation));

    public static SubmitApplication Application(
        Guid assessmentId, string name, string nationality, Gender gender = Gender.Female, Discipline[]? disciplines = null, NominationBody[]? bodies = null,
        AuthorRole[]? roles = null, string[]? chapters = null, string? language = null) =>
        new(assessmentId, Call, name, gender, nationality, nationality, "University of " + nationality, disciplines ?? [Discipline.NaturalSciences], "water, food, health",
            ["en"], roles ?? [AuthorRole.LeadAuthor], chapters ?? ["2"], bodies ?? [new NominationBody(NominatorType.Government, nationality)], language);

    /// <summary>A candidate (a new account) who applies, nominated by their government unless told otherwise.</summary>
    public async Task<(TestActor Actor, CandidateView Candidate)> CandidateAsync(
        Guid assessmentId, string email, string nationality, Gender gender = Gender.Female, Discipline[]? disciplines = null, NominationBody[]? bodies = null, string? language = null)
    {
        var actor = await PersonAsync(email);
        var candidate = await Database.SendAsAsync(actor, Application(assessmentId, email[..email.IndexOf('@', StringComparison.Ordinal)], nationality, gender, disciplines, bodies, language: language));
        return (actor, candidate);
    }

    public async Task ApproveAllAsync(TestActor body, Guid assessmentId)
    {
        var list = await Database.SendAsAsync(body, new ListCandidates(assessmentId, Call));
        foreach (var nomination in list.Candidates.SelectMany(c => c.Nominations).Where(n => n.Status == NominationStatus.Pending))
        {
            await Database.SendAsAsync(body, new DecideNomination(assessmentId, Call, nomination.Id, Approve: true));
        }
    }
}
