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

/// <summary>A workbook to write: one sheet of rows under typed columns, the rows read as they are written (from the
/// database, for a compilation); with <see cref="Chapters"/> the chapter column offers them as a list and the number
/// and comment columns check what is typed (the template).</summary>
public sealed record SheetContent(string Sheet, IReadOnlyList<SheetColumn> Columns, IAsyncEnumerable<IReadOnlyList<object?>> Rows, IReadOnlyList<(string Code, string Title)>? Chapters = null, int? MaxCommentLength = null);

/// <summary>Reads and writes comment files. Reading refuses, with a clear error, what is not a readable workbook or a
/// UTF-8 CSV; what the cells mean is checked by <see cref="CommentSheet"/>.</summary>
public interface ICommentFiles
{
    /// <summary>The sheet named <paramref name="sheet"/> of an .xlsx file, or the rows of a CSV file (chosen by the
    /// file's name, or its first bytes).</summary>
    SheetTable Read(string fileName, byte[] content, string sheet);

    /// <summary>Writes the sheet as its rows arrive, never holding them all; answers how many rows it wrote.</summary>
    Task<int> WriteAsync(Stream output, CommentFileFormat format, SheetContent content, CancellationToken cancellationToken);
}

/// <summary>A file of comments a command carries: read into its sheet by <see cref="Common.Behaviours.CommentFileBehaviour{TMessage, TResponse}"/>
/// before the command's transaction begins (reading a large workbook must not hold the database's write lock), then
/// checked against the review inside it.</summary>
public sealed class CommentFile(string fileName, byte[] content)
{
    private SheetTable? table;

    public string FileName { get; } = fileName;

    public byte[] Content { get; } = content;

    public SheetTable Table => table ?? throw new InvalidOperationException($"{FileName} has not been read: commands carrying a file are read before their transaction.");

    public string Sha256 { get; } = CommentIntake.Sha256(content);

    internal void ReadWith(ICommentFiles files) => table ??= files.Read(FileName, Content, CommentSheet.SheetName);
}

/// <summary>A command that carries a file of comments.</summary>
public interface ICarriesCommentFile
{
    CommentFile File { get; }
}
