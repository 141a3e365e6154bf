using IpbesFlow.Assessments;
using IpbesFlow.Common;
using IpbesFlow.Identity;
using IpbesFlow.IntegrationTests.Fixtures;
using IpbesFlow.Reviews;
using Microsoft.EntityFrameworkCore;
using Shouldly;

namespace IpbesFlow.IntegrationTests.Reviews;

/// <summary>What the Plenary's approval publishes, and who records it: only the reviews the definition publishes (the
/// external ones, never the internal review of the zero-order draft), only once the secretariat has recorded the
/// Plenary's decision, and a revised response keeps what it replaced.</summary>
public abstract class PublicationTests<TDatabase>(TDatabase database) : DatabaseTest<TDatabase>(database)
    where TDatabase : DatabaseFixture
{
    private ReviewWorld World => new(Database);

    private static readonly ChapterInput[] Chapters = [new("1", "Introduction"), new("2", "Status and trends")];

    [Fact]
    public async Task The_plenary_approval_publishes_the_external_reviews_and_never_the_internal_one()
    {
        var assessment = await Database.SendAsync(new CreateAssessment("thematic-assessment", "Thematic", new DateOnly(2019, 1, 7)));
        var internalReview = Step(assessment, "zod-internal-review");
        var externalReview = Step(assessment, "fod-review");
        await Database.SendAsync(new ConfigureReview(assessment.Id, internalReview.Id, Chapters));
        await Database.SendAsync(new ConfigureReview(assessment.Id, externalReview.Id, Chapters));
        var author = await World.PersonAsync("author@example.org", new RoleScope(Role.Author, assessment.Id, AuthorRole.LeadAuthor, Chapter: "1"));
        var expert = await World.PersonAsync("expert@example.org");

        Database.Clock.SetUtcNow(internalReview.OpensAt!.Value.AddDays(1));
        await Database.SendAsAsync(author, new RegisterForReview(assessment.Id, internalReview.Id, ReviewerType.Expert, ["1"], AcceptTerms: true, CountryCode: "DE"));
        await Database.SendAsAsync(author, new SubmitComments(assessment.Id, internalReview.Id, [ReviewWorld.Comment(text: "Internal remark.")]));
        Database.Clock.SetUtcNow(externalReview.OpensAt!.Value.AddDays(1));
        await Database.SendAsAsync(expert, new RegisterForReview(assessment.Id, externalReview.Id, ReviewerType.Expert, ["1"], AcceptTerms: true, CountryCode: "KE"));
        await Database.SendAsAsync(expert, new SubmitComments(assessment.Id, externalReview.Id, [ReviewWorld.Comment(text: "External remark.")]));

        var tsu = await World.PersonAsync("tsu@example.org", new RoleScope(Role.TsuMember, assessment.Id));
        var approval = Step(assessment, "plenary-approval");
        Database.Clock.SetUtcNow(approval.OpensAt!.Value.AddDays(1));
        await Database.SendAsync(new AdvanceDueSteps());
        var decidedOn = DateOnly.FromDateTime(approval.OpensAt!.Value.UtcDateTime);
        var byTsu = await Should.ThrowAsync<ForbiddenException>(() => Database.SendAsAsync(tsu, new ActOnStep(assessment.Id, approval.Id, StepAction.Complete, null, "IPBES-9/1", decidedOn)));
        var malformed = await Should.ThrowAsync<ValidationFailedException>(() => Database.SendAsync(new ActOnStep(assessment.Id, approval.Id, StepAction.Complete, null, "decision 1", decidedOn)));
        await Should.ThrowAsync<ForbiddenException>(() => World.ExportAsync(TestActor.Anonymous, assessment.Id, step: externalReview.Id));
        await Database.SendAsync(new ActOnStep(assessment.Id, approval.Id, StepAction.Complete, "approved at its ninth session", "IPBES-9/1", decidedOn));

        byTsu.Message.ShouldBe("'plenary-approval' is the Plenary's: the secretariat records it, with the Plenary's decision.");
        malformed.Errors.Single().Field.ShouldBe("decision");
        var published = await World.ExportAsync(TestActor.Anonymous, assessment.Id, step: externalReview.Id);
        published.Sheet.Rows.Single().Cells[6].ShouldBe("External remark.");
        (await Should.ThrowAsync<ForbiddenException>(() => World.ExportAsync(TestActor.Anonymous, assessment.Id, step: internalReview.Id)))
            .Message.ShouldBe("Review zod-internal-review is internal: its comments and responses are not published.");
        (await World.ExportAsync(author, assessment.Id, step: internalReview.Id)).Sheet.Rows.Count.ShouldBe(1, "its authors read it still");
        var journal = await Database.SendAsync(new GetJournal(assessment.Id));
        journal.Single(j => j.Action == "step.complete" && j.Step == approval.Id).Details.ShouldBe($"decision IPBES-9/1 of {decidedOn:yyyy-MM-dd}; approved at its ninth session; notification queued: completed");
        (await Database.SendAsync(new GetAssessment(assessment.Id))).Steps.Single(s => s.Id == approval.Id).State.ShouldBe(StepState.Completed);
    }

    [Fact]
    public async Task A_revised_response_keeps_the_earlier_one_in_its_history()
    {
        var assessment = await World.AssessmentAsync("Revised");
        World.During(assessment);
        var expert = await World.ExpertAsync(assessment);
        await Database.SendAsAsync(expert, new SubmitComments(assessment.Id, ReviewWorld.Step, [ReviewWorld.Comment()]));
        World.After(assessment);
        var author = await World.PersonAsync("author@example.org", new RoleScope(Role.Author, assessment.Id, AuthorRole.LeadAuthor, Chapter: "1"));

        await Database.SendAsAsync(author, new RespondToComment(assessment.Id, ReviewWorld.Step, 1, ResponseStatus.Noted, "Noted for the next draft."));
        var revised = await Database.SendAsAsync(author, new RespondToComment(assessment.Id, ReviewWorld.Step, 1, ResponseStatus.Accepted, "Units added to the figure."));

        (revised.ResponseStatus, revised.ResponseText).ShouldBe((ResponseStatus.Accepted, "Units added to the figure."));
        revised.EarlierResponses.Select(e => (e.Status, e.Text, e.RespondedBy)).ShouldBe([(ResponseStatus.Noted, "Noted for the next draft.", "author@example.org")]);
        var listed = (await Database.SendAsync(new ListComments(assessment.Id, ReviewWorld.Step))).Single();
        listed.EarlierResponses.Single().Text.ShouldBe("Noted for the next draft.");
    }

    [Fact]
    public async Task The_journal_the_audit_log_and_earlier_responses_refuse_changes_in_the_database_itself()
    {
        var assessment = await World.AssessmentAsync("Append-only");
        World.During(assessment);
        var expert = await World.ExpertAsync(assessment);
        await Database.SendAsAsync(expert, new SubmitComments(assessment.Id, ReviewWorld.Step, [ReviewWorld.Comment()]));
        World.After(assessment);
        await Database.SendAsync(new RespondToComment(assessment.Id, ReviewWorld.Step, 1, ResponseStatus.Noted, "First."));
        await Database.SendAsync(new RespondToComment(assessment.Id, ReviewWorld.Step, 1, ResponseStatus.Accepted, "Second."));

        var refusals = new List<string>();
        foreach (var statement in new[]
        {
            "UPDATE journal_entries SET actor = 'someone else'",
            "DELETE FROM journal_entries",
            "UPDATE audit_entries SET actor = 'someone else'",
            "DELETE FROM audit_entries",
            "UPDATE earlier_responses SET text = 'rewritten'",
            "DELETE FROM earlier_responses",
        })
        {
            var refused = await Should.ThrowAsync<Exception>(() => Database.QueryAsync(db => db.Database.ExecuteSqlRawAsync(statement)), statement);
            refusals.Add(refused.Message);
        }

        refusals.ShouldAllBe(m => m.Contains("is append-only: its rows cannot be changed or deleted", StringComparison.Ordinal));
        (await Database.QueryAsync(db => db.JournalEntries.CountAsync(j => j.AssessmentId == assessment.Id))).ShouldBeGreaterThan(0);
        (await Database.QueryAsync(db => db.EarlierResponses.CountAsync())).ShouldBe(1);
    }

    private static AssessmentStepView Step(AssessmentView assessment, string id) => assessment.Steps.Single(s => s.Id == id);
}

[Collection(nameof(SqliteCollection))]
public sealed class PublicationTests_on_Sqlite(SqliteDatabase database) : PublicationTests<SqliteDatabase>(database);

[Collection(nameof(PostgresCollection))]
public sealed class PublicationTests_on_Postgres(PostgresDatabase database) : PublicationTests<PostgresDatabase>(database);
