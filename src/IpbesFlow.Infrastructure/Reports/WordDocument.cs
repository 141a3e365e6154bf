using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace IpbesFlow.Reports;

/// <summary>A report's Markdown (as its template writes it: <c>#</c> headings, paragraphs, <c>- </c> items, one pipe
/// table) as a Word document.</summary>
internal static class WordDocument
{
    public static byte[] From(string markdown, string symbol, string date)
    {
        using var buffer = new MemoryStream();
        using (var document = WordprocessingDocument.Create(buffer, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            AddStyles(main);
            var body = new Body();
            // The first page's head, as UN documents carry it: the symbol on the right, the date under it.
            body.Append(Paragraph(symbol, justification: JustificationValues.Right, bold: true));
            body.Append(Paragraph(date, justification: JustificationValues.Right));
            var number = 0;
            var table = new List<string[]>();
            foreach (var line in markdown.Split('\n'))
            {
                if (line.StartsWith('|'))
                {
                    if (!line.StartsWith("| ---", StringComparison.Ordinal))
                    {
                        table.Add([.. line.Trim('|').Split('|').Select(c => c.Trim())]);
                    }

                    continue;
                }

                if (table.Count > 0)
                {
                    body.Append(Table(table));
                    table.Clear();
                }

                if (line.StartsWith("### ", StringComparison.Ordinal))
                {
                    body.Append(Paragraph(line[4..], style: "Heading2"));
                }
                else if (line.StartsWith("## ", StringComparison.Ordinal))
                {
                    body.Append(Paragraph(line[3..], style: "Heading1"));
                }
                else if (line.StartsWith("# ", StringComparison.Ordinal))
                {
                    body.Append(Paragraph(line[2..], style: "Title"));
                }
                else if (line.StartsWith("* ", StringComparison.Ordinal))
                {
                    // An annex's items are listed, not numbered with the report's paragraphs.
                    body.Append(Paragraph($"•\t{line[2..]}"));
                }
                else if (line.StartsWith("- ", StringComparison.Ordinal))
                {
                    body.Append(Paragraph($"{++number}.\t{line[2..]}"));
                }
                else if (!string.IsNullOrWhiteSpace(line))
                {
                    body.Append(Paragraph(line));
                }
            }

            if (table.Count > 0)
            {
                body.Append(Table(table));
            }

            body.Append(new SectionProperties(new PageSize { Width = 11906U, Height = 16838U }, new PageMargin { Top = 1440, Bottom = 1440, Left = 1440U, Right = 1440U }));
            main.Document = new Document(body);
            main.Document.Save();
        }

        return buffer.ToArray();
    }

    private static Paragraph Paragraph(string text, string? style = null, JustificationValues? justification = null, bool bold = false)
    {
        var properties = new ParagraphProperties();
        if (style is not null)
        {
            properties.Append(new ParagraphStyleId { Val = style });
        }

        if (justification is { } justify)
        {
            properties.Append(new Justification { Val = justify });
        }

        var run = new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve });
        if (bold)
        {
            run.PrependChild(new RunProperties(new Bold()));
        }

        return new Paragraph(properties, run);
    }

    private static Table Table(List<string[]> rows)
    {
        var table = new Table(new TableProperties(
            new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct },
            new TableBorders(
                new TopBorder { Val = BorderValues.Single, Size = 4U }, new BottomBorder { Val = BorderValues.Single, Size = 4U },
                new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4U })));
        // Word requires the grid of columns before the rows: the text width (A4 less the margins) shared equally.
        var columns = rows.Max(r => r.Length);
        table.Append(new TableGrid(Enumerable.Range(0, columns).Select(_ => new GridColumn { Width = (9026 / columns).ToString(System.Globalization.CultureInfo.InvariantCulture) })));
        var header = true;
        foreach (var cells in rows)
        {
            var row = new TableRow();
            if (header)
            {
                row.Append(new TableRowProperties(new TableHeader()));
            }

            foreach (var cell in cells)
            {
                row.Append(new TableCell(Paragraph(cell, bold: header)));
            }

            table.Append(row);
            header = false;
        }

        return table;
    }

    private static void AddStyles(MainDocumentPart main)
    {
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = new Styles(
            new Style(new StyleName { Val = "Normal" }, new StyleRunProperties(new RunFonts { Ascii = "Times New Roman", HighAnsi = "Times New Roman" }, new FontSize { Val = "20" }))
            { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true },
            Heading("Title", "Title", "28"),
            Heading("Heading1", "heading 1", "24"),
            Heading("Heading2", "heading 2", "20"));
        styles.Styles.Save();
    }

    private static Style Heading(string id, string name, string size) => new(
        new StyleName { Val = name },
        new BasedOn { Val = "Normal" },
        new NextParagraphStyle { Val = "Normal" },
        new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { Before = "240", After = "120" }, new OutlineLevel { Val = id == "Title" ? 0 : id == "Heading1" ? 0 : 1 }),
        new StyleRunProperties(new Bold(), new FontSize { Val = size }))
    { Type = StyleValues.Paragraph, StyleId = id };
}
