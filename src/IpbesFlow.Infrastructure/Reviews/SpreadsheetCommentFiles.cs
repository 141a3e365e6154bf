using System.Buffers;
using System.Globalization;
using System.Text;
using CsvHelper;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using IpbesFlow.Common;

namespace IpbesFlow.Reviews;

/// <summary>Comment files as reviewers make them: .xlsx workbooks (Open XML SDK) and CSV (CsvHelper). Reading refuses
/// what is not a readable workbook or UTF-8 text, saying where; writing streams rows, so a 60,000-comment compilation
/// is not built as a document tree first.</summary>
internal sealed class SpreadsheetCommentFiles : ICommentFiles
{
    private const string ChaptersSheet = "Chapters";

    // The template's checks hold for this many rows under the header.
    private const int TemplateRows = 20000;

    // What a file may hold: more rows than a whole IPCC round's comments, or a workbook that unpacks to more than this,
    // is refused before it is read into memory (a small .xlsx can unpack to gigabytes).
    private const int MaxRows = 100_000;
    private const long MaxUnpackedBytes = 256L * 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public SheetTable Read(string fileName, byte[] content, string sheet)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (content.AsSpan().StartsWith("PK\u0003\u0004"u8) || extension == ".xlsx")
        {
            return ReadXlsx(fileName, content, sheet);
        }

        if (content.AsSpan().StartsWith(new byte[] { 0xD0, 0xCF, 0x11, 0xE0 }) || extension == ".xls")
        {
            throw new ValidationFailedException("file", $"{fileName} is an old Excel 97-2003 (.xls) file: save it as an Excel Workbook (.xlsx) or as CSV UTF-8.");
        }

        return ReadCsv(fileName, content);
    }

    public void Write(Stream output, CommentFileFormat format, SheetContent content)
    {
        if (format == CommentFileFormat.Csv)
        {
            WriteCsv(output, content);
        }
        else
        {
            WriteXlsx(output, content);
        }
    }

    private static SheetTable ReadXlsx(string fileName, byte[] content, string sheetName)
    {
        SpreadsheetDocument document;
        try
        {
            document = SpreadsheetDocument.Open(new MemoryStream(content, writable: false), isEditable: false);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or IOException or FileFormatException)
        {
            throw new ValidationFailedException("file", $"{fileName} is not a readable .xlsx workbook ({e.Message.TrimEnd('.')}). Save it again as an Excel Workbook (.xlsx), or as CSV UTF-8.");
        }

        using (document)
        {
            var workbook = document.WorkbookPart ?? throw new ValidationFailedException("file", $"{fileName} has no workbook in it.");
            var sheets = workbook.Workbook.Sheets?.Elements<Sheet>().ToList() ?? [];
            var sheet = sheets.Find(s => string.Equals(s.Name?.Value?.Trim(), sheetName, StringComparison.OrdinalIgnoreCase))
                ?? throw new ValidationFailedException("file", $"{fileName} has no sheet named '{sheetName}' (its sheets: {string.Join(", ", sheets.Select(s => $"'{s.Name}'"))}). Put the comments in the template's '{sheetName}' sheet.");
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!.Value!);
            var name = sheet.Name!.Value!.Trim();
            if (Unpacked(part) + (workbook.SharedStringTablePart is { } strings ? Unpacked(strings) : 0) > MaxUnpackedBytes)
            {
                throw new ValidationFailedException("file", $"{fileName} unpacks to more than {MaxUnpackedBytes / (1024 * 1024)} MB: split the comments into several files.");
            }

            var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToArray() ?? [];

            var rows = new List<SheetRow>();
            IReadOnlyList<string>? headers = null;
            var position = 0;
            using var reader = OpenXmlReader.Create(part);
            while (reader.Read())
            {
                if (reader.ElementType != typeof(Row) || !reader.IsStartElement)
                {
                    continue;
                }

                var row = (Row)reader.LoadCurrentElement()!;
                position = row.RowIndex?.Value is { } index ? (int)index : position + 1;
                var cells = Cells(row, shared);
                if (headers is null)
                {
                    if (cells.Count == 0 || cells.All(string.IsNullOrWhiteSpace))
                    {
                        continue;
                    }

                    headers = cells.Select(c => c ?? string.Empty).ToList();
                    continue;
                }

                rows.Add(new SheetRow(position, cells));
                TooMany(name, rows.Count);
            }

            return headers is null
                ? throw new ValidationFailedException(name, $"Sheet '{name}' is empty: it has no header row ({string.Join(", ", CommentSheet.TemplateColumns.Select(c => c.Header))}).")
                : new SheetTable(name, headers, rows);
        }
    }

    private static long Unpacked(OpenXmlPart part)
    {
        using var stream = part.GetStream(FileMode.Open, FileAccess.Read);
        return stream.Length;
    }

    private static void TooMany(string sheet, int rows)
    {
        if (rows > MaxRows)
        {
            throw new ValidationFailedException(sheet, $"'{sheet}' has more than {MaxRows.ToString("N0", CultureInfo.InvariantCulture)} rows: split the comments into several files.");
        }
    }

    private static List<string?> Cells(Row row, string[] shared)
    {
        var cells = new List<string?>();
        var next = 0;
        foreach (var cell in row.Elements<Cell>())
        {
            var column = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : next;
            while (cells.Count < column)
            {
                cells.Add(null);
            }

            cells.Add(Value(cell, shared));
            next = column + 1;
        }

        return cells;
    }

    private static string? Value(Cell cell, string[] shared)
    {
        var type = cell.DataType?.Value;
        if (type == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText;
        }

        var raw = cell.CellValue?.Text;
        if (type == CellValues.SharedString)
        {
            return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < shared.Length ? shared[index] : null;
        }

        return raw;
    }

    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference)
        {
            if (!char.IsAsciiLetter(c))
            {
                break;
            }

            index = (index * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
        }

        return index - 1;
    }

    private static SheetTable ReadCsv(string fileName, byte[] content)
    {
        if (content.AsSpan().StartsWith(new byte[] { 0xFF, 0xFE }) || content.AsSpan().StartsWith(new byte[] { 0xFE, 0xFF }))
        {
            throw new ValidationFailedException("file", $"{fileName} is UTF-16 text: save it as CSV UTF-8 (comma delimited).");
        }

        var bytes = content.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? content.AsMemory(3) : content.AsMemory();
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes.Span);
        }
        catch (DecoderFallbackException)
        {
            throw new ValidationFailedException(fileName, NotUtf8(fileName, bytes.Span));
        }

        // The separator is detected: Excel in many locales saves "CSV" with semicolons.
        using var reader = CsvReader.FromText(text, new CsvReaderOptions { HasHeader = true, AllowLineBreaksInQuotes = true });
        var rows = new List<SheetRow>();
        List<string>? headers = null;
        while (reader.Read())
        {
            headers ??= reader.Headers?.ToList();
            var cells = new string?[reader.FieldCount];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = Restored(reader.GetString(i));
            }

            // The header is the spreadsheet's row 1.
            rows.Add(new SheetRow((int)reader.RowNumber + 1, cells));
            TooMany(fileName, rows.Count);
        }

        headers ??= reader.Headers?.ToList();
        return headers is null || headers.Count == 0
            ? throw new ValidationFailedException(fileName, $"{fileName} is empty: it has no header row ({string.Join(", ", CommentSheet.TemplateColumns.Select(c => c.Header))}).")
            : new SheetTable(fileName, headers, rows);
    }

    // Names the row and column of the first byte that is not UTF-8, as a spreadsheet program would count them.
    private static string NotUtf8(string fileName, ReadOnlySpan<byte> bytes)
    {
        var offset = 0;
        while (offset < bytes.Length && System.Buffers.OperationStatus.Done == System.Text.Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed))
        {
            offset += consumed;
        }

        var before = Encoding.UTF8.GetString(bytes[..offset]);
        var row = 1;
        var column = 0;
        var quoted = false;
        foreach (var c in before)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == '\n' && !quoted)
            {
                row++;
                column = 0;
            }
            else if ((c == ',' || c == ';') && !quoted)
            {
                column++;
            }
        }

        return $"{fileName}, row {row}, column {CommentSheet.ColumnLetter(column)}: byte 0x{bytes[offset]:X2} is not UTF-8. The file is not UTF-8 text: save it as CSV UTF-8 (comma delimited), or upload the .xlsx template.";
    }

    private static void WriteCsv(Stream output, SheetContent content)
    {
        // With the byte-order mark, Excel opens the file as UTF-8 and every script shows as written.
        using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        using (var csv = CsvWriter.Create(writer, new CsvWriterOptions(), leaveOpen: true))
        {
            csv.WriteHeader(content.Columns.Select(c => c.Header).ToArray());
            foreach (var row in content.Rows)
            {
                foreach (var value in row)
                {
                    csv.WriteField(value switch
                    {
                        null => string.Empty,
                        int n => n.ToString(CultureInfo.InvariantCulture),
                        _ => Neutralized(value.ToString()!),
                    });
                }

                csv.EndRecord();
            }
        }

        writer.Flush();
    }

    // A spreadsheet program opening a CSV runs a cell that starts with = + - @ as a formula: the public compilation
    // carries whatever reviewers wrote, so such a cell is written after an apostrophe (OWASP's advice), and reading
    // takes it away again, so that a compilation imports unchanged. An apostrophe of the text's own is doubled.
    private static readonly SearchValues<char> FormulaStarts = SearchValues.Create("=+-@\t\r'");

    private static string Neutralized(string text) => text.Length > 0 && FormulaStarts.Contains(text[0]) ? "'" + text : text;

    private static string Restored(string text) => text.Length > 1 && text[0] == '\'' && FormulaStarts.Contains(text[1]) ? text[1..] : text;

    private static void WriteXlsx(Stream output, SheetContent content)
    {
        // The package is assembled in memory (System.IO.Packaging needs to seek), then copied out.
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Styles();

            var sheets = new Sheets();
            var main = workbook.AddNewPart<WorksheetPart>();
            WriteSheet(main, content);
            sheets.Append(new Sheet { Name = content.Sheet, SheetId = 1, Id = workbook.GetIdOfPart(main) });
            if (content.Chapters is { } chapters)
            {
                var list = workbook.AddNewPart<WorksheetPart>();
                WriteSheet(list, new SheetContent(ChaptersSheet, [new("Code", ColumnKind.Text, 10), new("Title", ColumnKind.Text, 60)], chapters.Select(c => (IReadOnlyList<object?>)[c.Code, c.Title])));
                sheets.Append(new Sheet { Name = ChaptersSheet, SheetId = 2, Id = workbook.GetIdOfPart(list) });
            }

            workbook.Workbook.Append(sheets);
            workbook.Workbook.Save();
        }

        buffer.Position = 0;
        buffer.CopyTo(output);
    }

    private static void WriteSheet(WorksheetPart part, SheetContent content)
    {
        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartElement(new Worksheet());
        // The header row stays in view while scrolling through thousands of comments.
        writer.WriteElement(new SheetViews(new SheetView(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen }) { WorkbookViewId = 0 }));
        writer.WriteElement(new Columns(content.Columns.Select((c, i) => new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = c.Width, CustomWidth = true })));
        writer.WriteStartElement(new SheetData());
        WriteRow(writer, 1, content.Columns.Select(c => (object?)c.Header).ToList(), content.Columns, header: true);
        var number = 1;
        foreach (var row in content.Rows)
        {
            WriteRow(writer, ++number, row, content.Columns, header: false);
        }

        writer.WriteEndElement();
        if (content.Chapters is { Count: > 0 } chapters)
        {
            writer.WriteElement(Validations(content, chapters.Count));
        }

        writer.WriteEndElement();
    }

    private static void WriteRow(OpenXmlWriter writer, int number, IReadOnlyList<object?> values, IReadOnlyList<SheetColumn> columns, bool header)
    {
        writer.WriteStartElement(new Row { RowIndex = (uint)number });
        for (var i = 0; i < values.Count; i++)
        {
            var reference = CommentSheet.ColumnLetter(i) + number.ToString(CultureInfo.InvariantCulture);
            switch (values[i])
            {
                case null:
                    break;
                case int n:
                    writer.WriteElement(new Cell { CellReference = reference, CellValue = new CellValue(n), DataType = CellValues.Number });
                    break;
                case var value:
                    var style = header ? 1u : columns[i].Kind is ColumnKind.Comment || columns[i].Width >= 60 ? 2u : 0u;
                    writer.WriteElement(new Cell(new InlineString(new Text(value.ToString()!) { Space = SpaceProcessingModeValues.Preserve }))
                    {
                        CellReference = reference,
                        DataType = CellValues.InlineString,
                        StyleIndex = style,
                    });
                    break;
            }
        }

        writer.WriteEndElement();
    }

    private static DataValidations Validations(SheetContent content, int chapters)
    {
        var validations = new DataValidations();
        for (var i = 0; i < content.Columns.Count; i++)
        {
            var column = content.Columns[i];
            var range = new ListValue<StringValue>([new StringValue($"{CommentSheet.ColumnLetter(i)}2:{CommentSheet.ColumnLetter(i)}{TemplateRows + 1}")]);
            DataValidation? validation = column.Kind switch
            {
                ColumnKind.Chapter => new DataValidation(new Formula1($"{ChaptersSheet}!$A$2:$A${chapters + 1}"))
                {
                    Type = DataValidationValues.List,
                    ErrorTitle = "Chapter",
                    Error = "Pick a chapter of this review from the list.",
                },
                ColumnKind.WholeNumber => new DataValidation(new Formula1("1"))
                {
                    Type = DataValidationValues.Whole,
                    Operator = DataValidationOperatorValues.GreaterThanOrEqual,
                    ErrorTitle = column.Header,
                    Error = "A page or line number is a whole number of 1 or more.",
                },
                ColumnKind.Comment when content.MaxCommentLength is { } max => new DataValidation(new Formula1(max.ToString(CultureInfo.InvariantCulture)))
                {
                    Type = DataValidationValues.TextLength,
                    Operator = DataValidationOperatorValues.LessThanOrEqual,
                    ErrorTitle = "Comment",
                    Error = $"A comment has at most {max} characters: split a longer one into several comments.",
                },
                _ => null,
            };
            if (validation is not null)
            {
                validation.AllowBlank = true;
                validation.ShowErrorMessage = true;
                validation.SequenceOfReferences = range;
                validations.Append(validation);
            }
        }

        validations.Count = (uint)validations.ChildElements.Count;
        return validations;
    }

    // 0: default; 1: bold header; 2: wrapped long text.
    private static Stylesheet Styles() => new(
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1, ApplyFont = true },
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { ApplyAlignment = true }) { Count = 3 });
}
