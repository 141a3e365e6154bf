using Fluid;
using IpbesFlow.Configuration;

namespace IpbesFlow.Reports;

/// <summary>Writes a progress report from its facts with the report's Fluid templates (<c>workflows/reports/&lt;language&gt;/</c>,
/// like the mail's), so that another UN language is another file: Markdown, and a Word document made from the same
/// text (so that the sentences have one source).</summary>
public sealed class ProgressReportWriter(StorageSettings settings)
{
    private static readonly FluidParser Parser = new();

    private static readonly TemplateOptions Options = CreateOptions();

    public string Markdown(ProgressReport report, string language = "en")
    {
        var path = Path.Combine(settings.WorkflowsDirectory, "reports", language, "progress.md.liquid");
        if (!File.Exists(path))
        {
            path = Path.Combine(settings.WorkflowsDirectory, "reports", "en", "progress.md.liquid");
        }

        if (!Parser.TryParse(File.ReadAllText(path), out var template, out var error))
        {
            throw new InvalidOperationException($"{path}: {error}");
        }

        var text = template.Render(new TemplateContext(report, Options));
        // Blank lines the template's tags leave are squeezed to one, as Markdown reads them anyway.
        return System.Text.RegularExpressions.Regex.Replace(text.Replace("\r\n", "\n", StringComparison.Ordinal), "\n{3,}", "\n\n", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1)).Trim() + "\n";
    }

    /// <summary>The report as a Word document (Open XML): the document symbol and the date on the first page, as UN
    /// documents have them; headings as Word's Heading 1 and 2; the sentences as numbered paragraphs (numbered on,
    /// through the document, as UN documents number theirs); the overview as a Word table.</summary>
    public byte[] Docx(ProgressReport report, string symbol, string language = "en") => WordDocument.From(Markdown(report, language), symbol, report.Generated);

    /// <summary>The report as a whole HTML document, from the same text.</summary>
    public string Html(ProgressReport report, string symbol, string language = "en") => HtmlDocument.Page(Markdown(report, language), symbol, report.Generated, PortfolioTimeline.Svg(report.Timeline));

    /// <summary>The report's content as HTML, for a page to show in its own frame.</summary>
    public string HtmlFragment(ProgressReport report, string language = "en") => HtmlDocument.Fragment(Markdown(report, language), PortfolioTimeline.Svg(report.Timeline));

    private static TemplateOptions CreateOptions()
    {
        var options = new TemplateOptions();
        options.MemberAccessStrategy.MemberNameStrategy = MemberNameStrategies.SnakeCase;
        foreach (var type in new[] { typeof(ProgressReport), typeof(AssessmentSection), typeof(DoneStep), typeof(NextStep), typeof(ReportCount) })
        {
            options.MemberAccessStrategy.Register(type);
        }

        return options;
    }
}
