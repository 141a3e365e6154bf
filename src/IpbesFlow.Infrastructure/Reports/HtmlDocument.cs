using System.Net;
using System.Text;

namespace IpbesFlow.Reports;

/// <summary>A report's Markdown (as its template writes it) as HTML: headings, paragraphs, the sentences as one numbered
/// list running through the document (as the Word document numbers its paragraphs), the overview as a table. Every text
/// is encoded: the records' titles are people's input.</summary>
internal static class HtmlDocument
{
    /// <summary>The body's content, for a page to place in its own frame.</summary>
    public static string Fragment(string markdown, string? figure = null)
    {
        var html = new StringBuilder();
        var number = 0;
        var inList = false;
        var inBullets = false;
        var table = new List<string[]>();
        void CloseList()
        {
            if (inList)
            {
                html.Append("</ol>\n");
                inList = false;
            }

            if (inBullets)
            {
                html.Append("</ul>\n");
                inBullets = false;
            }
        }

        void FlushTable()
        {
            if (table.Count == 0)
            {
                return;
            }

            html.Append("<table class=\"data\">\n<thead><tr>");
            foreach (var cell in table[0])
            {
                html.Append("<th scope=\"col\">").Append(WebUtility.HtmlEncode(cell)).Append("</th>");
            }

            html.Append("</tr></thead>\n<tbody>\n");
            foreach (var row in table.Skip(1))
            {
                html.Append("<tr>");
                for (var i = 0; i < row.Length; i++)
                {
                    html.Append(i == 0 ? "<th scope=\"row\">" : "<td>").Append(WebUtility.HtmlEncode(row[i])).Append(i == 0 ? "</th>" : "</td>");
                }

                html.Append("</tr>\n");
            }

            html.Append("</tbody>\n</table>\n");
            table.Clear();
        }

        foreach (var line in markdown.Split('\n'))
        {
            if (line.StartsWith('|'))
            {
                CloseList();
                if (!line.StartsWith("| ---", StringComparison.Ordinal))
                {
                    table.Add([.. line.Trim('|').Split('|').Select(c => c.Trim())]);
                }

                continue;
            }

            FlushTable();
            // An annex's items (how the figures were counted) are listed, not numbered with the report's paragraphs.
            if (line.StartsWith("* ", StringComparison.Ordinal))
            {
                if (!inBullets)
                {
                    CloseList();
                    html.Append("<ul>\n");
                    inBullets = true;
                }

                html.Append("<li>").Append(WebUtility.HtmlEncode(line[2..])).Append("</li>\n");
                continue;
            }

            if (line.StartsWith("- ", StringComparison.Ordinal))
            {
                if (inBullets)
                {
                    CloseList();
                }

                if (!inList)
                {
                    html.Append("<ol start=\"").Append(number + 1).Append("\">\n");
                    inList = true;
                }

                number++;
                html.Append("<li>").Append(WebUtility.HtmlEncode(line[2..])).Append("</li>\n");
                continue;
            }

            CloseList();
            var (tag, text) = line switch
            {
                _ when line.StartsWith("### ", StringComparison.Ordinal) => ("h4", line[4..]),
                _ when line.StartsWith("## ", StringComparison.Ordinal) => ("h3", line[3..]),
                _ when line.StartsWith("# ", StringComparison.Ordinal) => ("h2", line[2..]),
                _ => ("p", line),
            };
            if (!string.IsNullOrWhiteSpace(text))
            {
                html.Append('<').Append(tag).Append('>').Append(WebUtility.HtmlEncode(text)).Append("</").Append(tag).Append(">\n");
            }
        }

        CloseList();
        FlushTable();
        if (!string.IsNullOrEmpty(figure))
        {
            html.Append("<figure class=\"portfolio\">").Append(figure).Append("<figcaption>Figure. Every assessment's steps as planned: windows in blue, meetings in orange, work in green; each Plenary marked in red.</figcaption></figure>\n");
        }

        return html.ToString();
    }

    /// <summary>A whole document, to download and open in a browser or a word processor.</summary>
    public static string Page(string markdown, string symbol, string date, string? figure = null) =>
        $"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{WebUtility.HtmlEncode(symbol)}</title>\n</head>\n<body>\n<p>{WebUtility.HtmlEncode(symbol)}<br>{WebUtility.HtmlEncode(date)}</p>\n{Fragment(markdown, figure)}</body>\n</html>\n";
}
