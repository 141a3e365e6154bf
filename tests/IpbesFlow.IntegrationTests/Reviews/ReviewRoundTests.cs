using IpbesFlow.Assessments;
using IpbesFlow.Common;
using IpbesFlow.Identity;
using IpbesFlow.IntegrationTests.Fixtures;
using IpbesFlow.Reviews;
using Microsoft.EntityFrameworkCore;
using Shouldly;

namespace IpbesFlow.IntegrationTests.Reviews;

/// <summary>What a whole review round played through found, held on both databases: signed-off chapters and published
/// compilations are final (an erratum is the one way to correct), responses are journaled and imported, reviewers
/// comment on the chapters they registered for, and registering again changes only what changed.</summary>
public abstract class ReviewRoundTests<TDatabase>(TDatabase database) : DatabaseTest<TDatabase>(database)
    where TDatabase : DatabaseFixture
{
    private ReviewWorld World => new(Database);

    private static string Csv(params string[] rows) =>
        "No.,Chapter,From page,From line,To page,To line,Comment,Reviewer,Country,Organisation,Reviewer type,Response status,Response\n" + string.Join("\n", rows) + "\n";

    [Fact]
    public async Task A_signed_off_chapter_takes_no_more_comments_by_any_way()
    {
        var assessment = await World.AssessmentAsync("Signed off");
        World.During(assessment);
        var expert = await World.ExpertAsync(assessment);
        await Database.SendAsAsync(expert, new SubmitComments(assessment.Id, ReviewWorld.Step, [ReviewWorld.Comment("2")]));
        World.After(assessment);
        await Database.SendAsync(new RespondToComment(assessment.Id, ReviewWorld.Step, 1, ResponseStatus.Accepted, "Done."));
        var editor = await World.PersonAsync("editor@example.org", new RoleScope(Role.Author, assessment.Id, AuthorRole.ReviewEditor, Chapter: "2"));
        await Database.SendAsAsync(editor, new SignOffChapter(assessment.Id, ReviewWorld.Step, "2"));

        var refused = await Should.ThrowAsync<ConflictException>(() => Database.SendAsync(new ImportComments(assessment.Id, ReviewWorld.Step, "late.csv",
            ReviewWorld.Csv(Csv("1,2,9,1,9,1,Sent late by email.,Government of MX,MX,,government,,")))));
        var open = await Database.SendAsync(new ImportComments(assessment.Id, ReviewWorld.Step, "chapter1.csv",
            ReviewWorld.Csv(Csv("1,1,9,1,9,1,Sent late by email.,Government of MX,MX,,government,,"))));

        refused.Message.ShouldStartWith("Chapter 2 was signed off by editor@example.org at ");
        refused.Message.ShouldEndWith("its comments and responses are final, and no comment is added to it.");
        open.Accepted.ShouldBe(1, "chapter 1 is not signed off");
        var progress = await Database.SendAsync(new GetReviewProgress(assessment.Id, ReviewWorld.Step));
        progress.Chapters.Single(c => c.Code == "2").ShouldSatisfyAllConditions(c => c.Comments.ShouldBe(1), c => c.Answered.ShouldBe(1));
    }

    [Fact]
    public async Task Once_approved_the_compilation_is_frozen_and_only_an_erratum_by_the_secretariat_corrects_it()
    {
        var assessment = await World.AssessmentAsync("Frozen", approvedByPlenary: true);
        World.During(assessment);
        var expert = await World.ExpertAsync(assessment);
        await Database.SendAsAsync(expert, new SubmitComments(assessment.Id, ReviewWorld.Step, [ReviewWorld.Comment()]));
        World.After(assessment);
        var tsu = await World.PersonAsync("tsu@example.org", new RoleScope(Role.TsuMember, assessment.Id));
        await Database.SendAsAsync(tsu, new RespondToComment(assessment.Id, ReviewWorld.Step, 1, ResponseStatus.Noted, "Noted."));
        var early = await Should.ThrowAsync<ConflictException>(() => Database.SendAsync(new CorrectResponse(assessment.Id, ReviewWorld.Step, 1, ResponseStatus.Rejected, "No.", "too soon")));
        await World.ApproveAtPlenaryAsync(assessment);

        var changed = await Should.ThrowAsync<ConflictException>(() => Database.SendAsAsync(tsu, new RespondToComment(assessment.Id, ReviewWorld.Step, 1, ResponseStatus.Rejected, "Out of scope.")));
        var imported = await Should.ThrowAsync<ConflictException>(() => Database.SendAsAsync(tsu, new ImportComments(assessment.Id, ReviewWorld.Step, "more.csv",
            ReviewWorld.Csv(Csv("1,1,9,1,9,1,Late.,Government of MX,MX,,government,,")))));
        var byTsu = await Should.ThrowAsync<ForbiddenException>(() => Database.SendAsAsync(tsu, new CorrectResponse(assessment.Id, ReviewWorld.Step, 1, ResponseStatus.Rejected, "Out of scope.", "error in the record")));
        var corrected = await Database.SendAsync(new CorrectResponse(assessment.Id, ReviewWorld.Step, 1, ResponseStatus.Rejected, "Out of the assessment's scope.", "the authors' decision was recorded wrongly"));

        early.Message.ShouldStartWith("The assessment is not approved yet");
        changed.Message.ShouldContain("they are frozen. A correction is an erratum by the secretariat");
        imported.Message.ShouldContain("they are frozen");
        byTsu.Message.ShouldBe("A published response is corrected by the secretariat, as an erratum.");
        (corrected.ResponseStatus, corrected.EarlierResponses.Single().Status).ShouldBe((ResponseStatus.Rejected, ResponseStatus.Noted));
        var published = (await World.ExportAsync(TestActor.Anonymous, assessment.Id)).Sheet;
        published.Headers[^1].ShouldBe("Erratum");
        published.Rows.Single().Cells[^1].ShouldBe($"Corrected on {Database.Clock.GetUtcNow():yyyy-MM-dd}: the authors' decision was recorded wrongly");
        var journal = await Database.SendAsync(new GetJournal(assessment.Id));
        journal.Single(j => j.Action == "review.erratum").ShouldSatisfyAllConditions(
            j => (j.OldValue, j.NewValue).ShouldBe(("Noted", "Rejected")),
            j => j.Details.ShouldBe("comment 1 (chapter 1), erratum: the authors' decision was recorded wrongly: Out of the assessment's scope."));
        (await Database.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == "review.erratum"))).ShouldBe(1);
    }

    [Fact]
    public async Task Every_response_is_journaled_with_the_status_before_and_after_and_only_a_rejection_needs_its_reason()
    {
        var assessment = await World.AssessmentAsync("Journaled responses");
        World.During(assessment);
        var expert = await World.ExpertAsync(assessment);
        await Database.SendAsAsync(expert, new SubmitComments(assessment.Id, ReviewWorld.Step, [ReviewWorld.Comment()]));
        World.After(assessment);

        await Database.SendAsync(new RespondToComment(assessment.Id, ReviewWorld.Step, 1, ResponseStatus.Noted, null));
        await Database.SendAsync(new RespondToComment(assessment.Id, ReviewWorld.Step, 1, ResponseStatus.Accepted, "Units added."));
        var unexplained = await Should.ThrowAsync<ValidationFailedException>(() => Database.SendAsync(new RespondToComment(assessment.Id, ReviewWorld.Step, 1, ResponseStatus.Rejected, " ")));

        unexplained.Errors.Single().Message.ShouldBe("A rejected comment needs the reason.");
        var responses = (await Database.SendAsync(new GetJournal(assessment.Id))).Where(j => j.Action == "review.response").ToList();
        responses.Select(j => (j.OldValue, j.NewValue, j.Details)).ShouldBe([
            (null, "Noted", "comment 1 (chapter 1)"),
            ("Noted", "Accepted", "comment 1 (chapter 1): Units added."),
        ]);
        var progress = await Database.SendAsync(new GetReviewProgress(assessment.Id, ReviewWorld.Step));
        (progress.ByReviewerType["expert"], progress.AnsweredByReviewerType["expert"]).ShouldBe((1, 1));
    }

    [Fact]
    public async Task A_reviewer_comments_on_the_chapters_they_registered_for_and_adds_chapters_while_the_review_is_open()
    {
        var assessment = await World.AssessmentAsync("Chapters chosen");
        World.During(assessment);
        var expert = await World.PersonAsync("expert@example.org");
        await Database.SendAsAsync(expert, new RegisterForReview(assessment.Id, ReviewWorld.Step, ReviewerType.Expert, ["1"], AcceptTerms: true, CountryCode: "KE"));

        var batch = await Should.ThrowAsync<ValidationFailedException>(() => Database.SendAsAsync(expert, new SubmitComments(assessment.Id, ReviewWorld.Step, [ReviewWorld.Comment("1"), ReviewWorld.Comment("2")])));
        var file = await World.XlsxAsync(CommentSheet.TemplateColumns, [1, "2", 3, 10, null, null, "On chapter 2."]);
        var upload = await Should.ThrowAsync<ValidationFailedException>(() => Database.SendAsAsync(expert, new UploadComments(assessment.Id, ReviewWorld.Step, "comments.xlsx", file)));
        var template = await Database.InScopeAsync(expert, async (sender, _) => (await sender.Send(new GetCommentTemplate(assessment.Id, ReviewWorld.Step))).Sheet.Chapters);
        var whole = await Database.InScopeAsync(null, async (sender, _) => (await sender.Send(new GetCommentTemplate(assessment.Id, ReviewWorld.Step))).Sheet.Chapters);
        await Database.SendAsAsync(expert, new RegisterForReview(assessment.Id, ReviewWorld.Step, ReviewerType.Expert, ["2"], AcceptTerms: true, CountryCode: "KE"));
        var taken = await Database.SendAsAsync(expert, new UploadComments(assessment.Id, ReviewWorld.Step, "comments.xlsx", file));

        batch.Errors.Single().ShouldBe(new FieldError("comments[1].chapter", "You registered to review chapter(s) 1; to comment on chapter 2, add it to your registration (register again with it) while the review is open."));
        upload.Errors.Single().Field.ShouldBe("Comments!B2");
        template!.Select(c => c.Code).ShouldBe(["1"], "the template offers the reviewer's chapters");
        whole!.Select(c => c.Code).ShouldBe(["1", "2", "SPM"]);
        taken.Accepted.ShouldBe(1, "chapter 2 was added to the registration");
    }

    [Fact]
    public async Task Registering_again_unchanged_changes_nothing_and_a_change_of_chapters_is_journaled_old_and_new()
    {
        var assessment = await World.AssessmentAsync("Registered twice");
        World.During(assessment);
        var expert = await World.PersonAsync("expert@example.org");
        var register = new RegisterForReview(assessment.Id, ReviewWorld.Step, ReviewerType.Expert, ["1"], AcceptTerms: true, CountryCode: "KE");

        await Database.SendAsAsync(expert, register);
        await Database.SendAsAsync(expert, register);
        await Database.SendAsAsync(expert, register with { Chapters = ["SPM"] });

        var journal = (await Database.SendAsync(new GetJournal(assessment.Id))).Where(j => j.Action == "review.registered").ToList();
        journal.Select(j => (j.OldValue, j.NewValue)).ShouldBe([(null, "expert: chapters 1"), ("expert: chapters 1", "expert: chapters 1, SPM")]);
        (await Database.QueryAsync(db => db.NotificationEvents.CountAsync(e => e.Event == IpbesFlow.Notifications.RegistrationPayload.Event))).ShouldBe(2, "no confirmation for a registration that did not change");
    }

    [Fact]
    public async Task A_focal_point_registering_for_another_country_is_told_it_is_not_theirs()
    {
        var assessment = await World.AssessmentAsync("Another country");
        World.During(assessment);
        var focal = await World.PersonAsync("focal.ke@example.org", new RoleScope(Role.NationalFocalPoint, CountryCode: "KE"));

        var refused = await Should.ThrowAsync<ForbiddenException>(() => Database.SendAsAsync(focal, new RegisterForReview(assessment.Id, ReviewWorld.Step, ReviewerType.Government, ["1"], AcceptTerms: true, CountryCode: "MX")));

        refused.Message.ShouldBe("You are not the focal point of MX; you register for KE.");
    }

    [Fact]
    public async Task An_imported_compilation_keeps_its_responses()
    {
        var assessment = await World.AssessmentAsync("Imported with responses");

        var imported = await Database.SendAsync(new ImportComments(assessment.Id, ReviewWorld.Step, "compilation.csv", ReviewWorld.Csv(Csv(
            "1,1,3,1,3,4,Add units.,Ana Pérez,MX,UNAM,expert,Accepted,Units added.",
            "2,1,4,1,4,1,Out of scope.,Government of KE,KE,,government,Rejected,Outside the assessment's scope.",
            "3,2,5,1,5,1,Unanswered.,Ken Sato,JP,,expert,,"))));
        var broken = await Should.ThrowAsync<ValidationFailedException>(() => Database.SendAsync(new ImportComments(assessment.Id, ReviewWorld.Step, "broken.csv", ReviewWorld.Csv(Csv(
            "1,1,3,1,3,4,Add units.,Ana Pérez,MX,UNAM,expert,Perhaps,Maybe.",
            "2,1,4,1,4,1,Out of scope.,Government of KE,KE,,government,Rejected,")))));

        imported.Accepted.ShouldBe(3);
        var comments = await Database.SendAsync(new ListComments(assessment.Id, ReviewWorld.Step));
        comments.Select(c => (c.ResponseStatus, c.ResponseText)).ShouldBe([(ResponseStatus.Accepted, "Units added."), (ResponseStatus.Rejected, "Outside the assessment's scope."), (null, null)]);
        broken.Errors.Select(e => e.Field).ShouldBe(["broken.csv!L2", "broken.csv!M3"]);
    }

    [Fact]
    public async Task A_comment_is_as_long_as_the_characters_a_person_sees()
    {
        var assessment = await World.AssessmentAsync("Emoji");
        await Database.SendAsync(new ConfigureReview(assessment.Id, ReviewWorld.Step, ReviewWorld.Chapters, null, 100));
        World.During(assessment);
        var expert = await World.ExpertAsync(assessment);
        var hundredEmoji = string.Concat(Enumerable.Repeat("🌎", 100));

        var taken = await Database.SendAsAsync(expert, new SubmitComments(assessment.Id, ReviewWorld.Step, [ReviewWorld.Comment(text: hundredEmoji)]));
        var refused = await Should.ThrowAsync<ValidationFailedException>(() => Database.SendAsAsync(expert, new SubmitComments(assessment.Id, ReviewWorld.Step, [ReviewWorld.Comment(text: hundredEmoji + "é")])));

        hundredEmoji.Length.ShouldBe(200, "UTF-16 counts each emoji twice");
        taken.Accepted.ShouldBe(1);
        refused.Errors.Single().Message.ShouldBe("The comment has 101 characters; this review takes at most 100. Split it into several comments.");
    }
}

[Collection(nameof(SqliteCollection))]
public sealed class ReviewRoundTests_on_Sqlite(SqliteDatabase database) : ReviewRoundTests<SqliteDatabase>(database);

[Collection(nameof(PostgresCollection))]
public sealed class ReviewRoundTests_on_Postgres(PostgresDatabase database) : ReviewRoundTests<PostgresDatabase>(database);
