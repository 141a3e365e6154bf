using IpbesFlow.Assessments;
using IpbesFlow.Common;
using IpbesFlow.Identity;
using IpbesFlow.IntegrationTests.Fixtures;
using IpbesFlow.Nominations;
using Microsoft.EntityFrameworkCore;
using Shouldly;

namespace IpbesFlow.IntegrationTests.Nominations;

/// <summary>The MEP's selection on both databases: decisions and the live balance, the organisations' rule and the
/// chair's override, and a completion that grants roles and queues every result in one transaction (or nothing).</summary>
public abstract class SelectionTests<TDatabase>(TDatabase database) : DatabaseTest<TDatabase>(database)
    where TDatabase : DatabaseFixture
{
    private NominationWorld World => new(Database);

    private sealed record Scene(AssessmentView Assessment, TestActor Mep, TestActor Chair, TestActor Kenya, TestActor Iucn, Dictionary<string, Guid> Candidates);

    // Four approved candidates from three regions: Amina (KE, nominated by Kenya and IUCN), Joao (BR), Mei (CN) and
    // Olu (NG, by IUCN only); the selection open.
    private async Task<Scene> SceneAsync()
    {
        var assessment = await World.AssessmentAsync();
        var call = NominationWorld.Step(assessment, NominationWorld.Call);
        await World.AtAsync(call.OpensAt!.Value.AddDays(1));
        var kenya = await World.FocalPointAsync("KE");
        var brazil = await World.FocalPointAsync("BR");
        var china = await World.FocalPointAsync("CN");
        var iucn = await World.OrganisationContactAsync();
        var mep = await World.PersonAsync("mep@example.org", new RoleScope(Role.MepMember));
        var chair = await World.PersonAsync("chair@example.org", new RoleScope(Role.MepMember), new RoleScope(Role.MepChair));
        var byIucn = new NominationBody(NominatorType.Organisation, Organisation: NominationWorld.Organisation);
        var ids = new Dictionary<string, Guid>(StringComparer.Ordinal)
        {
            ["amina"] = (await World.CandidateAsync(assessment.Id, "amina@example.org", "KE", disciplines: [Discipline.IndigenousAndLocalKnowledge],
                bodies: [new NominationBody(NominatorType.Government, "KE"), byIucn], language: "fr")).Candidate.Id,
            ["joao"] = (await World.CandidateAsync(assessment.Id, "joao@example.org", "BR", Gender.Male, [Discipline.SocialSciences], language: "es")).Candidate.Id,
            ["mei"] = (await World.CandidateAsync(assessment.Id, "mei@example.org", "CN", disciplines: [Discipline.NaturalSciences, Discipline.Humanities])).Candidate.Id,
            ["olu"] = (await World.CandidateAsync(assessment.Id, "olu@example.org", "NG", Gender.Male, [Discipline.PolicyAndPractice], [byIucn])).Candidate.Id,
        };
        foreach (var body in new[] { kenya, brazil, china, iucn })
        {
            await World.ApproveAllAsync(body, assessment.Id);
        }

        await World.AtAsync(NominationWorld.Step(assessment, NominationWorld.Selection).OpensAt!.Value.AddDays(1));
        return new Scene(assessment, mep, chair, kenya, iucn, ids);
    }

    private Task<CandidateDecision> DecideAsync(Scene scene, string who, SelectionOutcome outcome, AuthorRole? role = null, string? chapter = null) =>
        Database.SendAsAsync(scene.Mep, new DecideCandidate(scene.Assessment.Id, NominationWorld.Selection, scene.Candidates[who], outcome, role, chapter, $"decided {who}"));

    [Fact]
    public async Task The_board_shows_the_balance_live_and_completing_against_the_organisations_rule_needs_the_chairs_reason()
    {
        var scene = await SceneAsync();
        await DecideAsync(scene, "amina", SelectionOutcome.Selected, AuthorRole.CoordinatingLeadAuthor, "2");
        var second = await DecideAsync(scene, "olu", SelectionOutcome.Selected, AuthorRole.LeadAuthor, "3");
        var noChapter = await Should.ThrowAsync<ValidationFailedException>(() => DecideAsync(scene, "mei", SelectionOutcome.Selected, AuthorRole.LeadAuthor));
        var byBody = await Should.ThrowAsync<NotFoundException>(() => Database.SendAsAsync(scene.Kenya,
            new DecideCandidate(scene.Assessment.Id, NominationWorld.Selection, scene.Candidates["amina"], SelectionOutcome.Selected, AuthorRole.CoChair)));
        var board = await Database.SendAsAsync(scene.Mep, new GetSelectionBoard(scene.Assessment.Id, NominationWorld.Selection, Region: UnRegion.Africa));

        noChapter.Errors.Single().Field.ShouldBe("chapter");
        byBody.ShouldNotBeNull();
        second.Balance.ShouldSatisfyAllConditions(
            b => (b.Selected, b.ByGovernments, b.ByOrganisations).ShouldBe((2, 1, 1), "Amina counts as the government's: Kenya nominated her too"),
            b => b.BreaksOrganisationRule.ShouldBeTrue(),
            b => b.Regions.Single(r => r.Key == "africa").ShouldSatisfyAllConditions(r => (r.Count, r.Share).ShouldBe((2, 1.0))),
            b => b.Warnings.ShouldContain("1 of the 2 selected experts (50%) were nominated by organisations; at most 20 % may be, the rest by governments."),
            b => b.Warnings.ShouldContain("No expert from Asia-Pacific is selected."),
            b => b.Warnings.ShouldContain("No expert in humanities is selected."));
        board.Candidates.Select(c => c.FullName).ShouldBe(["amina", "olu"]);
        board.Candidates.Single(c => c.FullName == "amina").ShouldSatisfyAllConditions(
            c => c.NominatedSeveralTimes.ShouldBeTrue(), c => (c.Outcome, c.SelectedRole, c.SelectedChapter).ShouldBe((SelectionOutcome.Selected, AuthorRole.CoordinatingLeadAuthor, "2")));
        board.Approved.ShouldBe(4);
        (board.MayDecide, board.MayOverride).ShouldBe((true, false), "only the MEP chair overrides the rule");
        (await Database.SendAsAsync(scene.Chair, new GetSelectionBoard(scene.Assessment.Id, NominationWorld.Selection))).MayOverride.ShouldBeTrue();

        var refused = await Should.ThrowAsync<ConflictException>(() => Database.SendAsAsync(scene.Mep, new ActOnStep(scene.Assessment.Id, NominationWorld.Selection, StepAction.Complete)));
        var notChair = await Should.ThrowAsync<ForbiddenException>(() => Database.SendAsAsync(scene.Mep,
            new ActOnStep(scene.Assessment.Id, NominationWorld.Selection, StepAction.Complete, "override", OverrideSelectionRule: true)));
        var noReason = await Should.ThrowAsync<ValidationFailedException>(() => Database.SendAsAsync(scene.Chair,
            new ActOnStep(scene.Assessment.Id, NominationWorld.Selection, StepAction.Complete, OverrideSelectionRule: true)));
        refused.Message.ShouldStartWith("The selection breaks its rule: 1 of the 2 selected experts (50%) were nominated by organisations");
        notChair.Message.ShouldBe("Only the MEP chair completes a selection that breaks its rule on organisations' nominations.");
        noReason.Errors.Single().Field.ShouldBe("note");
        (await Database.QueryAsync(db => db.Candidates.CountAsync(c => c.ResultAt != null))).ShouldBe(0, "a refused completion leaves nothing done");

        var completed = await Database.SendAsAsync(scene.Chair, new ActOnStep(scene.Assessment.Id, NominationWorld.Selection, StepAction.Complete,
            "Only two experts at this stage; the gap-filling call adds government nominees.", OverrideSelectionRule: true));
        completed.State.ShouldBe(StepState.Completed);
        var journal = await Database.SendAsync(new GetJournal(scene.Assessment.Id));
        journal.Single(j => j.Action == "selection.rule-overridden").ShouldSatisfyAllConditions(
            j => j.Actor.ShouldBe("chair@example.org"), j => j.Details.ShouldBe("Only two experts at this stage; the gap-filling call adds government nominees."));
        journal.Single(j => j.Action == "selection.results").NewValue.ShouldBe("2 selected, 0 reserve, 2 not selected");
    }

    [Fact]
    public async Task Completion_grants_roles_and_queues_every_result_in_the_candidates_languages()
    {
        var scene = await SceneAsync();
        await DecideAsync(scene, "amina", SelectionOutcome.Selected, AuthorRole.CoordinatingLeadAuthor, "2");
        await DecideAsync(scene, "joao", SelectionOutcome.Reserve);
        await DecideAsync(scene, "mei", SelectionOutcome.Selected, AuthorRole.ReviewEditor, "3");

        await Database.SendAsAsync(scene.Mep, new ActOnStep(scene.Assessment.Id, NominationWorld.Selection, StepAction.Complete, "Selection agreed at MEP-12."));
        while (await Database.Dispatcher().RunOnceAsync(TestContext.Current.CancellationToken) > 0)
        {
        }

        var roles = await Database.QueryAsync(db => db.RoleAssignments.AsNoTracking().Where(r => r.AssessmentId == scene.Assessment.Id && r.Role == Role.Author)
            .Join(db.Users, r => r.UserId, u => u.Id, (r, u) => new { u.Email, r.AuthorRole, r.Chapter }).OrderBy(x => x.Email).ToListAsync());
        roles.Select(r => (r.Email, r.AuthorRole, r.Chapter)).ShouldBe([("amina@example.org", AuthorRole.CoordinatingLeadAuthor, "2"), ("mei@example.org", AuthorRole.ReviewEditor, "3")]);
        var mail = await Database.QueryAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.AssessmentId == scene.Assessment.Id).OrderBy(m => m.ToAddress).ThenBy(m => m.Kind).ToListAsync());
        var results = mail.Where(m => m.Kind.StartsWith("selection-", StringComparison.Ordinal) && m.Kind != "selection-results").Select(m => (m.ToAddress, m.Kind, m.Language)).ToList();
        results.ShouldBe([
            ("amina@example.org", "selection-selected", "fr"), ("joao@example.org", "selection-reserve", "es"),
            ("mei@example.org", "selection-selected", "en"), ("olu@example.org", "selection-not-selected", "en")]);
        mail.Single(m => m.ToAddress == "amina@example.org" && m.Kind == "selection-selected").TextBody.ShouldContain("coordinating-lead-author");
        var toIucn = mail.Single(m => m.ToAddress == "contact@iucn.example.org" && m.Kind == "nominees-outcomes");
        toIucn.TextBody.ShouldContain("- amina: selected (coordinating-lead-author, chapter 2)");
        toIucn.TextBody.ShouldContain("- olu: not-selected");
        toIucn.TextBody.ShouldNotContain("joao", Case.Insensitive);
        mail.Single(m => m.ToAddress == "nfp.ke@example.org" && m.Kind == "nominees-outcomes").TextBody.ShouldNotContain("olu");

        // The outcome is final: no decision or application changes it.
        await Should.ThrowAsync<ConflictException>(() => DecideAsync(scene, "olu", SelectionOutcome.Selected, AuthorRole.LeadAuthor, "1"));

        // Later, Amina resigns and the TSU invites Joao, from the reserve list, in her place.
        var tsu = await World.PersonAsync("tsu@example.org", new RoleScope(Role.TsuMember, scene.Assessment.Id));
        await Should.ThrowAsync<ForbiddenException>(() => Database.SendAsAsync(scene.Kenya,
            new ReplaceExpert(scene.Assessment.Id, NominationWorld.Selection, scene.Candidates["amina"], scene.Candidates["joao"], "resigned")));
        var joao = await Database.SendAsAsync(tsu, new ReplaceExpert(scene.Assessment.Id, NominationWorld.Selection, scene.Candidates["amina"], scene.Candidates["joao"], "Letter of 3 March: new post."));
        await Database.Dispatcher().RunOnceAsync(TestContext.Current.CancellationToken);

        (joao.Outcome, joao.SelectedRole, joao.SelectedChapter).ShouldBe((SelectionOutcome.Selected, AuthorRole.CoordinatingLeadAuthor, "2"));
        var after = await Database.QueryAsync(db => db.RoleAssignments.AsNoTracking().Where(r => r.AssessmentId == scene.Assessment.Id && r.Role == Role.Author)
            .Join(db.Users, r => r.UserId, u => u.Id, (r, u) => u.Email).OrderBy(e => e).ToListAsync());
        after.ShouldBe(["joao@example.org", "mei@example.org"]);
        (await Database.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress == "joao@example.org" && m.Kind == "selection-selected" && m.Language == "es"))).ShouldBe(1);
        var journal = await Database.SendAsync(new GetJournal(scene.Assessment.Id));
        journal.Single(j => j.Action == "selection.resigned").ShouldSatisfyAllConditions(j => j.OldValue.ShouldBe("amina: selected as coordinating-lead-author, chapter 2"), j => j.Details.ShouldBe("Letter of 3 March: new post."));
        journal.Single(j => j.Action == "selection.reserve-invited").Details.ShouldBe("in place of amina; notification queued: reserve-invited");
    }

    [Fact]
    public async Task Selected_experts_disclose_their_interests_the_TSU_reminds_those_missing_and_the_secretariat_reviews()
    {
        var scene = await SceneAsync();
        await DecideAsync(scene, "amina", SelectionOutcome.Selected, AuthorRole.LeadAuthor, "2");
        await DecideAsync(scene, "mei", SelectionOutcome.Selected, AuthorRole.ReviewEditor, "3");
        await DecideAsync(scene, "joao", SelectionOutcome.Reserve);
        await Database.SendAsAsync(scene.Mep, new ActOnStep(scene.Assessment.Id, NominationWorld.Selection, StepAction.Complete, "agreed"));
        var tsu = await World.PersonAsync("tsu@example.org", new RoleScope(Role.TsuMember, scene.Assessment.Id));
        async Task<TestActor> ExpertAsync(string who) =>
            TestActor.Person(await Database.QueryAsync(db => db.Candidates.Where(c => c.Id == scene.Candidates[who]).Select(c => c.UserId!.Value).SingleAsync()), $"{who}@example.org");

        var amina = await ExpertAsync("amina");
        var joao = await ExpertAsync("joao");
        var unconfirmed = await Should.ThrowAsync<ValidationFailedException>(() => Database.SendAsAsync(amina, new SubmitDisclosure(scene.Assessment.Id, true, "Adviser to a mining company", Confirm: false)));
        var mine = await Database.SendAsAsync(amina, new SubmitDisclosure(scene.Assessment.Id, true, "Paid adviser to Rift Valley Mining Ltd since 2018.", Confirm: true));
        await Should.ThrowAsync<ForbiddenException>(() => Database.SendAsAsync(joao, new SubmitDisclosure(scene.Assessment.Id, false, null, Confirm: true)));
        await Should.ThrowAsync<ForbiddenException>(() => Database.SendAsAsync(scene.Kenya, new ListDisclosures(scene.Assessment.Id)));
        var seenByTsu = await Database.SendAsAsync(tsu, new ListDisclosures(scene.Assessment.Id));
        var reminded = await Database.SendAsAsync(tsu, new RemindDisclosures(scene.Assessment.Id));
        await Database.Dispatcher().RunOnceAsync(TestContext.Current.CancellationToken);
        await Should.ThrowAsync<ForbiddenException>(() => Database.SendAsAsync(tsu, new ReviewDisclosure(scene.Assessment.Id, mine.CandidateId, DisclosureReview.NoConflict)));
        var noReason = await Should.ThrowAsync<ValidationFailedException>(() => Database.SendAsync(new ReviewDisclosure(scene.Assessment.Id, mine.CandidateId, DisclosureReview.Managed)));
        var reviewed = await Database.SendAsync(new ReviewDisclosure(scene.Assessment.Id, mine.CandidateId, DisclosureReview.Managed, "Does not write on extractive industries (chapter 4)."));

        unconfirmed.Errors.Single().Field.ShouldBe("confirm");
        (mine.SubmittedAt, mine.Review).ShouldBe((Database.Clock.GetUtcNow(), DisclosureReview.Pending));
        seenByTsu.ShouldSatisfyAllConditions(
            l => l.Experts.Select(e => (e.Name, e.Missing)).ShouldBe([("amina", false), ("mei", true)]),
            l => l.Experts.ShouldAllBe(e => e.Interests == null, "what an expert declares is for the secretariat"),
            l => l.DueBefore.ShouldBe(NominationWorld.Step(scene.Assessment, "online-consultation").OpensAt));
        reminded.Reminded.ShouldBe(1);
        (await Database.QueryAsync(db => db.OutboxMessages.Where(m => m.Kind == "disclosure-reminder").Select(m => m.ToAddress).ToListAsync())).ShouldBe(["mei@example.org"]);
        noReason.Errors.Single().Field.ShouldBe("note");
        (reviewed.Review, reviewed.ReviewNote).ShouldBe((DisclosureReview.Managed, "Does not write on extractive industries (chapter 4)."));
        (await Database.SendAsync(new GetJournal(scene.Assessment.Id))).Single(j => j.Action == "disclosure.reviewed").NewValue.ShouldBe("amina: managed");
    }

    [Fact]
    public async Task A_completion_that_fails_before_its_commit_leaves_no_role_account_result_or_notification()
    {
        var scene = await SceneAsync();
        await DecideAsync(scene, "amina", SelectionOutcome.Selected, AuthorRole.LeadAuthor, "2");
        await DecideAsync(scene, "joao", SelectionOutcome.Selected, AuthorRole.CoChair);
        var accounts = await Database.QueryAsync(db => db.Users.CountAsync());

        // The database refuses the last write of the transaction (the queued results), as a crash before the commit would
        // end it: a real failure of the real database, not a fake.
        await Database.QueryAsync(db => db.Database.ExecuteSqlRawAsync(Database.Provider == IpbesFlow.Configuration.DatabaseProvider.Sqlite
            ? "CREATE TRIGGER refuse_results BEFORE INSERT ON notification_events WHEN NEW.event = 'selection-outcomes' BEGIN SELECT RAISE(ABORT, 'refused for the test'); END;"
            : "CREATE FUNCTION refuse_results() RETURNS trigger AS $$ BEGIN IF NEW.event = 'selection-outcomes' THEN RAISE EXCEPTION 'refused for the test'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql;"
              + " CREATE TRIGGER refuse_results BEFORE INSERT ON notification_events FOR EACH ROW EXECUTE FUNCTION refuse_results();"));
        try
        {
            await Should.ThrowAsync<DbUpdateException>(() => Database.SendAsAsync(scene.Mep, new ActOnStep(scene.Assessment.Id, NominationWorld.Selection, StepAction.Complete, "agreed")));
        }
        finally
        {
            await Database.QueryAsync(db => db.Database.ExecuteSqlRawAsync(Database.Provider == IpbesFlow.Configuration.DatabaseProvider.Sqlite
                ? "DROP TRIGGER refuse_results;"
                : "DROP TRIGGER refuse_results ON notification_events; DROP FUNCTION refuse_results();"));
        }

        (await Database.QueryAsync(db => db.RoleAssignments.CountAsync(r => r.AssessmentId == scene.Assessment.Id && r.Role == Role.Author))).ShouldBe(0);
        (await Database.QueryAsync(db => db.Candidates.CountAsync(c => c.ResultAt != null))).ShouldBe(0);
        (await Database.QueryAsync(db => db.Users.CountAsync())).ShouldBe(accounts);
        (await Database.QueryAsync(db => db.NotificationEvents.CountAsync(e => e.Event == "selection-outcomes" || e.Event == "completed"))).ShouldBe(0);
        (await Database.QueryAsync(db => db.AssessmentSteps.SingleAsync(s => s.AssessmentId == scene.Assessment.Id && s.StepId == NominationWorld.Selection))).State.ShouldBe(StepState.Open);

        await Database.SendAsAsync(scene.Mep, new ActOnStep(scene.Assessment.Id, NominationWorld.Selection, StepAction.Complete, "agreed"));
        (await Database.QueryAsync(db => db.RoleAssignments.CountAsync(r => r.AssessmentId == scene.Assessment.Id && r.Role == Role.Author))).ShouldBe(2);
    }
}

[Collection(nameof(SqliteCollection))]
public sealed class SelectionTests_on_Sqlite(SqliteDatabase database) : SelectionTests<SqliteDatabase>(database);

[Collection(nameof(PostgresCollection))]
public sealed class SelectionTests_on_Postgres(PostgresDatabase database) : SelectionTests<PostgresDatabase>(database);
