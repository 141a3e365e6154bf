using System.Globalization;
using IpbesFlow.Common;

namespace IpbesFlow.Reviews;

/// <summary>The review-comment template and the published compilation as sheets: their columns, and the reading of a
/// filled-in sheet into comments. Every problem is named by sheet, row and column (<c>Comments!D7</c>) and all of them
/// are reported at once, up to <see cref="MaxReportedProblems"/>.</summary>
public static class CommentSheet
{
    public const string SheetName = "Comments";
    public const int MaxReportedProblems = 200;

    public const string Number = "No.";
    public const string Chapter = "Chapter";
    public const string FromPage = "From page";
    public const string FromLine = "From line";
    public const string ToPage = "To page";
    public const string ToLine = "To line";
    public const string Comment = "Comment";
    public const string ReviewerName = "Reviewer";
    public const string Country = "Country";
    public const string Organisation = "Organisation";
    public const string Type = "Reviewer type";
    public const string ResponseStatus = "Response status";
    public const string Response = "Response";
    public const string Erratum = "Erratum";

    /// <summary>What a reviewer fills in. The number is the reviewer's own and optional.</summary>
    public static IReadOnlyList<SheetColumn> TemplateColumns { get; } =
    [
        new(Number, ColumnKind.WholeNumber, 7),
        new(Chapter, ColumnKind.Chapter, 10),
        new(FromPage, ColumnKind.WholeNumber, 10),
        new(FromLine, ColumnKind.WholeNumber, 10),
        new(ToPage, ColumnKind.WholeNumber, 10),
        new(ToLine, ColumnKind.WholeNumber, 10),
        new(Comment, ColumnKind.Comment, 100),
    ];

    /// <summary>The published compilation: the comment's number in the review, the template's fields, who made it and
    /// the authors' response. It can be imported again (the TSU's import reads the reviewer columns).</summary>
    public static IReadOnlyList<SheetColumn> ExportColumns { get; } =
    [
        new(Number, ColumnKind.WholeNumber, 7),
        new(Chapter, ColumnKind.Text, 10),
        new(FromPage, ColumnKind.WholeNumber, 10),
        new(FromLine, ColumnKind.WholeNumber, 10),
        new(ToPage, ColumnKind.WholeNumber, 10),
        new(ToLine, ColumnKind.WholeNumber, 10),
        new(Comment, ColumnKind.Text, 80),
        new(ReviewerName, ColumnKind.Text, 30),
        new(Country, ColumnKind.Text, 9),
        new(Organisation, ColumnKind.Text, 30),
        new(Type, ColumnKind.Text, 14),
        new(ResponseStatus, ColumnKind.Text, 18),
        new(Response, ColumnKind.Text, 80),
        new(Erratum, ColumnKind.Text, 40),
    ];

    private static readonly string[] Required = [Chapter, FromPage, FromLine, ToPage, ToLine, Comment];
    private static readonly string[] ReviewerColumns = [ReviewerName, Country, Organisation, Type];

    /// <summary>A row read from a sheet: the comment, whom it is from and the authors' response when the sheet says so
    /// (a compilation imported), and its row number.</summary>
    public sealed record Row(int Number, CommentInput Comment, Reviewer? Reviewer, CommentResponse? Response = null);

    /// <summary>Reads every row into a comment, or throws with every problem found. With <paramref name="withReviewer"/>
    /// (the TSU importing comments received otherwise) the reviewer columns are required too, and a response given in
    /// the response columns comes with its comment. With <paramref name="chapters"/> (a reviewer's registration) only
    /// those chapters are taken.</summary>
    public static IReadOnlyList<Row> Read(SheetTable table, ReviewRound round, bool withReviewer, IReadOnlyCollection<string>? chapters = null)
    {
        var problems = new List<FieldError>();
        var columns = Columns(table, withReviewer, problems);
        if (problems.Count > 0)
        {
            throw new ValidationFailedException(problems);
        }

        var rows = new List<Row>(table.Rows.Count);
        foreach (var row in table.Rows)
        {
            string? Cell(string header) => columns.TryGetValue(header, out var i) && i < row.Cells.Count ? row.Cells[i] : null;
            if (row.Cells.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            var fromPage = WholeNumber(table, row, columns, FromPage, problems);
            var fromLine = WholeNumber(table, row, columns, FromLine, problems);
            var toPage = WholeNumber(table, row, columns, ToPage, problems);
            var toLine = WholeNumber(table, row, columns, ToLine, problems);
            var input = new CommentInput(Cell(Chapter), fromPage.Value, fromLine.Value, toPage.Value, toLine.Value, Cell(Comment));
            if (fromPage.Parsed && fromLine.Parsed && toPage.Parsed && toLine.Parsed)
            {
                foreach (var problem in input.Problems(round, chapters))
                {
                    problems.Add(At(table, row.Number, columns, HeaderOf(problem.Field), problem.Message));
                }
            }

            var reviewer = withReviewer ? ReadReviewer(table, row, columns, Cell, problems) : null;
            var response = withReviewer ? ReadResponse(table, row, columns, Cell, problems) : null;
            rows.Add(new Row(row.Number, input, reviewer, response));
            if (problems.Count >= MaxReportedProblems)
            {
                problems.Add(new FieldError(table.Sheet, $"Sheet '{table.Sheet}': more problems than the first {MaxReportedProblems} shown; correct these and upload again."));
                break;
            }
        }

        if (problems.Count > 0)
        {
            throw new ValidationFailedException(problems);
        }

        if (rows.Count == 0)
        {
            throw new ValidationFailedException(table.Sheet, $"Sheet '{table.Sheet}' has no comments under its header row.");
        }

        return rows;
    }

    /// <summary>The column letter of a zero-based column index: 0 is A, 26 is AA.</summary>
    public static string ColumnLetter(int index)
    {
        var letters = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            letters = (char)('A' + ((n - 1) % 26)) + letters;
        }

        return letters;
    }

    public static string ReviewerTypeName(ReviewerType type) => type.ToString().ToLowerInvariant();

    public static string ResponseStatusName(ResponseStatus status) => status switch
    {
        Reviews.ResponseStatus.TakenIntoAccount => "Taken into account",
        _ => status.ToString(),
    };

    /// <summary>A status as the compilation writes it, or as the API does (taken-into-account), in any case.</summary>
    public static ResponseStatus? ParseResponseStatus(string? text) =>
        Enum.GetValues<ResponseStatus>().Select(s => (ResponseStatus?)s).FirstOrDefault(s =>
            string.Equals(text?.Trim(), ResponseStatusName(s!.Value), StringComparison.OrdinalIgnoreCase)
            || string.Equals(text?.Trim(), System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(s.Value.ToString()), StringComparison.OrdinalIgnoreCase));

    private static Dictionary<string, int> Columns(SheetTable table, bool withReviewer, List<FieldError> problems)
    {
        var known = (withReviewer ? ExportColumns : TemplateColumns).Select(c => c.Header).ToList();
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < table.Headers.Count; i++)
        {
            var header = table.Headers[i].Trim();
            if (header.Length == 0)
            {
                continue;
            }

            var match = known.Find(k => string.Equals(k, header, StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                problems.Add(new FieldError($"{table.Sheet}!{ColumnLetter(i)}1", $"Sheet '{table.Sheet}', row 1, column {ColumnLetter(i)}: '{header}' is not a column of the template. Its columns are {string.Join(", ", known)}; use the template without renaming its columns."));
            }
            else if (!columns.TryAdd(match, i))
            {
                problems.Add(new FieldError($"{table.Sheet}!{ColumnLetter(i)}1", $"Sheet '{table.Sheet}', row 1, column {ColumnLetter(i)}: the column '{match}' appears twice (also in column {ColumnLetter(columns[match])})."));
            }
        }

        foreach (var missing in Required.Concat(withReviewer ? ReviewerColumns : []).Where(r => !columns.ContainsKey(r)))
        {
            problems.Add(new FieldError($"{table.Sheet}!1", $"Sheet '{table.Sheet}', row 1: the column '{missing}' is missing. The template's columns are {string.Join(", ", known)}; use the template without renaming its columns."));
        }

        return columns;
    }

    private static (int? Value, bool Parsed) WholeNumber(SheetTable table, SheetRow row, Dictionary<string, int> columns, string header, List<FieldError> problems)
    {
        var index = columns[header];
        var text = index < row.Cells.Count ? row.Cells[index]?.Trim() : null;
        if (string.IsNullOrEmpty(text))
        {
            return (null, true);
        }

        // A spreadsheet stores 12 as "12" and sometimes as "12.0".
        if (decimal.TryParse(text, NumberStyles.Integer | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
            && number == decimal.Truncate(number) && number is >= 1 and <= int.MaxValue)
        {
            return ((int)number, true);
        }

        problems.Add(At(table, row.Number, columns, header, $"must be a whole number of 1 or more; found '{text}'."));
        return (null, false);
    }

    private static Reviewer? ReadReviewer(SheetTable table, SheetRow row, Dictionary<string, int> columns, Func<string, string?> cell, List<FieldError> problems)
    {
        var name = cell(ReviewerName)?.Trim();
        var country = cell(Country)?.Trim().ToUpperInvariant();
        var organisation = cell(Organisation)?.Trim();
        var typeText = cell(Type)?.Trim();
        var ok = true;
        if (string.IsNullOrEmpty(name))
        {
            problems.Add(At(table, row.Number, columns, ReviewerName, "give the reviewer's name."));
            ok = false;
        }

        if (!string.IsNullOrEmpty(country) && (country.Length != 2 || !country.All(char.IsAsciiLetter)))
        {
            problems.Add(At(table, row.Number, columns, Country, $"give a two-letter ISO 3166 country code; found '{country}'."));
            ok = false;
        }

        if (!Enum.TryParse<ReviewerType>(typeText, ignoreCase: true, out var type) || !Enum.IsDefined(type))
        {
            problems.Add(At(table, row.Number, columns, Type, $"give expert, government or organisation; found '{typeText}'."));
            ok = false;
        }

        return ok ? new Reviewer(type, name!, string.IsNullOrEmpty(country) ? null : country, string.IsNullOrEmpty(organisation) ? null : organisation, null) : null;
    }

    // A compilation carries the authors' responses: an import keeps them (a status with its text, or neither).
    private static CommentResponse? ReadResponse(SheetTable table, SheetRow row, Dictionary<string, int> columns, Func<string, string?> cell, List<FieldError> problems)
    {
        var statusText = cell(ResponseStatus)?.Trim();
        var text = cell(Response)?.Trim();
        if (string.IsNullOrEmpty(statusText))
        {
            if (!string.IsNullOrEmpty(text))
            {
                problems.Add(At(table, row.Number, columns, ResponseStatus, "a response needs its status: Accepted, Taken into account, Noted or Rejected."));
            }

            return null;
        }

        if (ParseResponseStatus(statusText) is not { } status)
        {
            problems.Add(At(table, row.Number, columns, ResponseStatus, $"give Accepted, Taken into account, Noted or Rejected; found '{statusText}'."));
            return null;
        }

        if (status == Reviews.ResponseStatus.Rejected && string.IsNullOrEmpty(text))
        {
            problems.Add(At(table, row.Number, columns, columns.ContainsKey(Response) ? Response : ResponseStatus, "a rejected comment needs the reason."));
            return null;
        }

        return new CommentResponse(status, text ?? string.Empty);
    }

    private static string HeaderOf(string field) => field switch
    {
        "chapter" => Chapter,
        "fromPage" => FromPage,
        "fromLine" => FromLine,
        "toPage" => ToPage,
        "toLine" => ToLine,
        _ => Comment,
    };

    private static FieldError At(SheetTable table, int row, Dictionary<string, int> columns, string header, string message)
    {
        var letter = ColumnLetter(columns[header]);
        return new FieldError($"{table.Sheet}!{letter}{row}", $"Sheet '{table.Sheet}', row {row}, column {letter} ({header}): {message}");
    }
}
