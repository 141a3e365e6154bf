using System.CommandLine;
using System.Globalization;
using IpbesFlow.Common;
using IpbesFlow.Reports;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace IpbesFlow.Cli.Commands;

/// <summary>Reports written from the records: the progress report on the work programme, for the Plenary.</summary>
internal static class ReportCommands
{
    public static Command Create()
    {
        var since = new Option<string>("--since") { Description = "First day of the period (yyyy-mm-dd)", Required = true };
        var until = new Option<string?>("--until") { Description = "Last day of the period (yyyy-mm-dd; today unless given)" };
        var assessments = new Option<Guid[]>("--assessment") { Description = "Only these assessments (repeatable); every one unless given" };
        var format = new Option<string>("--format") { Description = "md, docx or html", DefaultValueFactory = _ => "md" };
        var symbol = new Option<string>("--symbol") { Description = "The document symbol on the first page of a docx or html (e.g. IPBES/11/INF/2)", DefaultValueFactory = _ => "IPBES/DRAFT" };
        var output = new Option<FileInfo?>("--out") { Description = "Where to write it (printed unless given)" };
        var progress = new Command("progress", "The progress report on the assessments: what was done in the period, with dates, places and counts; what comes next.")
            { since, until, assessments, format, symbol, output };
        progress.SetAction((parse, ct) => AssessmentCommands.RunWithServices(async services =>
        {
            var chosen = parse.GetValue(format)?.ToLowerInvariant();
            var docx = chosen == "docx";
            if (chosen is not ("md" or "docx" or "html"))
            {
                throw new ValidationFailedException("format", "Write --format md, docx or html.");
            }

            if (docx && parse.GetValue(output) is null)
            {
                throw new ValidationFailedException("out", "A Word document is written to a file: give --out report.docx.");
            }

            var report = await services.GetRequiredService<ISender>().Send(
                new GetProgressReport(Day(parse.GetValue(since), "since")!.Value, Day(parse.GetValue(until), "until"), parse.GetValue(assessments) ?? []), ct);
            var writer = services.GetRequiredService<ProgressReportWriter>();
            if (docx)
            {
                var path = parse.GetValue(output)!.FullName;
                await File.WriteAllBytesAsync(path, writer.Docx(report, parse.GetValue(symbol)!), ct);
                Console.WriteLine($"{report.Assessments.Count} assessment(s) written to {path}");
                return;
            }

            var text = chosen == "html" ? writer.Html(report, parse.GetValue(symbol)!) : writer.Markdown(report);
            if (parse.GetValue(output) is { } file)
            {
                await File.WriteAllTextAsync(file.FullName, text, ct);
                Console.WriteLine($"{report.Assessments.Count} assessment(s) written to {file.FullName}");
            }
            else
            {
                Console.Write(text);
            }
        }, ct));
        return new Command("report", "Reports written from the records.") { progress };
    }

    private static DateOnly? Day(string? text, string field) =>
        text is null ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day
        : throw new ValidationFailedException(field, $"'{text}' is not a day (yyyy-mm-dd).");
}
