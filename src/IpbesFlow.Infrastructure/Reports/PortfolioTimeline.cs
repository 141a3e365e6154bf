using System.Globalization;
using System.Net;
using System.Text;

namespace IpbesFlow.Reports;

/// <summary>The portfolio's timeline as an SVG figure: one row per assessment, a bar per step over its planned days
/// (coloured by kind: windows, meetings, work), each Plenary marked on its row, a tick per year. Presentation
/// attributes only (no style attribute), so that a page under a strict Content-Security-Policy shows it.</summary>
internal static class PortfolioTimeline
{
    private const int Width = 960;
    private const int Label = 280;
    private const int Row = 22;
    private const int Top = 24;

    public static string Svg(IReadOnlyList<TimelineRow> rows)
    {
        var days = rows.SelectMany(r => r.Bars.SelectMany(b => new[] { b.Start, b.End }).Concat(r.Plenary is { } p ? [p] : [])).ToList();
        if (days.Count == 0)
        {
            return string.Empty;
        }

        var first = new DateOnly(days.Min().Year, 1, 1);
        var last = new DateOnly(days.Max().Year + 1, 1, 1);
        var span = last.DayNumber - first.DayNumber;
        double X(DateOnly day) => Label + ((Width - Label - 10) * (double)(day.DayNumber - first.DayNumber) / span);
        string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
        var height = Top + (rows.Count * Row) + 10;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {height}\" role=\"img\" aria-labelledby=\"portfolio-title\" font-size=\"11\" font-family=\"sans-serif\">");
        svg.Append("<title id=\"portfolio-title\">Every assessment's steps as planned, with its Plenary marked</title>");
        for (var year = first.Year; year <= last.Year; year++)
        {
            var x = F(X(new DateOnly(year, 1, 1)));
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x}\" y1=\"{Top - 6}\" x2=\"{x}\" y2=\"{height}\" stroke=\"#c8c8c8\"/><text x=\"{x}\" y=\"{Top - 10}\" fill=\"#222\">{year}</text>");
        }

        for (var i = 0; i < rows.Count; i++)
        {
            var y = Top + (i * Row);
            var row = rows[i];
            var title = row.Title.Length > 44 ? row.Title[..43] + "…" : row.Title;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"4\" y=\"{y + 14}\" fill=\"#222\">{WebUtility.HtmlEncode(title)}</text>");
            foreach (var bar in row.Bars)
            {
                var x = X(bar.Start);
                var w = Math.Max(2, X(bar.End.AddDays(1)) - x);
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{F(x)}\" y=\"{y + 4}\" width=\"{F(w)}\" height=\"12\" fill=\"{Colour(bar.Kind)}\"><title>{WebUtility.HtmlEncode($"{bar.Title}: {bar.Start:yyyy-MM-dd} to {bar.End:yyyy-MM-dd}")}</title></rect>");
            }

            if (row.Plenary is { } plenary)
            {
                var x = F(X(plenary));
                svg.Append(CultureInfo.InvariantCulture, $"<path d=\"M{x} {y + 2} l5 8 l-5 8 l-5 -8 z\" fill=\"#8b1a1a\"><title>{WebUtility.HtmlEncode($"Plenary: {plenary:yyyy-MM-dd}")}</title></path>");
            }
        }

        return svg.Append("</svg>").ToString();
    }

    private static string Colour(string kind) => kind switch
    {
        "review" or "call" => "#2f6db5",
        "meeting" => "#d08a00",
        "approval" or "milestone" => "#8b1a1a",
        _ => "#5b8c5a",
    };
}
