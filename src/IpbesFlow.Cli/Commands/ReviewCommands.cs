using System.CommandLine;
using System.Globalization;
using IpbesFlow.Common;
using IpbesFlow.Reviews;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace IpbesFlow.Cli.Commands;

/// <summary>A TSU's review chores at the command line: set a review up, take in comments received otherwise, follow
/// its progress, write out its template and its compilation.</summary>
internal static class ReviewCommands
{
    public static Command Create()
    {
        var configureId = new Argument<Guid>("id") { Description = "The assessment's id" };
        var configureStep = new Argument<string>("step") { Description = "The review step, e.g. fod-review" };
        var chapters = new Option<string[]>("--chapter") { Description = "A chapter under review: code=title (repeatable, in order), e.g. --chapter \"1=Introduction\"", Required = true };
        var maxLength = new Option<int?>("--max-comment-length") { Description = "The longest comment taken (characters; 5,000 unless set)" };
        var terms = new Option<string?>("--terms") { Description = "The confidentiality terms reviewers accept" };
        var configure = new Command("configure", "Set a review up: its chapters, terms and comment length limit.") { configureId, configureStep, chapters, maxLength, terms };
        configure.SetAction((parse, ct) => AssessmentCommands.Run(async sender =>
        {
            var list = (parse.GetValue(chapters) ?? []).Select((c, i) => c.Split('=', 2) is [var code, var title] ? new ChapterInput(code, title)
                : throw new ValidationFailedException($"chapter[{i}]", $"'{c}' is not code=title, e.g. \"3=Status and trends\".")).ToList();
            var review = await sender.Send(new ConfigureReview(parse.GetValue(configureId), parse.GetValue(configureStep)!, list, parse.GetValue(terms), parse.GetValue(maxLength)), ct);
            Console.WriteLine($"{review.StepId}: {review.OpensAt:yyyy-MM-dd HH:mm}Z to {review.ClosesAt:yyyy-MM-dd HH:mm}Z, chapters {string.Join(", ", review.Chapters.Select(c => c.Code))}, comments up to {review.MaxCommentLength} characters");
        }, ct));

        var importId = new Argument<Guid>("id") { Description = "The assessment's id" };
        var importStep = new Argument<string>("step") { Description = "The review step" };
        var file = new Argument<FileInfo>("file") { Description = "An .xlsx or CSV file in the compilation's format (with reviewer columns)" };
        var import = new Command("import", "Take in comments received otherwise (all or nothing; the same file twice adds nothing).") { importId, importStep, file };
        import.SetAction((parse, ct) => AssessmentCommands.Run(async sender =>
        {
            var path = parse.GetValue(file)!;
            var result = await sender.Send(new ImportComments(parse.GetValue(importId), parse.GetValue(importStep)!, path.Name, await File.ReadAllBytesAsync(path.FullName, ct)), ct);
            Console.WriteLine(result.AlreadyTaken
                ? $"{path.Name} was taken before: {result.Accepted} comment(s), numbers {result.FirstNumber}-{result.LastNumber}; nothing added"
                : $"{result.Accepted} comment(s) taken, numbers {result.FirstNumber}-{result.LastNumber}");
        }, ct));

        var progressId = new Argument<Guid>("id") { Description = "The assessment's id" };
        var progressStep = new Argument<string>("step") { Description = "The review step" };
        var progress = new Command("progress", "Comments and responses per chapter and reviewer type.") { progressId, progressStep };
        progress.SetAction((parse, ct) => AssessmentCommands.Run(async sender =>
        {
            var p = await sender.Send(new GetReviewProgress(parse.GetValue(progressId), parse.GetValue(progressStep)!), ct);
            Console.WriteLine($"{p.StepId}: {p.Registrations} registration(s), {p.Comments} comment(s), {p.Answered} answered ({p.ShareAnswered.ToString("P0", CultureInfo.InvariantCulture)})");
            foreach (var c in p.Chapters)
            {
                Console.WriteLine($"  {c.Code,-6} {c.Comments,7} comments {c.Answered,7} answered  {(c.SignedOffAt is { } at ? $"signed off {at:yyyy-MM-dd}" : string.Empty)}  {c.Title}");
            }

            Console.WriteLine("  by reviewer type: " + string.Join(", ", p.ByReviewerType.Select(t => $"{t.Key} {t.Value} ({p.AnsweredByReviewerType[t.Key]} answered)")));
        }, ct));

        var exportId = new Argument<Guid>("id") { Description = "The assessment's id" };
        var exportStep = new Argument<string>("step") { Description = "The review step" };
        var output = new Option<FileInfo>("--out") { Description = "Where to write it (.xlsx or .csv, by its extension)", Required = true };
        var export = new Command("export", "Write the compilation of comments and responses, ordered by chapter, page and line.") { exportId, exportStep, output };
        export.SetAction((parse, ct) => WriteAsync(parse.GetValue(output)!, sender => sender.Send(new ExportComments(parse.GetValue(exportId), parse.GetValue(exportStep)!), ct), ct));

        var templateId = new Argument<Guid>("id") { Description = "The assessment's id" };
        var templateStep = new Argument<string>("step") { Description = "The review step" };
        var templateOut = new Option<FileInfo>("--out") { Description = "Where to write the .xlsx template", Required = true };
        var template = new Command("template", "Write the review's empty comment template (.xlsx) with its chapters and checks.") { templateId, templateStep, templateOut };
        template.SetAction((parse, ct) => WriteAsync(parse.GetValue(templateOut)!, sender => sender.Send(new GetCommentTemplate(parse.GetValue(templateId), parse.GetValue(templateStep)!), ct), ct));

        return new Command("reviews", "Review rounds: set-up, comments taken in, progress, template and compilation.") { configure, import, progress, export, template };
    }

    internal static Task<int> WriteAsync(FileInfo output, Func<ISender, ValueTask<CommentExport>> query, CancellationToken ct) => AssessmentCommands.RunWithServices(async services =>
    {
        var format = output.Extension.Equals(".csv", StringComparison.OrdinalIgnoreCase) ? CommentFileFormat.Csv : CommentFileFormat.Xlsx;
        var export = await query(services.GetRequiredService<ISender>());
        int rows;
        await using (var stream = output.Create())
        {
            rows = await services.GetRequiredService<ICommentFiles>().WriteAsync(stream, format, export.Sheet, ct);
        }

        Console.WriteLine($"{rows} row(s) written to {output.FullName}");
    }, ct);
}
