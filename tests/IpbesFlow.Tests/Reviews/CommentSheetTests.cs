using IpbesFlow.Common;
using IpbesFlow.Reviews;
using Shouldly;

namespace IpbesFlow.Tests.Reviews;

public sealed class CommentSheetTests
{
    private static readonly DateTimeOffset Now = new(2019, 8, 1, 12, 0, 0, TimeSpan.Zero);

    private static ReviewRound Round()
    {
        var round = ReviewRound.Create(Guid.NewGuid(), "fod-review", Now, "tsu@example.org");
        round.Configure([("1", "Introduction"), ("2", "Trends"), ("SPM", "Summary")], null, 500, new HashSet<string>(StringComparer.Ordinal), Now, "tsu@example.org");
        return round;
    }

    private static SheetTable Table(string[] headers, params string?[][] rows) =>
        new("Comments", headers, [.. rows.Select((r, i) => new SheetRow(i + 2, r))]);

    [Theory]
    [InlineData(0, "A")]
    [InlineData(6, "G")]
    [InlineData(25, "Z")]
    [InlineData(26, "AA")]
    [InlineData(701, "ZZ")]
    [InlineData(702, "AAA")]
    public void Columns_are_lettered_as_spreadsheets_letter_them(int index, string letters) =>
        CommentSheet.ColumnLetter(index).ShouldBe(letters);

    [Fact]
    public void Columns_may_come_in_any_order_and_case_blank_rows_are_skipped_and_a_number_may_be_written_12_0()
    {
        var rows = CommentSheet.Read(
            Table(["comment", "TO LINE", "Chapter", "From page", "From line", "To page"], ["Units missing.", null, " spm ", "12.0", "3", null], [null, null, "", "  ", null, null], ["Second.", "9", "1", "4", "2", "5"]),
            Round(), withReviewer: false);

        rows.Select(r => (r.Number, r.Comment)).ShouldBe(
        [
            (2, new CommentInput(" spm ", 12, 3, null, null, "Units missing.")),
            (4, new CommentInput("1", 4, 2, 5, 9, "Second.")),
        ]);
        rows[0].Reviewer.ShouldBeNull();
    }

    [Fact]
    public void The_reviewer_columns_are_required_for_an_import_and_checked()
    {
        var headers = CommentSheet.ExportColumns.Select(c => c.Header).ToArray();
        var refused = Should.Throw<ValidationFailedException>(() => CommentSheet.Read(
            Table(headers, ["1", "1", "3", "10", "3", "10", "Fine.", "", "KEN", null, "ministry", null, null]),
            Round(), withReviewer: true));

        refused.Errors.Select(e => e.Field).ShouldBe(["Comments!H2", "Comments!I2", "Comments!K2"]);
        refused.Errors[2].Message.ShouldBe("Sheet 'Comments', row 2, column K (Reviewer type): give expert, government or organisation; found 'ministry'.");
    }

    [Fact]
    public void A_sheet_full_of_problems_reports_the_first_ones_and_says_there_are_more()
    {
        var headers = CommentSheet.TemplateColumns.Select(c => c.Header).ToArray();
        var bad = Enumerable.Range(0, CommentSheet.MaxReportedProblems + 50).Select(_ => new string?[] { null, "9", "1", "1", null, null, "x" }).ToArray();

        var refused = Should.Throw<ValidationFailedException>(() => CommentSheet.Read(Table(headers, bad), Round(), withReviewer: false));

        refused.Errors.Count.ShouldBe(CommentSheet.MaxReportedProblems + 1);
        refused.Errors[^1].Message.ShouldBe($"Sheet 'Comments': more problems than the first {CommentSheet.MaxReportedProblems} shown; correct these and upload again.");
    }

    [Fact]
    public void A_comment_on_a_single_line_leaves_the_end_empty_and_a_page_alone_keeps_the_start_line()
    {
        var round = Round();

        new CommentInput("2", 4, 7, null, null, "One line.").Problems(round).ShouldBeEmpty();
        new CommentInput("2", 4, 7, 6, null, "To page 6, same line number.").Problems(round).ShouldBeEmpty();
        new CommentInput("2", 4, 7, null, 3, "Back to line 3 of page 4.").Problems(round).Single().ShouldBe(new FieldError("toLine", "The end (page 4, line 3) is before the start (page 4, line 7)."));
        new CommentInput("2", 4, 7, null, null, new string('x', 501)).Problems(round).Single().Field.ShouldBe("text");
        new CommentInput("2", 4, 7, null, null, "  spaces and\r\nWindows line ends  ").Problems(round).ShouldBeEmpty();
        CommentInput.NormalizeText("  spaces and\r\nWindows line ends  ").ShouldBe("spaces and\nWindows line ends");
    }

    [Fact]
    public void Setting_chapters_again_reorders_and_renames_them_and_keeps_a_sign_off()
    {
        var round = Round();
        round.Chapter("1").SignOff(0, Now, "editor@example.org");

        round.Configure([("spm", "SPM"), ("1", "Intro")], null, null, new HashSet<string>(StringComparer.Ordinal), Now, "tsu@example.org");

        round.Chapters.OrderBy(c => c.Ordinal).Select(c => (c.Code, c.Title, c.SignedOffBy)).ShouldBe([("SPM", "SPM", null), ("1", "Intro", "editor@example.org")]);
        round.MaxCommentLength.ShouldBe(500, "left as it was when not given");
        Should.Throw<ConflictException>(() => round.Configure([("1", "Intro")], null, null, new HashSet<string>(["SPM"], StringComparer.Ordinal), Now, "tsu@example.org"))
            .Message.ShouldBe("Chapter(s) SPM already have comments and cannot be removed from the review.");
    }
}
