using IpbesFlow.Testing;
using Shouldly;

namespace IpbesFlow.IntegrationTests.Cli;

public sealed class ReportCommandTests : IDisposable
{
    private static readonly string Cli = RepositoryPaths.ExecutableDll("IpbesFlow.Cli", "ipbesflow");
    private readonly string folder = Directory.CreateTempSubdirectory("ipbesflow-cli-report-").FullName;

    [Fact]
    public async Task The_secretariat_writes_the_progress_report_for_a_period_as_Markdown_Word_and_HTML()
    {
        await Run("db", "migrate");
        await Run("assessments", "create", "--workflow", "scoping", "--title", "Scoped", "--start", "2030-01-07");

        var written = await Run("report", "progress", "--since", "2029-01-01", "--until", "2029-12-31", "--out", Path.Combine(folder, "progress.md"));
        var docx = await Run("report", "progress", "--since", "2029-01-01", "--until", "2029-12-31", "--format", "docx", "--symbol", "IPBES/11/INF/2", "--out", Path.Combine(folder, "progress.docx"));
        var html = await Run("report", "progress", "--since", "2029-01-01", "--until", "2029-12-31", "--format", "html");
        var backwards = await Run("report", "progress", "--since", "2030-12-31", "--until", "2030-01-01");

        written.ShouldSatisfyAllConditions(r => r.ExitCode.ShouldBe(0, r.Output), r => r.Output.ShouldContain("1 assessment(s) written to"));
        var text = await File.ReadAllTextAsync(Path.Combine(folder, "progress.md"), TestContext.Current.CancellationToken);
        text.ShouldStartWith("# Progress report on the assessments of the work programme");
        text.ShouldContain("Period covered: 1 January 2029 to 31 December 2029.");
        text.ShouldContain("- Call for nominations of scoping experts: planned from 7 January 2030 to 17 February 2030.", customMessage: "not yet run in the records: what comes next");
        docx.ShouldSatisfyAllConditions(r => r.ExitCode.ShouldBe(0, r.Output), r => r.Output.ShouldContain("1 assessment(s) written to"));
        using (var word = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(Path.Combine(folder, "progress.docx"), false))
        {
            new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(word, TestContext.Current.CancellationToken).Select(e => $"{e.Path?.XPath}: {e.Description}").ShouldBeEmpty("a Word document without errors");
            word.MainDocumentPart!.Document.Body!.InnerText.ShouldStartWith("IPBES/11/INF/2");
        }

        html.ShouldSatisfyAllConditions(r => r.ExitCode.ShouldBe(0, r.Output), r => r.Output.ShouldStartWith("<!DOCTYPE html>"), r => r.Output.ShouldContain("<h3>1. Scoped</h3>"));
        (await Run("report", "progress", "--since", "2029-01-01", "--format", "pdf")).Output.ShouldContain("Write --format md, docx or html.");
        backwards.Output.ShouldContain("The period ends (2030-01-01) before it begins (2030-12-31).");
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private Task<(int ExitCode, string Output)> Run(params string[] arguments) =>
        ProcessRunner.RunAsync(Cli, arguments, new Dictionary<string, string?> { ["Storage__DataDirectory"] = folder }, folder, TimeSpan.FromSeconds(60));
}
