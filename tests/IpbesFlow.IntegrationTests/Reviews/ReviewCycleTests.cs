using IpbesFlow.Assessments;
using IpbesFlow.Common;
using IpbesFlow.Identity;
using IpbesFlow.IntegrationTests.Fixtures;
using IpbesFlow.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace IpbesFlow.IntegrationTests.Reviews;

/// <summary>A review from registration to publication on a real database: who reads drafts and comments, government
/// sets consolidated per country, responses by the chapter's authors, sign-off by its review editors, progress, and
/// the compilation that imports into a fresh review unchanged.</summary>
public abstract class ReviewCycleTests<TDatabase>(TDatabase database) : DatabaseTest<TDatabase>(database)
    where TDatabase : DatabaseFixture
{
    private ReviewWorld World => new(Database);

    [Fact]
    public async Task A_reviewer_of_one_assessment_reads_neither_drafts_nor_comments_of_another_and_reads_drafts_only_while_the_review_is_open()
    {
        var a = await World.AssessmentAsync("Assessment A");
        var b = await World.AssessmentAsync("Assessment B");
        World.During(a);
        var draftA = await Database.SendAsync(new AttachDraft(a.Id, ReviewWorld.Step, "chapter-1.pdf", "application/pdf; name=x", [1, 2, 3]));
        var draftB = await Database.SendAsync(new AttachDraft(b.Id, ReviewWorld.Step, "chapter-1.pdf", "application/pdf", [4, 5, 6]));
        var reviewer = await World.ExpertAsync(a);
        var tsuOfA = await World.PersonAsync("tsu.a@example.org", new RoleScope(Role.TsuMember, a.Id));
        await Database.SendAsAsync(reviewer, new SubmitComments(a.Id, ReviewWorld.Step, [ReviewWorld.Comment()]));

        (await ReadAsync(await Database.SendAsAsync(reviewer, new GetDraft(a.Id, ReviewWorld.Step, draftA.Id)))).ShouldBe([1, 2, 3]);
        (await Database.SendAsAsync(reviewer, new ListComments(a.Id, ReviewWorld.Step))).Count.ShouldBe(1);
        await Should.ThrowAsync<ForbiddenException>(() => Database.SendAsAsync(reviewer, new GetDraft(b.Id, ReviewWorld.Step, draftB.Id)));
        await Should.ThrowAsync<ForbiddenException>(() => Database.SendAsAsync(reviewer, new ListComments(b.Id, ReviewWorld.Step)));
        await Should.ThrowAsync<ForbiddenException>(() => Database.SendAsAsync(reviewer, new GetReviewProgress(b.Id, ReviewWorld.Step)));
        await Should.ThrowAsync<ForbiddenException>(() => Database.SendAsAsync(tsuOfA, new ListComments(b.Id, ReviewWorld.Step)));
        await Should.ThrowAsync<ForbiddenException>(() => Database.SendAsAsync(TestActor.Operator, new GetDraft(a.Id, ReviewWorld.Step, draftA.Id)), "drafts are not the secretariat's to read through this rule");
        // A draft id of B asked for under A's review is not found there.
        await Should.ThrowAsync<NotFoundException>(() => Database.SendAsAsync(reviewer, new GetDraft(a.Id, ReviewWorld.Step, draftB.Id)));

        World.After(a);
        (await Should.ThrowAsync<ForbiddenException>(() => Database.SendAsAsync(reviewer, new GetDraft(a.Id, ReviewWorld.Step, draftA.Id)))).Message.ShouldContain("while it is open");
        var forTsu = await Database.SendAsAsync(tsuOfA, new GetDraft(a.Id, ReviewWorld.Step, draftA.Id));
        await forTsu.Content.DisposeAsync();
        forTsu.ShouldSatisfyAllConditions(
            d => d.FileName.ShouldBe("chapter-1.pdf"),
            d => d.ContentType.ShouldBe("application/pdf", "only the media type is kept"),
            d => d.Length.ShouldBe(3));
        (await Database.SendAsync(new AttachDraft(a.Id, ReviewWorld.Step, "x.bin", "text/html\r\nX-Injected: 1", [0]))).ContentType.ShouldBe("application/octet-stream");
    }

    [Fact]
    public async Task A_government_submits_one_consolidated_set_through_any_of_its_focal_points()
    {
        var assessment = await World.AssessmentAsync("Governments");
        World.During(assessment);
        var first = await World.PersonAsync("focal.one@example.org", new RoleScope(Role.NationalFocalPoint, CountryCode: "KE"));
        var second = await World.PersonAsync("focal.two@example.org", new RoleScope(Role.NationalFocalPoint, CountryCode: "KE"));
        var other = await World.PersonAsync("focal.fr@example.org", new RoleScope(Role.NationalFocalPoint, CountryCode: "FR"));
        var expert = await World.PersonAsync("no.role@example.org");

        var one = await Database.SendAsAsync(first, new RegisterForReview(assessment.Id, ReviewWorld.Step, ReviewerType.Government, ["1"], AcceptTerms: true));
        var two = await Database.SendAsAsync(second, new RegisterForReview(assessment.Id, ReviewWorld.Step, ReviewerType.Government, ["SPM"], AcceptTerms: true));
        await Database.SendAsAsync(other, new RegisterForReview(assessment.Id, ReviewWorld.Step, ReviewerType.Government, ["1", "2"], AcceptTerms: true));
        await Should.ThrowAsync<ForbiddenException>(() => Database.SendAsAsync(expert, new RegisterForReview(assessment.Id, ReviewWorld.Step, ReviewerType.Government, ["1"], AcceptTerms: true)));
        var terms = await Should.ThrowAsync<ValidationFailedException>(() => Database.SendAsAsync(expert, new RegisterForReview(assessment.Id, ReviewWorld.Step, ReviewerType.Expert, ["1"], AcceptTerms: false, CountryCode: "DE")));
        await Database.SendAsAsync(first, new SubmitComments(assessment.Id, ReviewWorld.Step, [ReviewWorld.Comment()]));
        await Database.SendAsAsync(second, new SubmitComments(assessment.Id, ReviewWorld.Step, [ReviewWorld.Comment(chapter: "spm")]));
        await Database.SendAsAsync(other, new SubmitComments(assessment.Id, ReviewWorld.Step, [ReviewWorld.Comment(chapter: "2")]));

        two.Id.ShouldBe(one.Id);
        two.ShouldSatisfyAllConditions(r => r.ReviewerName.ShouldBe("Government of KE"), r => r.Chapters.ShouldBe(["1", "SPM"]));
        terms.Errors.Single().Field.ShouldBe("acceptTerms");
        var kenya = await Database.SendAsAsync(second, new ListComments(assessment.Id, ReviewWorld.Step));
        kenya.Select(c => (c.Chapter, c.ReviewerName, c.ReviewerCountry, c.ReviewerType)).ShouldBe([("1", "Government of KE", "KE", ReviewerType.Government), ("SPM", "Government of KE", "KE", ReviewerType.Government)]);
        (await Database.QueryAsync(db => db.NotificationEvents.CountAsync(e => e.Event == IpbesFlow.Notifications.RegistrationPayload.Event))).ShouldBe(3, "each registration is confirmed to whoever made it");
    }

    [Fact]
    public async Task An_internal_review_takes_its_audience_the_authors_mep_and_bureau_and_no_outside_expert()
    {
        var assessment = await Database.SendAsync(new CreateAssessment("thematic-assessment", "Internal", new DateOnly(2030, 1, 7), new DateOnly(2034, 5, 2)));
        await Database.SendAsync(new ConfigureReview(assessment.Id, "zod-internal-review", ReviewWorld.Chapters));
        var mep = await World.PersonAsync("mep.member@example.org", new RoleScope(Role.MepMember));
        var author = await World.PersonAsync("lead.author@example.org", new RoleScope(Role.Author, assessment.Id, AuthorRole.LeadAuthor, Chapter: "2"));
        var outsider = await World.PersonAsync("outside.expert@example.org");

        var byMep = await Database.SendAsAsync(mep, new RegisterForReview(assessment.Id, "zod-internal-review", ReviewerType.Expert, ["1"], AcceptTerms: true, CountryCode: "DE"));
        var byAuthor = await Database.SendAsAsync(author, new RegisterForReview(assessment.Id, "zod-internal-review", ReviewerType.Expert, ["SPM"], AcceptTerms: true, CountryCode: "IN"));
        var refused = await Should.ThrowAsync<ConflictException>(() => Database.SendAsAsync(outsider, new RegisterForReview(assessment.Id, "zod-internal-review", ReviewerType.Expert, ["1"], AcceptTerms: true, CountryCode: "FR")));
        var noGovernments = await Should.ThrowAsync<ConflictException>(() => Database.SendAsAsync(outsider, new RegisterForReview(assessment.Id, "zod-internal-review", ReviewerType.Government, ["1"], AcceptTerms: true)));

        (byMep.ReviewerName, byAuthor.ReviewerName).ShouldBe(("mep member", "lead author"));
        refused.Message.ShouldBe("Review zod-internal-review is for authors, mep, bureau; it takes no expert registrations.");
        noGovernments.Message.ShouldBe("Review zod-internal-review is for authors, mep, bureau; it takes no government registrations.");
    }

    [Fact]
    public async Task Authors_answer_their_chapters_after_the_close_and_review_editors_sign_off_only_a_fully_answered_chapter()
    {
        var assessment = await World.AssessmentAsync("Responses");
        World.During(assessment);
        var expert = await World.ExpertAsync(assessment);
        await Database.SendAsAsync(expert, new SubmitComments(assessment.Id, ReviewWorld.Step, [ReviewWorld.Comment("1", 3), ReviewWorld.Comment("1", 1), ReviewWorld.Comment("2", 8)]));
        var author1 = await World.PersonAsync("author.one@example.org", new RoleScope(Role.Author, assessment.Id, AuthorRole.LeadAuthor, Chapter: "1"));
        var author2 = await World.PersonAsync("author.two@example.org", new RoleScope(Role.Author, assessment.Id, AuthorRole.LeadAuthor, Chapter: "2"));
        var editor1 = await World.PersonAsync("editor.one@example.org", new RoleScope(Role.Author, assessment.Id, AuthorRole.ReviewEditor, Chapter: "1"));

        var early = await Should.ThrowAsync<ConflictException>(() => Database.SendAsAsync(author1, new RespondToComment(assessment.Id, ReviewWorld.Step, 1, ResponseStatus.Noted, "Noted.")));
        World.After(assessment);
        await Should.ThrowAsync<ForbiddenException>(() => Database.SendAsAsync(author2, new RespondToComment(assessment.Id, ReviewWorld.Step, 1, ResponseStatus.Noted, "Not my chapter.")));
        var noReason = await Should.ThrowAsync<ValidationFailedException>(() => Database.SendAsAsync(author1, new RespondToComment(assessment.Id, ReviewWorld.Step, 1, ResponseStatus.Rejected, " ")));
        await Database.SendAsAsync(author1, new RespondToComment(assessment.Id, ReviewWorld.Step, 1, ResponseStatus.TakenIntoAccount, "Units added to figure 1.3."));
        var unanswered = await Should.ThrowAsync<ConflictException>(() => Database.SendAsAsync(editor1, new SignOffChapter(assessment.Id, ReviewWorld.Step, "1")));
        await Should.ThrowAsync<ForbiddenException>(() => Database.SendAsAsync(author1, new SignOffChapter(assessment.Id, ReviewWorld.Step, "1")));
        await Database.SendAsAsync(author1, new RespondToComment(assessment.Id, ReviewWorld.Step, 2, ResponseStatus.Rejected, "The line is about another figure."));
        var progressBefore = await Database.SendAsAsync(author2, new GetReviewProgress(assessment.Id, ReviewWorld.Step));
        var signed = await Database.SendAsAsync(editor1, new SignOffChapter(assessment.Id, ReviewWorld.Step, "1"));
        var final = await Should.ThrowAsync<ConflictException>(() => Database.SendAsAsync(author1, new RespondToComment(assessment.Id, ReviewWorld.Step, 2, ResponseStatus.Accepted, "Changed my mind.")));

        early.Message.ShouldStartWith("Review external-review is still open until ");
        noReason.Errors.Single().ShouldBe(new FieldError("text", "A rejected comment needs the reason."));
        unanswered.Message.ShouldBe("Chapter 1 still has 1 comment(s) without a response; it can be signed off once every comment has one.");
        progressBefore.ShouldSatisfyAllConditions(
            p => (p.Registrations, p.Comments, p.Answered, p.ShareAnswered).ShouldBe((1, 3, 2, 0.6667)),
            p => p.Chapters.Select(c => (c.Code, c.Comments, c.Answered)).ShouldBe([("1", 2, 2), ("2", 1, 0), ("SPM", 0, 0)]),
            p => p.ByReviewerType["expert"].ShouldBe(3));
        signed.SignedOffBy.ShouldBe("editor.one@example.org");
        final.Message.ShouldStartWith("Chapter 1 was signed off by editor.one@example.org");
        var stored = await Database.SendAsync(new ListComments(assessment.Id, ReviewWorld.Step, Chapter: "1"));
        stored.Select(c => (c.Number, c.ResponseStatus, c.ResponseText)).ShouldBe([(2, ResponseStatus.Rejected, "The line is about another figure."), (1, ResponseStatus.TakenIntoAccount, "Units added to figure 1.3.")]);
    }

    [Fact]
    public async Task A_response_racing_the_sign_off_never_lands_after_it()
    {
        for (var round = 0; round < 4; round++)
        {
            Database.Clock.Restart();
            var assessment = await World.AssessmentAsync($"Race {round}");
            World.During(assessment);
            var expert = await World.ExpertAsync(assessment, $"expert{round}@example.org");
            await Database.SendAsAsync(expert, new SubmitComments(assessment.Id, ReviewWorld.Step, [ReviewWorld.Comment("1", 3)]));
            var author = await World.PersonAsync($"author{round}@example.org", new RoleScope(Role.Author, assessment.Id, AuthorRole.LeadAuthor, Chapter: "1"));
            var editor = await World.PersonAsync($"editor{round}@example.org", new RoleScope(Role.Author, assessment.Id, AuthorRole.ReviewEditor, Chapter: "1"));
            World.After(assessment);
            await Database.SendAsAsync(author, new RespondToComment(assessment.Id, ReviewWorld.Step, 1, ResponseStatus.Noted, "First answer."));
            Database.Clock.Advance(TimeSpan.FromMinutes(1));

            var outcomes = await Task.WhenAll(
                Attempt(() => Database.SendAsAsync(editor, new SignOffChapter(assessment.Id, ReviewWorld.Step, "1"))),
                Attempt(() => Database.SendAsAsync(author, new RespondToComment(assessment.Id, ReviewWorld.Step, 1, ResponseStatus.Accepted, "Second answer."))));

            outcomes[0].ShouldBeNull("the sign-off goes through: the comment has an answer either way");
            var comment = (await Database.SendAsync(new ListComments(assessment.Id, ReviewWorld.Step))).Single();
            if (outcomes[1] is { } refused)
            {
                refused.ShouldStartWith("Chapter 1 was signed off by editor");
                comment.ResponseText.ShouldBe("First answer.");
            }
            else
            {
                comment.ResponseText.ShouldBe("Second answer.", "the revision landed before the sign-off");
            }
        }
    }

    [Fact]
    public async Task A_response_saved_on_a_copy_read_before_the_sign_off_is_refused_by_the_chapters_version()
    {
        var assessment = await World.AssessmentAsync("Stale");
        World.During(assessment);
        var expert = await World.ExpertAsync(assessment);
        await Database.SendAsAsync(expert, new SubmitComments(assessment.Id, ReviewWorld.Step, [ReviewWorld.Comment("1", 3)]));
        var editor = await World.PersonAsync("editor@example.org", new RoleScope(Role.Author, assessment.Id, AuthorRole.ReviewEditor, Chapter: "1"));
        World.After(assessment);
        await Database.SendAsync(new RespondToComment(assessment.Id, ReviewWorld.Step, 1, ResponseStatus.Noted, "First answer."));

        // An author's response reads the chapter, then the review editor signs it off, then the response is saved.
        await using var scope = Database.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IpbesFlow.Persistence.IpbesFlowDbContext>();
        var round = await db.ReviewRounds.Include(r => r.Chapters).SingleAsync(r => r.AssessmentId == assessment.Id, TestContext.Current.CancellationToken);
        var comment = await db.ReviewComments.SingleAsync(c => c.AssessmentId == assessment.Id, TestContext.Current.CancellationToken);
        await Database.SendAsAsync(editor, new SignOffChapter(assessment.Id, ReviewWorld.Step, "1"));
        comment.Respond(ResponseStatus.Accepted, "Late answer.", round.Chapter("1"), Database.Clock.GetUtcNow(), "author@example.org");

        await Should.ThrowAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync(TestContext.Current.CancellationToken));
        (await Database.SendAsync(new ListComments(assessment.Id, ReviewWorld.Step))).Single().ResponseText.ShouldBe("First answer.");
    }

    [Fact]
    public async Task A_large_draft_comes_back_byte_for_byte_streamed_from_the_database()
    {
        var assessment = await World.AssessmentAsync("Large draft");
        World.During(assessment);
        var content = new byte[5 * 1024 * 1024 + 17];
        new Random(7).NextBytes(content);
        var attached = await Database.SendAsync(new AttachDraft(assessment.Id, ReviewWorld.Step, "second-order-draft.pdf", "application/pdf", content));
        var reviewer = await World.ExpertAsync(assessment);

        var draft = await Database.SendAsAsync(reviewer, new GetDraft(assessment.Id, ReviewWorld.Step, attached.Id));
        var read = await ReadAsync(draft);

        draft.Length.ShouldBe(content.Length);
        read.Length.ShouldBe(content.Length);
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(read)).ShouldBe(attached.Sha256, StringCompareShould.IgnoreCase);
        read.ShouldBe(content);
    }

    // Read the way a response is written: a buffer at a time, then the stream (and its connection) let go.
    private static async Task<byte[]> ReadAsync(DraftFile draft)
    {
        await using var stream = draft.Content;
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, 81_920, TestContext.Current.CancellationToken);
        return copy.ToArray();
    }

    private static async Task<string?> Attempt<T>(Func<Task<T>> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (ConflictException e)
        {
            return e.Message;
        }
    }

    [Fact]
    public async Task An_authors_task_list_shows_the_comments_to_answer_and_a_review_editors_the_chapter_to_sign_off()
    {
        var assessment = await World.AssessmentAsync("Tasks");
        World.During(assessment);
        var expert = await World.ExpertAsync(assessment);
        await Database.SendAsAsync(expert, new SubmitComments(assessment.Id, ReviewWorld.Step, [ReviewWorld.Comment("1", 3), ReviewWorld.Comment("1", 4), ReviewWorld.Comment("2", 8)]));
        var author = await World.PersonAsync("author.one@example.org", new RoleScope(Role.Author, assessment.Id, AuthorRole.LeadAuthor, Chapter: "1"));
        var editor = await World.PersonAsync("editor.one@example.org", new RoleScope(Role.Author, assessment.Id, AuthorRole.ReviewEditor, Chapter: "1"));
        async Task<IEnumerable<string>> Work(TestActor who) =>
            (await Database.SendAsAsync(who, new ListTasks(assessment.Id))).Where(t => t.Kind is "responses" or "sign-off").Select(t => t.Title);

        var whileOpen = await Work(author);
        World.After(assessment);
        var toAnswer = await Work(author);
        await Database.SendAsAsync(author, new RespondToComment(assessment.Id, ReviewWorld.Step, 1, ResponseStatus.Noted, "Noted."));
        await Database.SendAsAsync(author, new RespondToComment(assessment.Id, ReviewWorld.Step, 2, ResponseStatus.Accepted, "Done."));
        var toSignOff = await Work(editor);
        await Database.SendAsAsync(editor, new SignOffChapter(assessment.Id, ReviewWorld.Step, "1"));

        whileOpen.ShouldBeEmpty("comments are answered once the review has closed");
        toAnswer.ShouldBe(["Answer 2 comment(s) on chapter 1 of External review"], "chapter 2 is another author's");
        (await Work(author)).ShouldBeEmpty();
        toSignOff.ShouldBe(["Sign off chapter 1 of External review: every comment has a response"]);
        (await Work(editor)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(CommentFileFormat.Xlsx)]
    [InlineData(CommentFileFormat.Csv)]
    public async Task An_export_imported_into_a_fresh_review_reproduces_every_comment_exactly(CommentFileFormat format)
    {
        var source = await World.AssessmentAsync("Source");
        World.During(source);
        var expert = await World.ExpertAsync(source);
        var focal = await World.PersonAsync("focal.br@example.org", new RoleScope(Role.NationalFocalPoint, CountryCode: "BR"));
        await Database.SendAsAsync(focal, new RegisterForReview(source.Id, ReviewWorld.Step, ReviewerType.Government, ["SPM"], AcceptTerms: true));
        await Database.SendAsAsync(expert, new SubmitComments(source.Id, ReviewWorld.Step, [.. ReviewWorld.UnTexts.Select((t, i) => ReviewWorld.Comment(i % 2 == 0 ? "2" : "1", 10 - i, i + 1, text: t))]));
        await Database.SendAsAsync(focal, new SubmitComments(source.Id, ReviewWorld.Step, [ReviewWorld.Comment("SPM", 2, 14, "Say \"which\" species; 50%, not 0.5.", 3, 2)]));
        // Text a spreadsheet program would run as a formula from a CSV, and an apostrophe of the comment's own.
        await Database.SendAsAsync(focal, new SubmitComments(source.Id, ReviewWorld.Step, [ReviewWorld.Comment("SPM", 9, 1, "=HYPERLINK(\"http://evil.example\",\"see\")"), ReviewWorld.Comment("SPM", 9, 2, "'- quoted list item")]));
        World.After(source);
        await Database.SendAsync(new RespondToComment(source.Id, ReviewWorld.Step, 7, ResponseStatus.Accepted, "Done."));

        var (file, _) = await World.ExportAsync(null, source.Id, format);
        var target = await World.AssessmentAsync("Target");
        var imported = await Database.SendAsync(new ImportComments(target.Id, ReviewWorld.Step, $"export.{format.ToString().ToLowerInvariant()}", file));

        imported.Accepted.ShouldBe(9);
        var before = await Database.SendAsync(new ListComments(source.Id, ReviewWorld.Step));
        var after = await Database.SendAsync(new ListComments(target.Id, ReviewWorld.Step));
        after.Select(Essence).ShouldBe(before.Select(Essence));
        before.Select(c => c.Chapter).ShouldBe(["1", "1", "1", "2", "2", "2", "SPM", "SPM", "SPM"], "the compilation's order: chapter, page, line");
        if (format == CommentFileFormat.Xlsx)
        {
            // Written as a stream, part by part: still a package the Open XML SDK finds nothing wrong with.
            using var package = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(file), isEditable: false);
            new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(package, TestContext.Current.CancellationToken).Select(e => $"{e.Part?.Uri}: {e.Description}").ShouldBeEmpty();
        }

        if (format == CommentFileFormat.Csv)
        {
            System.Text.Encoding.UTF8.GetString(file).ShouldContain("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"see\"\")\"", customMessage: "a formula-like cell is not run by a spreadsheet program");
        }
        (await Database.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == "review.comments-imported"))).ShouldBe(1);
    }

    [Fact]
    public async Task The_compilation_is_public_only_once_the_plenary_has_approved_the_assessment_with_each_reviewer_named_only_if_they_accepted()
    {
        var assessment = await World.AssessmentAsync("Publication", approvedByPlenary: true);
        World.During(assessment);
        var expert = await World.ExpertAsync(assessment);
        var shy = await World.PersonAsync("shy@example.org");
        await Database.SendAsAsync(shy, new RegisterForReview(assessment.Id, ReviewWorld.Step, ReviewerType.Expert, ["1"], AcceptTerms: true, CountryCode: "FR", Anonymous: true));
        await Database.SendAsAsync(expert, new SubmitComments(assessment.Id, ReviewWorld.Step, [ReviewWorld.Comment(page: 3)]));
        await Database.SendAsAsync(shy, new SubmitComments(assessment.Id, ReviewWorld.Step, [ReviewWorld.Comment(page: 4)]));
        World.After(assessment);

        await Should.ThrowAsync<ForbiddenException>(() => World.ExportAsync(TestActor.Anonymous, assessment.Id));
        await Should.ThrowAsync<ForbiddenException>(() => World.ExportAsync(expert, assessment.Id));
        (await World.ExportAsync(null, assessment.Id)).Sheet.Rows.Count.ShouldBe(2, "the secretariat reads it before");
        await World.ApproveAtPlenaryAsync(assessment);

        var published = (await World.ExportAsync(TestActor.Anonymous, assessment.Id)).Sheet;
        published.Headers.ShouldBe(["No.", "Chapter", "From page", "From line", "To page", "To line", "Comment", "Reviewer", "Country", "Organisation", "Reviewer type", "Response status", "Response", "Erratum"]);
        published.Rows.Select(r => (r.Cells[2], r.Cells[7], r.Cells[8], r.Cells[10])).ShouldBe([("3", "expert", "KE", "expert"), ("4", null, null, "expert")], "the anonymous reviewer is published without name and country");
        (await World.ExportAsync(null, assessment.Id)).Sheet.Rows[1].Cells[7].ShouldBe("shy", "the TSU and the secretariat keep the whole compilation");
    }

    [Fact]
    public async Task The_template_lists_the_chapters_and_an_empty_one_is_refused_as_having_no_comments()
    {
        var assessment = await World.AssessmentAsync("Template");
        World.During(assessment);
        var expert = await World.ExpertAsync(assessment);

        var template = await Database.SendAsAsync(expert, new GetCommentTemplate(assessment.Id, ReviewWorld.Step));
        var file = await World.WriteAsync(CommentFileFormat.Xlsx, template.Sheet);
        var chapters = World.Files.Read("template.xlsx", file, "Chapters");
        var empty = await Should.ThrowAsync<ValidationFailedException>(() => Database.SendAsAsync(expert, new UploadComments(assessment.Id, ReviewWorld.Step, "template.xlsx", file)));

        chapters.Rows.Select(r => (r.Cells[0], r.Cells[1])).ShouldBe([("1", "Introduction"), ("2", "Status and trends"), ("SPM", "Summary for policymakers")]);
        World.Files.Read("template.xlsx", file, CommentSheet.SheetName).Headers.ShouldBe(CommentSheet.TemplateColumns.Select(c => c.Header).ToList());
        empty.Errors.Single().Message.ShouldBe("Sheet 'Comments' has no comments under its header row.");
    }

    [Fact]
    public async Task A_reviewer_finds_the_open_and_upcoming_reviews_and_which_they_registered_for()
    {
        var soon = await World.AssessmentAsync("Closes first");
        var later = await Database.SendAsync(new CreateAssessment("single-review-deliverable", "Closes later", new DateOnly(2020, 3, 2)));
        await Database.SendAsync(new ConfigureReview(later.Id, ReviewWorld.Step, [new("1", "Only chapter")]));
        await Database.SendAsync(new CreateAssessment("single-review-deliverable", "Not set up", new DateOnly(2020, 1, 6)));
        World.During(soon);
        var expert = await World.ExpertAsync(soon);

        var open = await Database.SendAsAsync(expert, new ListReviews());
        World.After(soon);
        var afterFirstClosed = await Database.SendAsAsync(expert, new ListReviews());
        var all = await Database.SendAsAsync(expert, new ListReviews(IncludeClosed: true));

        open.Select(r => (r.AssessmentTitle, r.StepId, r.Registered, string.Join(",", r.Chapters))).ShouldBe([("Closes first", "external-review", true, "1,2,SPM"), ("Closes later", "external-review", false, "1")]);
        afterFirstClosed.Select(r => r.AssessmentTitle).ShouldBe(["Closes later"]);
        all.Count.ShouldBe(2, "a review nobody set up is not listed");
    }

    [Fact]
    public async Task A_chapter_with_comments_cannot_be_dropped_from_the_review()
    {
        var assessment = await World.AssessmentAsync("Chapters");
        World.During(assessment);
        var expert = await World.ExpertAsync(assessment);
        await Database.SendAsAsync(expert, new SubmitComments(assessment.Id, ReviewWorld.Step, [ReviewWorld.Comment("2")]));

        var refused = await Should.ThrowAsync<ConflictException>(() => Database.SendAsync(new ConfigureReview(assessment.Id, ReviewWorld.Step, [new("1", "Introduction")])));
        var renamed = await Database.SendAsync(new ConfigureReview(assessment.Id, ReviewWorld.Step, [new("spm", "SPM"), new("2", "Trends"), new("1", "Intro")]));

        refused.Message.ShouldBe("Chapter(s) 2 already have comments and cannot be removed from the review.");
        renamed.Chapters.Select(c => (c.Code, c.Title)).ShouldBe([("SPM", "SPM"), ("2", "Trends"), ("1", "Intro")]);
    }

    [Fact]
    public async Task A_page_of_comments_is_cut_from_the_published_order_in_the_database_and_holds_only_what_the_reader_may_read()
    {
        var assessment = await World.AssessmentAsync("Pages of comments");
        World.During(assessment);
        var expert = await World.ExpertAsync(assessment);
        var other = await World.ExpertAsync(assessment, "other.expert@example.org");
        // In an order of submission unlike the published one: chapters SPM, 2, 1 and pages out of order.
        await Database.SendAsAsync(expert, new SubmitComments(assessment.Id, ReviewWorld.Step,
            [.. Enumerable.Range(1, 7).Select(i => ReviewWorld.Comment(i % 3 == 0 ? "SPM" : i % 3 == 1 ? "2" : "1", page: 20 - i, text: $"Expert comment {i}."))]));
        await Database.SendAsAsync(other, new SubmitComments(assessment.Id, ReviewWorld.Step, [ReviewWorld.Comment("1", page: 1, text: "The other expert's.")]));
        var whole = (await Database.SendAsync(new ListComments(assessment.Id, ReviewWorld.Step))).Select(c => c.Number).ToList();

        var pages = new List<int>();
        for (var page = 1; page <= 3; page++)
        {
            var cut = await Database.SendAsync(new ListCommentPage(assessment.Id, ReviewWorld.Step, Page: page, PageSize: 3));
            cut.Total.ShouldBe(8);
            cut.Pages.ShouldBe(3);
            pages.AddRange(cut.Comments.Select(c => c.Number));
        }

        pages.ShouldBe(whole, "the pages, one after the other, are the published order");
        (await Database.SendAsync(new ListCommentPage(assessment.Id, ReviewWorld.Step, Page: 99, PageSize: 3))).Page.ShouldBe(3, "a page past the end is the last");
        var mine = await Database.SendAsAsync(other, new ListCommentPage(assessment.Id, ReviewWorld.Step));
        mine.Comments.Select(c => c.Text).ShouldBe(["The other expert's."]);
        var chapter = await Database.SendAsync(new ListCommentPage(assessment.Id, ReviewWorld.Step, Chapter: "SPM"));
        chapter.Comments.ShouldAllBe(c => c.Chapter == "SPM");
        chapter.Total.ShouldBe(2);
        var stranger = await World.PersonAsync("stranger@example.org");
        await Should.ThrowAsync<ForbiddenException>(() => Database.SendAsAsync(stranger, new ListCommentPage(assessment.Id, ReviewWorld.Step)));
    }

    private static object Essence(CommentView c) => (c.Chapter, c.FromPage, c.FromLine, c.ToPage, c.ToLine, c.Text, c.ReviewerType, c.ReviewerName, c.ReviewerCountry, c.ReviewerOrganisation);
}

[Collection(nameof(SqliteCollection))]
public sealed class ReviewCycleTests_on_Sqlite(SqliteDatabase database) : ReviewCycleTests<SqliteDatabase>(database);

[Collection(nameof(PostgresCollection))]
public sealed class ReviewCycleTests_on_Postgres(PostgresDatabase database) : ReviewCycleTests<PostgresDatabase>(database);
