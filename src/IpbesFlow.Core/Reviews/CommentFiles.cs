namespace IpbesFlow.Reviews;

/// <summary>A sheet as read from an .xlsx workbook or a CSV file: its header row and its data rows, with the row
/// numbers the reviewer sees in their spreadsheet program (the header is row 1).</summary>
public sealed record SheetTable(string Sheet, IReadOnlyList<string> Headers, IReadOnlyList<SheetRow> Rows);

public sealed record SheetRow(int Number, IReadOnlyList<string?> Cells);

public enum CommentFileFormat
{
    Xlsx,
    Csv,
}

/// <summary>What a column holds, for the data validation the template puts on it.</summary>
public enum ColumnKind
{
    Text,
    WholeNumber,
    Chapter,
    Comment,
}

public sealed record SheetColumn(string Header, ColumnKind Kind, double Width);

/// <summary>A workbook to write: one sheet of rows under typed columns; with <see cref="Chapters"/> the chapter column
/// offers them as a list and the number and comment columns check what is typed (the template).</summary>
public sealed record SheetContent(string Sheet, IReadOnlyList<SheetColumn> Columns, IEnumerable<IReadOnlyList<object?>> Rows, IReadOnlyList<(string Code, string Title)>? Chapters = null, int? MaxCommentLength = null);

/// <summary>Reads and writes comment files. Reading refuses, with a clear error, what is not a readable workbook or a
/// UTF-8 CSV; what the cells mean is checked by <see cref="CommentSheet"/>.</summary>
public interface ICommentFiles
{
    /// <summary>The sheet named <paramref name="sheet"/> of an .xlsx file, or the rows of a CSV file (chosen by the
    /// file's name, or its first bytes).</summary>
    SheetTable Read(string fileName, byte[] content, string sheet);

    void Write(Stream output, CommentFileFormat format, SheetContent content);
}
