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
        var format = new Option<string>("--format") { Description = "md (docx and html are to come)", DefaultValueFactory = _ => "md" };
        var output = new Option<FileInfo?>("--out") { Description = "Where to write it (printed unless given)" };
        var progress = new Command("progress", "The progress report on the assessments: what was done in the period, with dates, places and counts; what comes next.")
            { since, until, assessments, format, output };
        progress.SetAction((parse, ct) => AssessmentCommands.RunWithServices(async services =>
        {
            if (!string.Equals(parse.GetValue(format), "md", StringComparison.OrdinalIgnoreCase))
            {
                throw new ValidationFailedException("format", "Only --format md is written yet.");
            }

            var report = await services.GetRequiredService<ISender>().Send(
                new GetProgressReport(Day(parse.GetValue(since), "since")!.Value, Day(parse.GetValue(until), "until"), parse.GetValue(assessments) ?? []), ct);
            var text = services.GetRequiredService<ProgressReportWriter>().Markdown(report);
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
