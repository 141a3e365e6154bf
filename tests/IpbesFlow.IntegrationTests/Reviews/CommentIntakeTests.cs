using System.Text;
using IpbesFlow.Assessments;
using IpbesFlow.Common;
using IpbesFlow.IntegrationTests.Fixtures;
using IpbesFlow.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace IpbesFlow.IntegrationTests.Reviews;

/// <summary>Comments taken in through the API and in files, on a real database: the deadline to the second, every
/// bad input named with nothing stored, uploads all or nothing and never twice, and text in every UN language intact.</summary>
public abstract class CommentIntakeTests<TDatabase>(TDatabase database) : DatabaseTest<TDatabase>(database)
    where TDatabase : DatabaseFixture
{
    private ReviewWorld World => new(Database);

    [Fact]
    public async Task A_file_is_read_before_its_command_begins_a_transaction_so_reading_it_holds_the_database_up_for_no_one()
    {
        var assessment = await World.AssessmentAsync("Read first");
        World.During(assessment);
        var expert = await World.ExpertAsync(assessment);
        var file = await World.XlsxAsync(CommentSheet.TemplateColumns, [1, "1", 3, 10, null, null, "Read outside the transaction."]);
        var seen = new List<string>();
        var watching = new WatchingCommentFiles(World.Files, () => seen.Add(OtherWritersMeetAsync().GetAwaiter().GetResult()));
        await using var services = DatabaseFixture.BuildServices(Database.Settings, Database.Clock, s => s.AddSingleton<ICommentFiles>(watching));

        await using (var scope = services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ActingAs>().Actor = expert;
            (await scope.ServiceProvider.GetRequiredService<Mediator.ISender>().Send(new UploadComments(assessment.Id, ReviewWorld.Step, "comments.xlsx", file), TestContext.Current.CancellationToken)).Accepted.ShouldBe(1);
        }

        seen.ShouldBe(["nothing held"], "while the file was read, no transaction of the upload held the database");
    }

    // What another writer meets at this moment: on SQLite, whether it could take the write lock at once; on PostgreSQL,
    // whether some session of this database sits inside a transaction.
    private async Task<string> OtherWritersMeetAsync()
    {
        if (Database.Provider == IpbesFlow.Configuration.DatabaseProvider.Sqlite)
        {
            await using var sqlite = new Microsoft.Data.Sqlite.SqliteConnection(Database.Settings.ConnectionString);
            await sqlite.OpenAsync();
            await using var write = sqlite.CreateCommand();
            write.CommandText = "BEGIN IMMEDIATE; ROLLBACK;";
            write.CommandTimeout = 1;
            try
            {
                await write.ExecuteNonQueryAsync();
                return "nothing held";
            }
            catch (Microsoft.Data.Sqlite.SqliteException e) when (e.SqliteErrorCode == 5)
            {
                return "the write lock was held";
            }
        }

        await using var postgres = new Npgsql.NpgsqlConnection(Database.Settings.ConnectionString);
        await postgres.OpenAsync();
        await using var sessions = new Npgsql.NpgsqlCommand("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state LIKE 'idle in transaction%'", postgres);
        return (long)(await sessions.ExecuteScalarAsync())! == 0 ? "nothing held" : "a transaction was open";
    }

    private sealed class WatchingCommentFiles(ICommentFiles files, Action whileReading) : ICommentFiles
    {
        public SheetTable Read(string fileName, byte[] content, string sheet)
        {
            whileReading();
            return files.Read(fileName, content, sheet);
        }

        public Task<int> WriteAsync(Stream output, CommentFileFormat format, SheetContent content, CancellationToken cancellationToken) => files.WriteAsync(output, format, content, cancellationToken);
    }

    [Fact]
    public async Task A_comment_one_second_before_the_close_is_taken_and_one_second_after_is_refused_whether_or_not_the_close_timer_fired()
    {
        var assessment = await World.AssessmentAsync("Deadline");
        var review = ReviewWorld.Review(assessment);
        Database.Clock.SetUtcNow(review.OpensAt!.Value.AddDays(-1));
        var expert = await World.ExpertAsync(assessment);

        var early = await Should.ThrowAsync<ConflictException>(() => Database.SendAsAsync(expert, new SubmitComments(assessment.Id, ReviewWorld.Step, [ReviewWorld.Comment()])));
        early.Message.ShouldContain($"opens at {review.OpensAt:yyyy-MM-ddTHH:mm:ssZ}");

        Database.Clock.SetUtcNow(review.ClosesAt!.Value.AddSeconds(-1));
        var taken = await Database.SendAsAsync(expert, new SubmitComments(assessment.Id, ReviewWorld.Step, [ReviewWorld.Comment()]));
        taken.ShouldBe(new SubmissionResult(1, 1, 1, "expert"));

        // The close timer has not run: the step is still open in the database, and the comment is refused all the same.
        Database.Clock.SetUtcNow(review.ClosesAt!.Value.AddSeconds(1));
        (await Database.SendAsync(new GetAssessment(assessment.Id))).Steps.Single(s => s.Id == ReviewWorld.Step).State.ShouldBe(StepState.Scheduled);
        var late = await Should.ThrowAsync<ConflictException>(() => Database.SendAsAsync(expert, new SubmitComments(assessment.Id, ReviewWorld.Step, [ReviewWorld.Comment()])));
        late.Message.ShouldContain($"closed at {review.ClosesAt:yyyy-MM-ddTHH:mm:ssZ}");

        // Now the timer runs (the window opens and closes in one catch-up): still refused, same words.
        await Database.SendAsync(new AdvanceDueSteps());
        (await Database.SendAsync(new GetAssessment(assessment.Id))).Steps.Single(s => s.Id == ReviewWorld.Step).State.ShouldBe(StepState.Closed);
        (await Should.ThrowAsync<ConflictException>(() => Database.SendAsAsync(expert, new SubmitComments(assessment.Id, ReviewWorld.Step, [ReviewWorld.Comment()]))))
            .Message.ShouldBe(late.Message);
        (await World.CommentCount(assessment.Id)).ShouldBe(1);
    }

    [Fact]
    public async Task Reviewers_submitting_at_the_same_moment_are_all_taken_with_distinct_numbers_and_none_lost()
    {
        var assessment = await World.AssessmentAsync("Last day");
        World.During(assessment);
        var reviewers = new List<TestActor>();
        for (var i = 0; i < 8; i++)
        {
            reviewers.Add(await World.ExpertAsync(assessment, $"expert{i}@example.org"));
        }

        var results = await Task.WhenAll(reviewers.Select((reviewer, i) => Database.SendAsAsync(reviewer,
            new SubmitComments(assessment.Id, ReviewWorld.Step, [.. Enumerable.Range(1, 25).Select(line => ReviewWorld.Comment("1", i + 1, line))]))));

        results.Sum(r => r.Accepted).ShouldBe(200);
        var numbers = (await Database.SendAsync(new ListComments(assessment.Id, ReviewWorld.Step))).Select(c => c.Number).Order().ToList();
        numbers.ShouldBe(Enumerable.Range(1, 200).ToList(), "every comment numbered once, no gaps");
        results.ShouldAllBe(r => r.LastNumber - r.FirstNumber == 24, "each batch gets a run of consecutive numbers");
    }

    [Fact]
    public async Task Every_bad_comment_sent_through_the_api_is_named_by_its_field_and_nothing_of_the_batch_is_stored()
    {
        var assessment = await World.AssessmentAsync("Bad input");
        World.During(assessment);
        var expert = await World.ExpertAsync(assessment);

        var refused = await Should.ThrowAsync<ValidationFailedException>(() => Database.SendAsAsync(expert, new SubmitComments(assessment.Id, ReviewWorld.Step,
        [
            ReviewWorld.Comment(),
            ReviewWorld.Comment(chapter: "9"),
            ReviewWorld.Comment(page: 0),
            ReviewWorld.Comment(line: -4),
            ReviewWorld.Comment(page: 5, line: 20, toPage: 5, toLine: 3),
            ReviewWorld.Comment(page: 5, toPage: 4),
            ReviewWorld.Comment(text: "   "),
            ReviewWorld.Comment(text: new string('x', ReviewRound.DefaultMaxCommentLength + 1)),
            ReviewWorld.Comment(text: "bell\u0007"),
            new CommentInput(null, null, 2, null, null, "no chapter, no page"),
        ])));

        var errors = refused.Errors.ToDictionary(e => e.Field, e => e.Message, StringComparer.Ordinal);
        errors.Keys.ShouldNotContain(k => k.StartsWith("comments[0]", StringComparison.Ordinal));
        errors["comments[1].chapter"].ShouldBe("'9' is not a chapter of this review; the chapters are 1, 2, SPM.");
        errors["comments[2].fromPage"].ShouldBe("Must be a whole number of 1 or more; found 0.");
        errors["comments[3].fromLine"].ShouldBe("Must be a whole number of 1 or more; found -4.");
        errors["comments[4].toLine"].ShouldBe("The end (page 5, line 3) is before the start (page 5, line 20).");
        errors["comments[5].toPage"].ShouldBe("The end (page 4, line 10) is before the start (page 5, line 10).");
        errors["comments[6].text"].ShouldBe("The comment is empty.");
        errors["comments[7].text"].ShouldBe($"The comment has {ReviewRound.DefaultMaxCommentLength + 1} characters; this review takes at most {ReviewRound.DefaultMaxCommentLength}. Split it into several comments.");
        errors["comments[8].text"].ShouldBe("The comment contains the control character U+0007 at position 5; remove it.");
        errors["comments[9].chapter"].ShouldBe("Give the chapter the comment is about.");
        errors["comments[9].fromPage"].ShouldBe("Give a page or line number (a whole number of 1 or more).");
        (await World.CommentCount(assessment.Id)).ShouldBe(0);
        (await World.LastNumber(assessment.Id)).ShouldBe(0, "no number was used up");
    }

    [Fact]
    public async Task A_spreadsheet_with_bad_rows_is_refused_whole_naming_sheet_row_and_column_of_each_problem()
    {
        var assessment = await World.AssessmentAsync("Bad sheet");
        World.During(assessment);
        var expert = await World.ExpertAsync(assessment);
        var file = await World.XlsxAsync(CommentSheet.TemplateColumns,
            [1, "1", 3, 10, 3, 12, "A good comment."],
            [2, "Chapter 7", 3, 10, null, null, "Unknown chapter."],
            [3, "2", "three", 10, null, null, "A page that is not a number."],
            [4, "2", 4, 10, 4, 2, "An end before its start."],
            [5, "SPM", 1, 1, null, null, null],
            [6, "1", 2.5m, 1, null, null, "Half a page."]);

        var refused = await Should.ThrowAsync<ValidationFailedException>(() => Database.SendAsAsync(expert, new UploadComments(assessment.Id, ReviewWorld.Step, "comments.xlsx", file)));

        refused.Errors.Select(e => (e.Field, e.Message)).ShouldBe(
        [
            ("Comments!B3", "Sheet 'Comments', row 3, column B (Chapter): 'Chapter 7' is not a chapter of this review; the chapters are 1, 2, SPM."),
            ("Comments!C4", "Sheet 'Comments', row 4, column C (From page): must be a whole number of 1 or more; found 'three'."),
            ("Comments!F5", "Sheet 'Comments', row 5, column F (To line): The end (page 4, line 2) is before the start (page 4, line 10)."),
            ("Comments!G6", "Sheet 'Comments', row 6, column G (Comment): The comment is empty."),
            ("Comments!C7", "Sheet 'Comments', row 7, column C (From page): must be a whole number of 1 or more; found '2.5'."),
        ]);
        (await World.CommentCount(assessment.Id)).ShouldBe(0, "an upload is all or nothing");
        (await Database.QueryAsync(db => db.CommentUploads.CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task A_template_with_a_missing_or_renamed_column_is_refused_naming_the_column()
    {
        var assessment = await World.AssessmentAsync("Columns");
        World.During(assessment);
        var expert = await World.ExpertAsync(assessment);
        SheetColumn[] renamed = [.. CommentSheet.TemplateColumns.Select(c => c.Header == CommentSheet.FromLine ? c with { Header = "Line from" } : c)];
        var xlsx = await World.XlsxAsync(renamed, [1, "1", 3, 10, null, null, "Fine otherwise."]);
        var csv = ReviewWorld.Csv("Chapter,From page,From line,To page,Comment\n1,3,10,3,Fine otherwise.\n");

        var fromXlsx = await Should.ThrowAsync<ValidationFailedException>(() => Database.SendAsAsync(expert, new UploadComments(assessment.Id, ReviewWorld.Step, "comments.xlsx", xlsx)));
        var fromCsv = await Should.ThrowAsync<ValidationFailedException>(() => Database.SendAsAsync(expert, new UploadComments(assessment.Id, ReviewWorld.Step, "comments.csv", csv)));

        fromXlsx.Errors.Select(e => e.Field).ShouldBe(["Comments!D1", "Comments!1"]);
        fromXlsx.Errors[0].Message.ShouldStartWith("Sheet 'Comments', row 1, column D: 'Line from' is not a column of the template.");
        fromXlsx.Errors[1].Message.ShouldStartWith("Sheet 'Comments', row 1: the column 'From line' is missing.");
        fromCsv.Errors.Single().ShouldBe(new FieldError("comments.csv!1", "Sheet 'comments.csv', row 1: the column 'To line' is missing. The template's columns are No., Chapter, From page, From line, To page, To line, Comment; use the template without renaming its columns."));
        (await World.CommentCount(assessment.Id)).ShouldBe(0);
    }

    [Fact]
    public async Task A_csv_that_is_not_utf8_or_a_file_that_is_not_a_workbook_is_refused_saying_where_and_what_to_do()
    {
        var assessment = await World.AssessmentAsync("Encodings");
        World.During(assessment);
        var expert = await World.ExpertAsync(assessment);
        // "Préciser" saved as Latin-1 by an old spreadsheet program: é is the single byte 0xE9.
        var latin1 = Encoding.Latin1.GetBytes("Chapter,From page,From line,To page,To line,Comment\n1,3,10,,,Fine\n2,4,1,,,Préciser la source\n");

        var csv = await Should.ThrowAsync<ValidationFailedException>(() => Database.SendAsAsync(expert, new UploadComments(assessment.Id, ReviewWorld.Step, "comments.csv", latin1)));
        var broken = await Should.ThrowAsync<ValidationFailedException>(() => Database.SendAsAsync(expert, new UploadComments(assessment.Id, ReviewWorld.Step, "comments.xlsx", [0x50, 0x4B, 0x03, 0x04, 1, 2, 3])));
        var sheet1 = await World.WriteAsync(CommentFileFormat.Xlsx, new SheetContent("Sheet1", CommentSheet.TemplateColumns, AsyncEnumerable.Empty<IReadOnlyList<object?>>()));
        var noSheet = await Should.ThrowAsync<ValidationFailedException>(() => Database.SendAsAsync(expert, new UploadComments(assessment.Id, ReviewWorld.Step, "comments.xlsx", sheet1)));

        csv.Errors.Single().Message.ShouldBe("comments.csv, row 3, column F: byte 0xE9 is not UTF-8. The file is not UTF-8 text: save it as CSV UTF-8 (comma delimited), or upload the .xlsx template.");
        broken.Errors.Single().Message.ShouldStartWith("comments.xlsx is not a readable .xlsx workbook");
        noSheet.Errors.Single().Message.ShouldBe("comments.xlsx has no sheet named 'Comments' (its sheets: 'Sheet1'). Put the comments in the template's 'Comments' sheet.");
        (await World.CommentCount(assessment.Id)).ShouldBe(0);
    }

    [Fact]
    public void A_file_with_more_rows_than_any_review_is_refused_before_it_is_read_whole()
    {
        var csv = new StringBuilder("Chapter,From page,From line,To page,To line,Comment\n");
        for (var i = 0; i < 100_001; i++)
        {
            csv.Append("1,1,1,,,x\n");
        }

        var refused = Should.Throw<ValidationFailedException>(() => World.Files.Read("huge.csv", Encoding.UTF8.GetBytes(csv.ToString()), CommentSheet.SheetName));

        refused.Errors.Single().Message.ShouldBe("'huge.csv' has more than 100,000 rows: split the comments into several files.");
    }

    [Fact]
    public async Task The_same_file_uploaded_twice_adds_nothing_and_answers_with_the_first_numbers()
    {
        var assessment = await World.AssessmentAsync("Twice");
        World.During(assessment);
        var expert = await World.ExpertAsync(assessment);
        await Database.SendAsAsync(expert, new SubmitComments(assessment.Id, ReviewWorld.Step, [ReviewWorld.Comment()]));
        var file = await World.XlsxAsync(CommentSheet.TemplateColumns, [1, "1", 3, 10, null, null, "One."], [2, "2", 4, 1, 4, 9, "Two."]);

        var first = await Database.SendAsAsync(expert, new UploadComments(assessment.Id, ReviewWorld.Step, "mine.xlsx", file));
        var second = await Database.SendAsAsync(expert, new UploadComments(assessment.Id, ReviewWorld.Step, "mine (1).xlsx", file));

        first.ShouldBe(new SubmissionResult(2, 2, 3, "expert"));
        second.ShouldBe(first with { AlreadyTaken = true });
        (await World.CommentCount(assessment.Id)).ShouldBe(3);
    }

    [Fact]
    public async Task Text_in_the_six_un_languages_comes_back_unchanged_through_xlsx_csv_and_the_api()
    {
        var assessment = await World.AssessmentAsync("Languages");
        World.During(assessment);
        var expert = await World.ExpertAsync(assessment);
        var rows = ReviewWorld.UnTexts.Select((t, i) => (IReadOnlyList<object?>)[i + 1, "1", i + 1, 1, null, null, t]).ToArray();
        var csv = await World.WriteAsync(CommentFileFormat.Csv, new SheetContent(CommentSheet.SheetName, CommentSheet.TemplateColumns, rows.Select(r => (IReadOnlyList<object?>)[.. r.Take(2), 100 + (int)r[2]!, .. r.Skip(3)]).ToAsyncEnumerable()));

        await Database.SendAsAsync(expert, new UploadComments(assessment.Id, ReviewWorld.Step, "languages.xlsx", await World.XlsxAsync(CommentSheet.TemplateColumns, rows)));
        await Database.SendAsAsync(expert, new UploadComments(assessment.Id, ReviewWorld.Step, "languages.csv", csv));
        await Database.SendAsAsync(expert, new SubmitComments(assessment.Id, ReviewWorld.Step, [.. ReviewWorld.UnTexts.Select((t, i) => ReviewWorld.Comment(page: 200 + i, text: t))]));

        var stored = await Database.SendAsAsync(expert, new ListComments(assessment.Id, ReviewWorld.Step));
        stored.Count.ShouldBe(18);
        stored.Select(c => c.Text).ShouldBe([.. ReviewWorld.UnTexts, .. ReviewWorld.UnTexts, .. ReviewWorld.UnTexts]);
    }
}

[Collection(nameof(SqliteCollection))]
public sealed class CommentIntakeTests_on_Sqlite(SqliteDatabase database) : CommentIntakeTests<SqliteDatabase>(database);

[Collection(nameof(PostgresCollection))]
public sealed class CommentIntakeTests_on_Postgres(PostgresDatabase database) : CommentIntakeTests<PostgresDatabase>(database);
