using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using IpbesFlow.Identity;
using Shouldly;

namespace IpbesFlow.Web.Tests.Api;

/// <summary>A review through the HTTP API of the running application, with the real clock: set-up and drafts by the
/// TSU, registration, the template, uploads and batches with their problem details, draft access, and the export.</summary>
[Collection(nameof(AppCollection))]
public sealed class ReviewApiTests(IpbesFlowApp app)
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static readonly string[] FirstAndSpm = ["1", "spm"];
    private static readonly string[] SecondOnly = ["2"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_reviewer_registers_downloads_the_template_and_drafts_and_uploads_comments_with_every_problem_named()
    {
        // The single-review deliverable's external review opens 32 weeks after the start: this one opened a week ago.
        var start = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).AddDays(-33 * 7);
        var (id, tsu, review) = await ReviewAsync("Reviewed over HTTP", start);
        using var expert = await app.ClientAsAsync(TokenScope.Write);
        using var stranger = await app.ClientAsAsync(TokenScope.Write);
        using var draftForm = File("chapter-1.pdf", "%PDF-1.7 draft"u8.ToArray(), "application/pdf");
        var draft = await (await tsu.PostAsync($"{review}/drafts", draftForm, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var draftUrl = $"{review}/drafts/{draft.GetProperty("id").GetGuid()}";

        var strangerDraft = await stranger.GetAsync(draftUrl, Ct);
        var registered = await expert.PostAsJsonAsync($"{review}/registrations", new { @as = "expert", chapters = FirstAndSpm, acceptTerms = true, countryCode = "ke" }, Ct);
        var draftBytes = await expert.GetByteArrayAsync(draftUrl, Ct);
        var template = await expert.GetAsync($"{review}/template.xlsx", Ct);
        var filled = Fill(await template.Content.ReadAsByteArrayAsync(Ct), ["1", "3", "10", "", "", "Units are missing."], ["SPM", "two", "4", "", "", "Bad page."], ["9", "1", "1", "", "", "No such chapter."]);
        using var badUpload = File("my comments.xlsx", filled, Xlsx);
        var refused = await expert.PostAsync($"{review}/comments/upload", badUpload, Ct);
        using var goodUpload = File("my comments.csv", Encoding.UTF8.GetBytes("Chapter;From page;From line;To page;To line;Comment\n1;3;10;3;12;\"Units; and a source\"\nSPM;2;4;;;Необходимо уточнить.\n"), "text/csv");
        var taken = await expert.PostAsync($"{review}/comments/upload", goodUpload, Ct);
        var badBatch = await expert.PostAsJsonAsync($"{review}/comments", new { comments = new[] { new { chapter = "1", fromPage = 0, fromLine = 1, text = "x" } } }, Ct);
        var mine = await expert.GetFromJsonAsync<JsonElement>($"{review}/comments", Ct);
        var strangerComments = await stranger.GetAsync($"{review}/comments", Ct);
        var publicExport = await app.CreateClient().GetAsync($"{review}/export?format=csv", Ct);
        var tsuExport = await tsu.GetAsync($"{review}/export?format=csv", Ct);

        strangerDraft.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        registered.StatusCode.ShouldBe(HttpStatusCode.OK);
        draftBytes.ShouldBe("%PDF-1.7 draft"u8.ToArray());
        template.Content.Headers.ContentType!.MediaType.ShouldBe(Xlsx);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        errors.GetProperty("Comments!C3")[0].GetString().ShouldBe("Sheet 'Comments', row 3, column C (From page): must be a whole number of 1 or more; found 'two'.");
        errors.GetProperty("Comments!B4")[0].GetString().ShouldBe("Sheet 'Comments', row 4, column B (Chapter): '9' is not a chapter of this review; the chapters are 1, 2, SPM.");
        (await taken.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("accepted").GetInt32().ShouldBe(2);
        (await badBatch.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").GetProperty("comments[0].fromPage")[0].GetString().ShouldBe("Must be a whole number of 1 or more; found 0.");
        mine.EnumerateArray().Select(c => c.GetProperty("text").GetString()).ShouldBe(["Units; and a source", "Необходимо уточнить."]);
        strangerComments.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        publicExport.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "published only once the Plenary has approved the assessment");
        tsuExport.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var csv = await tsuExport.Content.ReadAsByteArrayAsync(Ct);
        csv[..3].ShouldBe(Encoding.UTF8.Preamble.ToArray(), "Excel reads the file as UTF-8");
        Encoding.UTF8.GetString(csv[3..]).ShouldStartWith("No.,Chapter,From page,From line,To page,To line,Comment,Reviewer,Country,Organisation,Reviewer type,Response status,Response");
        _ = id;
    }

    [Fact]
    public async Task An_upload_says_as_whom_in_the_words_the_document_lists()
    {
        var start = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).AddDays(-33 * 7);
        var (_, _, review) = await ReviewAsync("Uploaded as an expert", start);
        using var expert = await app.ClientAsAsync(TokenScope.Write);
        (await expert.PostAsJsonAsync($"{review}/registrations", new { @as = "expert", chapters = SecondOnly, acceptTerms = true, countryCode = "BR" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var csv = Encoding.UTF8.GetBytes("Chapter,From page,From line,To page,To line,Comment\n2,5,5,,,As an expert.\n");

        using var asExpert = File("comments.csv", csv, "text/csv");
        var taken = await expert.PostAsync($"{review}/comments/upload?as=expert", asExpert, Ct);
        using var asNobody = File("comments.csv", csv, "text/csv");
        var refused = await expert.PostAsync($"{review}/comments/upload?as=nobody", asNobody, Ct);

        taken.StatusCode.ShouldBe(HttpStatusCode.OK, await taken.Content.ReadAsStringAsync(Ct));
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").GetProperty("as")[0].GetString().ShouldBe("'nobody' is not one of expert, government, organisation.");
    }

    [Fact]
    public async Task A_comment_before_the_review_opens_gets_409_saying_when_it_opens()
    {
        var start = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        var (_, _, review) = await ReviewAsync("Not open yet", start);
        using var expert = await app.ClientAsAsync(TokenScope.Write);
        (await expert.PostAsJsonAsync($"{review}/registrations", new { chapters = SecondOnly, acceptTerms = true, countryCode = "BR" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK, "registration is open for an upcoming review");

        var early = await expert.PostAsJsonAsync($"{review}/comments", new { comments = new[] { new { chapter = "2", fromPage = 1, fromLine = 1, text = "Too early." } } }, Ct);

        early.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var opens = start.AddDays(32 * 7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        (await early.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString().ShouldStartWith($"Review external-review opens at {opens}T00:00:00Z");
    }

    private Task<(Guid Id, HttpClient Tsu, string Review)> ReviewAsync(string title, DateOnly start) =>
        app.ReviewAsync(title, start, ("1", "Introduction"), ("2", "Trends"), ("SPM", "Summary for policymakers"));

    private static MultipartFormDataContent File(string name, byte[] content, string type)
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(type);
        return new MultipartFormDataContent { { file, "file", name } };
    }

    // What a reviewer does in Excel: type rows under the template's header (columns B to G; A is their own number).
    private static byte[] Fill(byte[] template, params string[][] rows)
    {
        using var stream = new MemoryStream();
        stream.Write(template);
        using (var document = SpreadsheetDocument.Open(stream, isEditable: true))
        {
            var workbook = document.WorkbookPart!;
            var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == "Comments");
            var data = ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet.GetFirstChild<SheetData>()!;
            for (var r = 0; r < rows.Length; r++)
            {
                var row = new Row { RowIndex = (uint)(r + 2) };
                for (var c = 0; c < rows[r].Length; c++)
                {
                    if (rows[r][c].Length > 0)
                    {
                        row.Append(new Cell { CellReference = $"{(char)('B' + c)}{r + 2}", DataType = CellValues.String, CellValue = new CellValue(rows[r][c]) });
                    }
                }

                data.Append(row);
            }
        }

        return stream.ToArray();
    }
}
