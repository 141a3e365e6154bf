using IpbesFlow.Common;
using IpbesFlow.Reports;
using IpbesFlow.Web.Security;
using Mediator;

namespace IpbesFlow.Web.Endpoints;

/// <summary>Reports written from the records: the progress report on the assessments (the secretariat, the MEP, the
/// Bureau; the handler refuses anyone else).</summary>
internal static class ReportEndpoints
{
    public static void MapReportEndpoints(this WebApplication app)
    {
        app.MapGet("/api/reports/progress", async (DateOnly? since, DateOnly? until, Guid[]? assessment, string? format, string? symbol, ISender sender, ProgressReportWriter writer, CancellationToken ct) =>
            {
                var report = await sender.Send(new GetProgressReport(since ?? throw new ValidationFailedException("since", "Give the first day of the period (since=yyyy-mm-dd)."), until, assessment ?? []), ct);
                var stem = $"progress-report-{since:yyyy-MM-dd}";
                var documentSymbol = string.IsNullOrWhiteSpace(symbol) ? "IPBES/DRAFT" : symbol.Trim();
                return format?.ToLowerInvariant() switch
                {
                    null or "md" => Results.File(System.Text.Encoding.UTF8.GetBytes(writer.Markdown(report)), "text/markdown; charset=utf-8", stem + ".md"),
                    "html" => Results.File(System.Text.Encoding.UTF8.GetBytes(writer.Html(report, documentSymbol)), "text/html; charset=utf-8", stem + ".html"),
                    "docx" => Results.File(writer.Docx(report, documentSymbol), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", stem + ".docx"),
                    _ => throw new ValidationFailedException("format", "Ask for format=md, docx or html."),
                };
            })
            .WithTags("Reports")
            .RequireAuthorization(Policies.SignedIn)
            .Produces<Stream>(StatusCodes.Status200OK, "text/markdown", "text/html", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesValidationProblem()
            .WithSummary("The progress report on the assessments (md, docx or html)")
            .WithDescription("What was done in the period (since, until: yyyy-mm-dd) per assessment, with dates, places and counts from the records; what comes next; one table of all; how each count was taken. For the secretariat, the MEP and the Bureau.");
    }
}
