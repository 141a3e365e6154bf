using System.CommandLine;
using IpbesFlow.Nominations;

namespace IpbesFlow.Cli.Commands;

/// <summary>The secretariat's nomination chores at the command line: take in nominations received outside the system,
/// and write the selection report IPBES publishes.</summary>
internal static class NominationCommands
{
    public static Command Create()
    {
        var importId = new Argument<Guid>("id") { Description = "The assessment's id" };
        var file = new Argument<FileInfo>("file") { Description = $"An .xlsx (sheet '{ImportNominationsHandler.SheetName}') or CSV file with the columns {string.Join(", ", ImportNominationsHandler.Headers)}" };
        var importStep = new Option<string>("--step") { Description = "The call for nominations", DefaultValueFactory = _ => "call-for-nominations" };
        var import = new Command("import", "Take in nominations received otherwise: every problem located by sheet, row and column, and then nothing imported.") { importId, file, importStep };
        import.SetAction((parse, ct) => AssessmentCommands.Run(async sender =>
        {
            var path = parse.GetValue(file)!;
            var result = await sender.Send(new ImportNominations(parse.GetValue(importId), parse.GetValue(importStep)!, path.Name, await File.ReadAllBytesAsync(path.FullName, ct)), ct);
            Console.WriteLine($"{result.Rows} row(s) read: {result.CandidatesAdded} candidate(s) and {result.NominationsAdded} nomination(s) added");
        }, ct));

        var reportId = new Argument<Guid>("id") { Description = "The assessment's id" };
        var reportStep = new Option<string>("--step") { Description = "The selection step", DefaultValueFactory = _ => "expert-selection" };
        var output = new Option<FileInfo>("--out") { Description = "Where to write it (.xlsx or .csv, by its extension)", Required = true };
        var report = new Command("report", "Write the selection report: candidates received, approved and selected per region, gender, discipline, economic group and nominating type, then the selected experts.")
            { reportId, reportStep, output };
        report.SetAction((parse, ct) => ReviewCommands.WriteAsync(parse.GetValue(output)!, sender => sender.Send(new GetSelectionReport(parse.GetValue(reportId), parse.GetValue(reportStep)!), ct), ct));

        return new Command("nominations", "Calls for nominations and the MEP's selection: imports and the selection report.") { import, report };
    }
}
