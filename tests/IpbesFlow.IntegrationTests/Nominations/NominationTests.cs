using IpbesFlow.Assessments;
using IpbesFlow.Common;
using IpbesFlow.Identity;
using IpbesFlow.IntegrationTests.Fixtures;
using IpbesFlow.Nominations;
using Microsoft.EntityFrameworkCore;
using Shouldly;

namespace IpbesFlow.IntegrationTests.Nominations;

/// <summary>A call for nominations on both databases: candidates from several regions apply, each nominating body sees
/// and decides its own nominations only, until the nominators' deadline, and the MEP sees the approved candidates.</summary>
public abstract class NominationTests<TDatabase>(TDatabase database) : DatabaseTest<TDatabase>(database)
    where TDatabase : DatabaseFixture
{
    private NominationWorld World => new(Database);

    [Fact]
    public async Task Candidates_apply_while_the_call_is_open_and_bodies_decide_their_own_nominations_until_the_nominators_deadline()
    {
        var assessment = await World.AssessmentAsync();
        var other = await World.AssessmentAsync("Another scoping");
        var call = NominationWorld.Step(assessment, NominationWorld.Call);
        await World.AtAsync(call.OpensAt!.Value.AddDays(1));
        var kenya = await World.FocalPointAsync("KE");
        var brazil = await World.FocalPointAsync("BR");
        var iucn = await World.OrganisationContactAsync();
        var mep = await World.PersonAsync("mep@example.org", new RoleScope(Role.MepMember));
        var stranger = await World.PersonAsync("stranger@example.org");

        var both = new[] { new NominationBody(NominatorType.Government, "ke"), new NominationBody(NominatorType.Organisation, Organisation: "international union for conservation of nature") };
        var (amina, first) = await World.CandidateAsync(assessment.Id, "amina@example.org", "KE", bodies: both);
        var again = await Database.SendAsAsync(amina, NominationWorld.Application(assessment.Id, "Amina Mohamed", "KE", bodies: both, chapters: ["2", "3"]));
        var (joao, _) = await World.CandidateAsync(assessment.Id, "joao@example.org", "BR", Gender.Male);
        await World.CandidateAsync(assessment.Id, "anna@example.org", "DE");
        var unknownBody = await Should.ThrowAsync<ValidationFailedException>(() => Database.SendAsAsync(stranger,
            NominationWorld.Application(assessment.Id, "Stranger", "FR", bodies: [new NominationBody(NominatorType.Organisation, Organisation: "Nobody Inc.")])));
        var badCountry = await Should.ThrowAsync<ValidationFailedException>(() => Database.SendAsAsync(stranger, NominationWorld.Application(assessment.Id, "Stranger", "XX")));
        var tooLong = await Should.ThrowAsync<ValidationFailedException>(() => Database.SendAsAsync(stranger,
            NominationWorld.Application(assessment.Id, "Stranger", "FR") with { Chapters = [.. Enumerable.Range(1, 200).Select(i => $"C{i}")] }));

        var notPdf = await Should.ThrowAsync<ValidationFailedException>(() => Database.SendAsAsync(amina, new AttachCv(assessment.Id, NominationWorld.Call, "cv.docx", [0x50, 0x4B, 3, 4])));
        var tooLarge = await Should.ThrowAsync<ValidationFailedException>(() => Database.SendAsAsync(amina,
            new AttachCv(assessment.Id, NominationWorld.Call, "cv.pdf", [.. NominationWorld.Pdf, .. new byte[CandidateCv.MaxBytes]])));
        var withCv = await Database.SendAsAsync(amina, new AttachCv(assessment.Id, NominationWorld.Call, "amina-cv.pdf", NominationWorld.Pdf));

        (first.Id, again.Id).ShouldBe((first.Id, first.Id), "applying again updates the application");
        again.Chapters.ShouldBe(["2", "3"]);
        again.Nominations.Select(n => n.Body).ShouldBe(["Government of KE", NominationWorld.Organisation], ignoreOrder: true);
        again.NominatedSeveralTimes.ShouldBeTrue();
        (again.Region, again.Economy).ShouldBe((UnRegion.Africa, EconomyGroup.Developing));
        unknownBody.Errors.Single().Field.ShouldBe("bodies");
        badCountry.Errors.Select(e => e.Field).ShouldContain("nationality");
        tooLong.Errors.Single().ShouldSatisfyAllConditions(e => e.Field.ShouldBe("chapters"), e => e.Message.ShouldContain("at most 500 are kept"));
        notPdf.Errors.Single().ShouldSatisfyAllConditions(e => e.Field.ShouldBe("cv"), e => e.Message.ShouldBe("'cv.docx' is not a PDF: send your CV as a PDF file."));
        tooLarge.Errors.Single().Message.ShouldContain("the limit is 5 MB");
        withCv.CvFileName.ShouldBe("amina-cv.pdf");
        (await Database.QueryAsync(db => db.Candidates.CountAsync(c => c.AssessmentId == assessment.Id))).ShouldBe(3);

        // Each body sees its own nominations only; another body's real id is not found, another assessment's neither.
        var kenyan = await Database.SendAsAsync(kenya, new ListCandidates(assessment.Id, NominationWorld.Call));
        var byIucn = await Database.SendAsAsync(iucn, new ListCandidates(assessment.Id, NominationWorld.Call));
        var brazilian = await Database.SendAsAsync(brazil, new ListCandidates(assessment.Id, NominationWorld.Call));
        kenyan.Candidates.Select(c => c.FullName).ShouldBe(["Amina Mohamed"]);
        kenyan.Candidates.Single().Nominations.Select(n => n.Body).ShouldBe(["Government of KE"], "a body sees its own nomination, not the other body's");
        kenyan.Candidates.Single().Outcome.ShouldBeNull();
        byIucn.Candidates.Select(c => c.FullName).ShouldBe(["Amina Mohamed"]);
        brazilian.Candidates.Select(c => c.FullName).ShouldBe(["joao"]);
        var kenyasNomination = kenyan.Candidates.Single().Nominations.Single().Id;
        await Should.ThrowAsync<NotFoundException>(() => Database.SendAsAsync(brazil, new DecideNomination(assessment.Id, NominationWorld.Call, kenyasNomination, true)));
        await Should.ThrowAsync<NotFoundException>(() => Database.SendAsAsync(kenya, new DecideNomination(other.Id, NominationWorld.Call, kenyasNomination, true)));
        await Should.ThrowAsync<ForbiddenException>(() => Database.SendAsAsync(joao, new ListCandidates(assessment.Id, NominationWorld.Call)));
        await Should.ThrowAsync<NotFoundException>(() => Database.SendAsAsync(brazil, new GetCv(assessment.Id, first.Id)));
        await Should.ThrowAsync<NotFoundException>(() => Database.SendAsAsync(joao, new GetCv(assessment.Id, first.Id)));
        (await Database.SendAsAsync(kenya, new GetCv(assessment.Id, first.Id))).FileName.ShouldBe("amina-cv.pdf");
        (await Database.SendAsAsync(mep, new ListCandidates(assessment.Id, NominationWorld.Call))).Candidates.Count.ShouldBe(3);

        // The call closes: no more applications; bodies approve until its close plus two weeks, not after.
        await World.AtAsync(call.ClosesAt!.Value.AddDays(3));
        var late = await Should.ThrowAsync<ConflictException>(() => Database.SendAsAsync(stranger, NominationWorld.Application(assessment.Id, "Late", "FR")));
        late.Message.ShouldBe($"Call {NominationWorld.Call} closed at {call.ClosesAt:yyyy-MM-dd'T'HH:mm:ss}Z; applications are no longer taken.");
        var approved = await Database.SendAsAsync(kenya, new DecideNomination(assessment.Id, NominationWorld.Call, kenyasNomination, true, "Strong record on water."));
        approved.Status.ShouldBe(NominationStatus.Approved);
        var deadline = call.ClosesAt!.Value.AddDays(14);
        await World.AtAsync(deadline);
        var brazils = brazilian.Candidates.Single().Nominations.Single().Id;
        var refused = await Should.ThrowAsync<ConflictException>(() => Database.SendAsAsync(brazil, new DecideNomination(assessment.Id, NominationWorld.Call, brazils, true)));
        refused.Message.ShouldBe($"Nominations were to be approved or declined by {deadline:yyyy-MM-dd'T'HH:mm:ss}Z; the nominators' deadline has passed.");

        // The MEP sees the approved candidates only: Amina (approved by Kenya; still pending with IUCN), not Joao or Anna.
        var board = await Database.SendAsAsync(mep, new GetSelectionBoard(assessment.Id, NominationWorld.Selection));
        board.Candidates.Select(c => c.FullName).ShouldBe(["Amina Mohamed"]);
        board.Candidates.Single().Nominations.Select(n => n.Body).ShouldBe(["Government of KE"]);
        await Should.ThrowAsync<ForbiddenException>(() => Database.SendAsAsync(kenya, new GetSelectionBoard(assessment.Id, NominationWorld.Selection)));
        var journal = await Database.SendAsync(new GetJournal(assessment.Id));
        journal.Count(j => j.Action == "nomination.applied").ShouldBe(3);
        journal.Single(j => j.Action == "nomination.decided").NewValue.ShouldBe("Amina Mohamed by Government of KE: approved");
    }
}

[Collection(nameof(SqliteCollection))]
public sealed class NominationTests_on_Sqlite(SqliteDatabase database) : NominationTests<SqliteDatabase>(database);

[Collection(nameof(PostgresCollection))]
public sealed class NominationTests_on_Postgres(PostgresDatabase database) : NominationTests<PostgresDatabase>(database);
