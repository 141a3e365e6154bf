using System.IO.Compression;
using System.Text;

namespace IpbesFlow.Testing;

/// <summary>Workbooks made to hurt a reader: small files whose parts unpack to gigabytes, a million rows, a shared
/// string of a hundred megabytes, a part that says it is small and is not. Each is a real .xlsx package, built here as a
/// stream (a gigabyte of repeated text compresses to about a megabyte in a fraction of a second).</summary>
public static class HostileWorkbooks
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Header = """<row r="1"><c r="A1" t="inlineStr"><is><t>Chapter</t></is></c><c r="B1" t="inlineStr"><is><t>From page</t></is></c><c r="C1" t="inlineStr"><is><t>From line</t></is></c><c r="D1" t="inlineStr"><is><t>To page</t></is></c><c r="E1" t="inlineStr"><is><t>To line</t></is></c><c r="F1" t="inlineStr"><is><t>Comment</t></is></c></row>""";

    public const long Gigabyte = 1L << 30;

    /// <summary>A comments sheet whose one comment is text of <paramref name="bytes"/> (gigabytes: a zip bomb).</summary>
    public static byte[] HugeSheet(long bytes) => Workbook(sheet: w =>
    {
        w.Write($"""<worksheet xmlns="{Main}"><sheetData>{Header}<row r="2"><c r="A2" t="inlineStr"><is><t>1</t></is></c><c r="F2" t="inlineStr"><is><t>""");
        Repeat(w, 'a', bytes);
        w.Write("</t></is></c></row></sheetData></worksheet>");
    });

    /// <summary>An ordinary file of <paramref name="rows"/> comments on chapter 1, as a reviewer sends one.</summary>
    public static byte[] Ordinary(int rows) => Workbook(sheet: w =>
    {
        w.Write($"""<worksheet xmlns="{Main}"><sheetData>{Header}""");
        for (var r = 2; r <= rows + 1; r++)
        {
            w.Write($"""<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>1</t></is></c><c r="B{r}"><v>3</v></c><c r="C{r}"><v>{r}</v></c><c r="F{r}" t="inlineStr"><is><t>Comment {r}: the figure lacks units and a source.</t></is></c></row>""");
        }

        w.Write("</sheetData></worksheet>");
    });

    /// <summary>A comments sheet of <paramref name="rows"/> rows under its header.</summary>
    public static byte[] ManyRows(int rows) => Workbook(sheet: w =>
    {
        w.Write($"""<worksheet xmlns="{Main}"><sheetData>{Header}""");
        for (var r = 2; r <= rows + 1; r++)
        {
            w.Write($"""<row r="{r}"><c r="B{r}"><v>1</v></c></row>""");
        }

        w.Write("</sheetData></worksheet>");
    });

    /// <summary>A sheet whose comment is a shared string of <paramref name="bytes"/>.</summary>
    public static byte[] HugeSharedString(long bytes) => Workbook(
        sheet: w => w.Write($"""<worksheet xmlns="{Main}"><sheetData>{Header}<row r="2"><c r="A2" t="inlineStr"><is><t>1</t></is></c><c r="F2" t="s"><v>0</v></c></row></sheetData></worksheet>"""),
        sharedStrings: w =>
        {
            w.Write($"""<sst xmlns="{Main}" count="1" uniqueCount="1"><si><t>""");
            Repeat(w, 'b', bytes);
            w.Write("</t></si></sst>");
        });

    /// <summary>A workbook part of <paramref name="bytes"/>: one defined name whose formula is that long.</summary>
    public static byte[] HugeWorkbookPart(long bytes) => Workbook(workbookPadding: w => Repeat(w, 'c', bytes));

    /// <summary>A styles part of <paramref name="bytes"/>.</summary>
    public static byte[] HugeStyles(long bytes) => Workbook(styles: w =>
    {
        w.Write($"""<styleSheet xmlns="{Main}"><numFmts count="1"><numFmt numFmtId="164" formatCode=" """);
        Repeat(w, 'd', bytes);
        w.Write("\"/></numFmts></styleSheet>");
    });

    /// <summary>A workbook whose workbook part says it unpacks to <paramref name="declared"/> bytes and unpacks to
    /// <paramref name="actual"/>: its size fields are rewritten in the package.</summary>
    public static byte[] LyingWorkbookPart(long declared, long actual)
    {
        var honest = HugeWorkbookPart(actual);
        var name = Encoding.ASCII.GetBytes("xl/workbook.xml");
        Patch(honest, 0x04034b50, 22, name, declared); // the local header
        Patch(honest, 0x02014b50, 24, name, declared); // the central directory
        return honest;
    }

    private static void Patch(byte[] zip, uint signature, int sizeOffset, byte[] name, long size)
    {
        for (var i = 0; i + 46 < zip.Length; i++)
        {
            if (BitConverter.ToUInt32(zip, i) != signature)
            {
                continue;
            }

            var nameOffset = signature == 0x04034b50 ? 30 : 46;
            var nameLength = BitConverter.ToUInt16(zip, i + (signature == 0x04034b50 ? 26 : 28));
            if (nameLength == name.Length && zip.AsSpan(i + nameOffset, nameLength).SequenceEqual(name))
            {
                BitConverter.GetBytes((uint)size).CopyTo(zip, i + sizeOffset);
            }
        }
    }

    private static void Repeat(TextWriter writer, char c, long count)
    {
        var chunk = new string(c, 1 << 20);
        for (var written = 0L; written < count; written += chunk.Length)
        {
            writer.Write(chunk.AsSpan(0, (int)Math.Min(chunk.Length, count - written)));
        }
    }

    private static byte[] Workbook(Action<TextWriter>? sheet = null, Action<TextWriter>? sharedStrings = null, Action<TextWriter>? workbookPadding = null, Action<TextWriter>? styles = null)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Part(zip, "[Content_Types].xml", w => w.Write(
                """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"""));
            Part(zip, "_rels/.rels", w => w.Write(
                """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"""));
            Part(zip, "xl/_rels/workbook.xml.rels", w => w.Write(
                $"""<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>{(sharedStrings is null ? string.Empty : """<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>""")}{(styles is null ? string.Empty : """<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>""")}</Relationships>"""));
            Part(zip, "xl/workbook.xml", w =>
            {
                w.Write($"""<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{Main}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Comments" sheetId="1" r:id="rId1"/></sheets>""");
                if (workbookPadding is not null)
                {
                    w.Write("""<definedNames><definedName name="padding">""");
                    workbookPadding(w);
                    w.Write("</definedName></definedNames>");
                }

                w.Write("</workbook>");
            });
            Part(zip, "xl/worksheets/sheet1.xml", sheet ?? (w => w.Write($"""<worksheet xmlns="{Main}"><sheetData>{Header}<row r="2"><c r="A2" t="inlineStr"><is><t>1</t></is></c><c r="B2"><v>3</v></c><c r="C2"><v>1</v></c><c r="F2" t="inlineStr"><is><t>Fine.</t></is></c></row></sheetData></worksheet>""")));
            if (sharedStrings is not null)
            {
                Part(zip, "xl/sharedStrings.xml", sharedStrings);
            }

            if (styles is not null)
            {
                Part(zip, "xl/styles.xml", styles);
            }
        }

        return buffer.ToArray();
    }

    private static void Part(ZipArchive zip, string name, Action<TextWriter> write)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Optimal).Open(), new UTF8Encoding(false));
        write(writer);
    }
}
