using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using CsvHelper;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using IpbesFlow.Common;

namespace IpbesFlow.Reviews;

/// <summary>Comment files as reviewers make them: .xlsx workbooks and CSV (CsvHelper). Reading refuses what is not a
/// readable workbook or UTF-8 text, saying where, and never holds more of a file than its limits allow: every part of a
/// workbook is bounded before it is read, and sheets and shared strings are read as streams with every value bounded,
/// so a small file that unpacks to gigabytes is refused, not unpacked. Writing streams rows into a package written as it
/// goes, so a 60,000-comment compilation is never held in memory.</summary>
internal sealed class SpreadsheetCommentFiles : ICommentFiles
{
    private const string ChaptersSheet = "Chapters";
    // Transitional (what Excel writes by default) and Strict Open XML name the same elements in two namespaces.
    private static readonly string[] MainNamespaces = ["http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main"];

    // The template's checks hold for this many rows under the header.
    private const int TemplateRows = 20000;

    // What a file may hold. More rows than a whole IPCC round's comments is refused. A workbook's parts are bounded by
    // what they unpack to, as the package declares it (.NET never inflates an entry past its declared size): sheets and
    // shared strings to 64 MB each (20,000 comments of 1,500 characters take about 35 MB), every other part (the
    // workbook, its styles, its themes) to 8 MB, which is hundreds of times what Excel writes, and the whole to 128 MB.
    private const int MaxRows = 100_000;
    private const long MaxSheetBytes = 64L * 1024 * 1024;
    private const long MaxOtherPartBytes = 8L * 1024 * 1024;
    private const long MaxUnpackedBytes = 128L * 1024 * 1024;
    private const int MaxParts = 500;

    // Excel keeps at most this many characters in a cell: a longer value was not made by a spreadsheet program.
    private const int MaxCellCharacters = 32767;

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

    public async Task<int> WriteAsync(Stream output, CommentFileFormat format, SheetContent content, CancellationToken cancellationToken) =>
        format == CommentFileFormat.Csv
            ? await WriteCsvAsync(output, content, cancellationToken)
            : await WriteXlsxAsync(output, content, cancellationToken);

    private static SheetTable ReadXlsx(string fileName, byte[] content, string sheetName)
    {
        CheckParts(fileName, content);
        SpreadsheetDocument document;
        try
        {
            document = SpreadsheetDocument.Open(new MemoryStream(content, writable: false), isEditable: false, new OpenSettings { MaxCharactersInPart = MaxSheetBytes });
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or IOException or FileFormatException or XmlException)
        {
            throw NotReadable(fileName, e);
        }

        using (document)
        {
            try
            {
                var workbook = document.WorkbookPart ?? throw new ValidationFailedException("file", $"{fileName} has no workbook in it.");
                var sheets = workbook.Workbook.Sheets?.Elements<Sheet>().ToList() ?? [];
                var sheet = sheets.Find(s => string.Equals(s.Name?.Value?.Trim(), sheetName, StringComparison.OrdinalIgnoreCase))
                    ?? throw new ValidationFailedException("file", $"{fileName} has no sheet named '{sheetName}' (its sheets: {string.Join(", ", sheets.Select(s => $"'{s.Name}'"))}). Put the comments in the template's '{sheetName}' sheet.");
                var name = sheet.Name!.Value!.Trim();
                var shared = workbook.SharedStringTablePart is { } strings ? SharedStrings(fileName, strings) : [];
                return Rows(name, (WorksheetPart)workbook.GetPartById(sheet.Id!.Value!), shared);
            }
            catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or IOException or XmlException or InvalidOperationException or ArgumentException)
            {
                throw NotReadable(fileName, e);
            }
        }
    }

    private static ValidationFailedException NotReadable(string fileName, Exception e) =>
        new("file", $"{fileName} is not a readable .xlsx workbook ({e.Message.TrimEnd('.')}). Save it again as an Excel Workbook (.xlsx), or as CSV UTF-8.");

    // Before anything is read: every part's unpacked size, as the package declares it, against the limits. Entries are
    // never inflated past that size, so nothing read afterwards can be larger.
    private static void CheckParts(string fileName, byte[] content)
    {
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
        }
        catch (InvalidDataException e)
        {
            throw NotReadable(fileName, e);
        }

        using (archive)
        {
            if (archive.Entries.Count > MaxParts)
            {
                throw new ValidationFailedException("file", $"{fileName} has {archive.Entries.Count:N0} parts; a workbook of comments has a few dozen. Save it again as an Excel Workbook (.xlsx).");
            }

            long total = 0;
            foreach (var entry in archive.Entries)
            {
                var sheetPart = entry.FullName.StartsWith("xl/worksheets/", StringComparison.OrdinalIgnoreCase) || entry.FullName.Equals("xl/sharedStrings.xml", StringComparison.OrdinalIgnoreCase);
                var limit = sheetPart ? MaxSheetBytes : MaxOtherPartBytes;
                if (entry.Length > limit)
                {
                    throw new ValidationFailedException("file", $"{fileName}: its part {entry.FullName} unpacks to {Megabytes(entry.Length)}, more than the {Megabytes(limit)} such a part may hold. "
                        + (sheetPart ? "Split the comments into several files." : "Save the comments in the template, or as CSV UTF-8."));
                }

                total += entry.Length;
            }

            if (total > MaxUnpackedBytes)
            {
                throw new ValidationFailedException("file", $"{fileName} unpacks to {Megabytes(total)}, more than {Megabytes(MaxUnpackedBytes)}: split the comments into several files.");
            }
        }
    }

    private static string Megabytes(long bytes) => $"{bytes / (1024.0 * 1024):N0} MB";

    private static XmlReader XmlOf(OpenXmlPart part) => XmlReader.Create(part.GetStream(FileMode.Open, FileAccess.Read), new XmlReaderSettings
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = MaxSheetBytes,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    });

    // The shared strings as a stream: <si> holds its text in <t>, or in runs <r><t>; phonetic runs (<rPh>) are not text.
    private static string[] SharedStrings(string fileName, SharedStringTablePart part)
    {
        var strings = new List<string>();
        var text = new StringBuilder();
        using var reader = XmlOf(part);
        var inItem = false;
        var phonetic = 0;
        while (reader.Read())
        {
            if (!MainNamespaces.Contains(reader.NamespaceURI) && reader.NodeType is XmlNodeType.Element or XmlNodeType.EndElement)
            {
                continue;
            }

            switch (reader.NodeType)
            {
                case XmlNodeType.Element when reader.LocalName == "si":
                    inItem = !reader.IsEmptyElement;
                    text.Clear();
                    if (!inItem)
                    {
                        strings.Add(string.Empty);
                    }

                    break;
                case XmlNodeType.Element when reader.LocalName == "rPh" && !reader.IsEmptyElement:
                    phonetic++;
                    break;
                case XmlNodeType.EndElement when reader.LocalName == "rPh":
                    phonetic--;
                    break;
                case XmlNodeType.Element when reader.LocalName == "t" && inItem && phonetic == 0 && !reader.IsEmptyElement:
                    AppendBounded(reader, text, () => new ValidationFailedException("file", $"{fileName}: shared string {strings.Count + 1} is longer than the {MaxCellCharacters:N0} characters a cell holds."));
                    break;
                case XmlNodeType.EndElement when reader.LocalName == "si":
                    strings.Add(text.ToString());
                    inItem = false;
                    break;
            }

            if (strings.Count > MaxRows * CommentSheet.ExportColumns.Count)
            {
                throw new ValidationFailedException("file", $"{fileName} has more shared strings than a file of {MaxRows:N0} comments can use: split the comments into several files.");
            }
        }

        return [.. strings];
    }

    // The rows of a sheet as a stream; a row's cells are read with their values bounded, so no one cell or row can be
    // larger than a spreadsheet program makes it.
    private static SheetTable Rows(string name, WorksheetPart part, string[] shared)
    {
        var rows = new List<SheetRow>();
        IReadOnlyList<string>? headers = null;
        var position = 0;
        using var reader = XmlOf(part);
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "row" || !MainNamespaces.Contains(reader.NamespaceURI))
            {
                continue;
            }

            position = uint.TryParse(reader.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? (int)index : position + 1;
            var cells = reader.IsEmptyElement ? [] : Cells(reader, name, position, shared);
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

    // Reads from a <row> start element to its end: <c r="B7" t="s|inlineStr|str|b|n|e"><v>..</v> or <is><t>..</t></is></c>.
    private static List<string?> Cells(XmlReader reader, string sheet, int row, string[] shared)
    {
        var cells = new List<string?>();
        var depth = reader.Depth;
        var next = 0;
        var column = 0;
        string? type = null;
        var value = new StringBuilder();
        var hasValue = false;
        while (reader.Read() && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "c")
            {
                column = reader.GetAttribute("r") is { } reference ? ColumnIndex(reference) : next;
                type = reader.GetAttribute("t");
                value.Clear();
                hasValue = false;
                if (reader.IsEmptyElement)
                {
                    next = column + 1;
                }
            }
            else if (reader.NodeType == XmlNodeType.Element && (reader.LocalName == "v" || (reader.LocalName == "t" && type == "inlineStr")) && !reader.IsEmptyElement)
            {
                hasValue = true;
                AppendBounded(reader, value, () => new ValidationFailedException($"{sheet}!{CommentSheet.ColumnLetter(column)}{row}", $"{sheet}!{CommentSheet.ColumnLetter(column)}{row}: the cell holds more than the {MaxCellCharacters:N0} characters a spreadsheet cell may."));
            }
            else if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "c")
            {
                while (cells.Count < column)
                {
                    cells.Add(null);
                }

                cells.Add(!hasValue ? null
                    : type == "s" ? (int.TryParse(value.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < shared.Length ? shared[i] : null)
                    : value.ToString());
                next = column + 1;
            }
        }

        return cells;
    }

    // Reads the text of the element the reader is on, chunk by chunk, refusing it once it passes what a cell holds.
    private static void AppendBounded(XmlReader reader, StringBuilder text, Func<Exception> tooLong)
    {
        var depth = reader.Depth;
        var buffer = ArrayPool<char>.Shared.Rent(4096);
        try
        {
            while (reader.Read() && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
            {
                if (reader.NodeType is not (XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace))
                {
                    continue;
                }

                int read;
                while ((read = reader.ReadValueChunk(buffer, 0, buffer.Length)) > 0)
                {
                    if (text.Length + read > MaxCellCharacters)
                    {
                        throw tooLong();
                    }

                    text.Append(buffer, 0, read);
                }
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private static void TooMany(string sheet, int rows)
    {
        if (rows > MaxRows)
        {
            throw new ValidationFailedException(sheet, $"'{sheet}' has more than {MaxRows.ToString("N0", CultureInfo.InvariantCulture)} rows: split the comments into several files.");
        }
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

    private static async Task<int> WriteCsvAsync(Stream output, SheetContent content, CancellationToken cancellationToken)
    {
        // With the byte-order mark, Excel opens the file as UTF-8 and every script shows as written.
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        var rows = 0;
        using (var csv = CsvWriter.Create(writer, new CsvWriterOptions(), leaveOpen: true))
        {
            csv.WriteHeader(content.Columns.Select(c => c.Header).ToArray());
            await foreach (var row in content.Rows.WithCancellation(cancellationToken))
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
                rows++;
            }
        }

        await writer.FlushAsync(cancellationToken);
        return rows;
    }

    // A spreadsheet program opening a CSV runs a cell that starts with = + - @ as a formula: the public compilation
    // carries whatever reviewers wrote, so such a cell is written after an apostrophe (OWASP's advice), and reading
    // takes it away again, so that a compilation imports unchanged. An apostrophe of the text's own is doubled.
    private static readonly SearchValues<char> FormulaStarts = SearchValues.Create("=+-@\t\r'");

    private static string Neutralized(string text) => text.Length > 0 && FormulaStarts.Contains(text[0]) ? "'" + text : text;

    private static string Restored(string text) => text.Length > 1 && text[0] == '\'' && FormulaStarts.Contains(text[1]) ? text[1..] : text;

    // The package is written part by part as a stream (a zip in create mode keeps one entry open at a time), so the rows
    // go from the database to the output without the workbook ever being held whole. The parts are the few a workbook
    // of plain rows needs; the Open XML SDK validates the result in the tests.
    private static async Task<int> WriteXlsxAsync(Stream output, SheetContent content, CancellationToken cancellationToken)
    {
        var withChapters = content.Chapters is not null;
        using var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        Part(archive, "[Content_Types].xml", $"""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>{(withChapters ? """<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>""" : string.Empty)}</Types>
            """);
        Part(archive, "_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """);
        Part(archive, "xl/_rels/workbook.xml.rels", $"""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdSheet1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>{(withChapters ? """<Relationship Id="rIdSheet2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/>""" : string.Empty)}</Relationships>
            """);
        var sheets = new Sheets(new Sheet { Name = content.Sheet, SheetId = 1, Id = "rIdSheet1" });
        if (withChapters)
        {
            sheets.Append(new Sheet { Name = ChaptersSheet, SheetId = 2, Id = "rIdSheet2" });
        }

        Part(archive, "xl/workbook.xml", new Workbook(sheets).OuterXml);
        Part(archive, "xl/styles.xml", Styles().OuterXml);

        int rows;
        await using (var sheet = archive.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest).Open())
        {
            rows = await WriteSheetAsync(sheet, content, cancellationToken);
        }

        if (content.Chapters is { } chapters)
        {
            await using var list = archive.CreateEntry("xl/worksheets/sheet2.xml", CompressionLevel.Fastest).Open();
            await WriteSheetAsync(list, new SheetContent(ChaptersSheet, [new("Code", ColumnKind.Text, 10), new("Title", ColumnKind.Text, 60)], chapters.Select(c => (IReadOnlyList<object?>)[c.Code, c.Title]).ToAsyncEnumerable()), cancellationToken);
        }

        return rows;
    }

    private static void Part(ZipArchive archive, string name, string xml)
    {
        using var stream = archive.CreateEntry(name, CompressionLevel.Fastest).Open();
        stream.Write(Encoding.UTF8.GetBytes(xml.StartsWith("<?xml", StringComparison.Ordinal) ? xml : """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>""" + xml));
    }

    private static async Task<int> WriteSheetAsync(Stream stream, SheetContent content, CancellationToken cancellationToken)
    {
        using var writer = OpenXmlWriter.Create(stream, Encoding.UTF8);
        writer.WriteStartDocument(true);
        writer.WriteStartElement(new Worksheet());
        // The header row stays in view while scrolling through thousands of comments.
        writer.WriteElement(new SheetViews(new SheetView(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen }) { WorkbookViewId = 0 }));
        writer.WriteElement(new Columns(content.Columns.Select((c, i) => new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = c.Width, CustomWidth = true })));
        writer.WriteStartElement(new SheetData());
        WriteRow(writer, 1, content.Columns.Select(c => (object?)c.Header).ToList(), content.Columns, header: true);
        var number = 1;
        await foreach (var row in content.Rows.WithCancellation(cancellationToken))
        {
            WriteRow(writer, ++number, row, content.Columns, header: false);
        }

        writer.WriteEndElement();
        if (content.Chapters is { Count: > 0 } chapters)
        {
            writer.WriteElement(Validations(content, chapters.Count));
        }

        writer.WriteEndElement();
        return number - 1;
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
                    Error = $"A comment has at most {max} characters (as you see them: an emoji or an accented letter counts as one): split a longer one into several comments.",
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
