using System.Net.Http.Json;
using Microsoft.Playwright;
using Shouldly;

namespace IpbesFlow.EndToEnd;

/// <summary>After a review has closed: its TSU sets it up from the page (chapters, a draft) and imports the comments
/// received by email, and sees the progress; a lead author of chapter 1 answers its comments from their tasks; the
/// chapter's review editor signs it off.</summary>
public sealed class AuthorJourneyTests
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task A_tsu_runs_the_review_an_author_answers_the_comments_and_a_review_editor_signs_the_chapter_off(string database)
    {
        await using var service = await RunningService.StartAsync(database);
        using var admin = await service.ApiAsAsync(RunningService.Demo("admin"));
        var created = await RunningService.ReadAsync(await admin.PostAsJsonAsync("/api/assessments", new
        {
            workflow = "single-review-deliverable",
            title = "Invasive alien species",
            start = Scene.Today.AddDays(-300),
            @fixed = new Dictionary<string, object> { ["external-review"] = new { start = Scene.Today.AddDays(-20), end = Scene.Today.AddDays(-2) } },
        }, TestContext.Current.CancellationToken));
        var assessment = created.GetProperty("id").GetGuid();
        await Scene.AccountAsync(admin, "tsu@example.org", "Tara Support", "a long TSU password 2026", new { role = "tsu-member", assessmentId = assessment });
        await Scene.AccountAsync(admin, "author@example.org", "Lea Author", "a long author password 2026", new { role = "author", assessmentId = assessment, authorRole = "lead-author", chapter = "1" });
        await Scene.AccountAsync(admin, "editor@example.org", "Ravi Editor", "a long editor password 2026", new { role = "author", assessmentId = assessment, authorRole = "review-editor", chapter = "1" });
        await using var browser = await Browser.OpenAsync(service.Address);
        var page = browser.Page;

        await browser.JourneyAsync($"tsu-runs-review-{database}", async () =>
        {
            await SignInAsync(browser, "tsu@example.org", "a long TSU password 2026");
            await page.GotoAsync($"/assessments/{assessment}");
            await page.GetByRole(AriaRole.Link, new() { Name = "External review", Exact = true }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Open the review: registration, drafts, comments" }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "set it up" }).ClickAsync();
            await page.GetByRole(AriaRole.Heading, new() { Name = "Run the review: External review" }).WaitForAsync();
            await browser.AccessibleAsync("the review's administration before set-up");

            await page.GetByLabel("Chapters under review, one per line: code | title").FillAsync("1 | Introduction\n2 | Drivers of biological invasions");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save the set-up" }).ClickAsync();
            await page.GetByRole(AriaRole.Status).GetByText("The set-up is saved.").WaitForAsync();
            await page.GetByLabel("Attach a draft (confidential to registered reviewers while the review is open)").SetInputFilesAsync(new FilePayload { Name = "sod-chapter-1.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.7 second-order draft"u8.ToArray() });
            await page.GetByRole(AriaRole.Button, new() { Name = "Attach", Exact = true }).ClickAsync();
            await page.GetByRole(AriaRole.Status).GetByText("sod-chapter-1.pdf is attached.").WaitForAsync();

            var compilation = "No.,Chapter,From page,From line,To page,To line,Comment,Reviewer,Country,Organisation,Reviewer type,Response status,Response\n"
                + "1,1,3,10,3,12,The definition of invasive differs from chapter 2.,Government of Mexico,MX,,government,,\n"
                + "2,1,5,1,5,4,Cite the 2019 global assessment here.,Dr Ana Ruiz,ES,,expert,,\n";
            await page.GetByLabel("Compilation (.xlsx or CSV)").SetInputFilesAsync(new FilePayload { Name = "by-email.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(compilation) });
            await page.GetByRole(AriaRole.Button, new() { Name = "Import" }).ClickAsync();
            await page.GetByRole(AriaRole.Status).GetByText("2 comment(s) imported").WaitForAsync();
            (await page.Locator("figure.progress-chart").First.Locator("g[data-row='1. Introduction'] .chart-count").TextContentAsync()).ShouldBe("0 / 2");
            await browser.AccessibleAsync("the review's administration with its progress");
        });

        await page.Context.ClearCookiesAsync();
        await browser.JourneyAsync($"author-answers-{database}", async () =>
        {
            await SignInAsync(browser, "author@example.org", "a long author password 2026");
            await page.GetByRole(AriaRole.Link, new() { Name = "Answer 2 comment(s) on chapter 1 of External review" }).ClickAsync();
            await page.GetByRole(AriaRole.Heading, new() { Name = "Comments", Exact = true }).WaitForAsync();
            await browser.AccessibleAsync("the comments to answer");
            foreach (var (number, status, text) in new[] { (1, "accepted", "The definitions now agree."), (2, "rejected", "The 2019 assessment is cited in section 1.2 already.") })
            {
                await page.GetByLabel($"Response to No. {number}").SelectOptionAsync(status);
                await page.Locator($"#response-{number}").FillAsync(text);
                await page.Locator($"#comment-{number}").GetByRole(AriaRole.Button, new() { Name = "Save the response" }).ClickAsync();
                await page.GetByRole(AriaRole.Status).GetByText($"The response to No. {number} is saved.").WaitForAsync();
            }

            await page.GetByText("Every comment here has a response.").WaitForAsync();
            await page.GetByLabel("Without a response only").UncheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
            (await page.Locator("#comment-2 .response").InnerTextAsync()).ShouldContain("cited in section 1.2");
        });

        await page.Context.ClearCookiesAsync();
        await browser.JourneyAsync($"editor-signs-off-{database}", async () =>
        {
            await SignInAsync(browser, "editor@example.org", "a long editor password 2026");
            await page.GetByRole(AriaRole.Link, new() { Name = "Sign off chapter 1 of External review: every comment has a response" }).ClickAsync();
            await browser.AccessibleAsync("the chapter to sign off");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign off chapter 1" }).ClickAsync();
            await page.GetByRole(AriaRole.Status).GetByText("Chapter 1 is signed off.").WaitForAsync();
            (await page.Locator("section[aria-labelledby='sign-off']").InnerTextAsync()).ShouldContain("signed off by editor@example.org");
        });
    }

    private static async Task SignInAsync(Browser browser, string email, string password)
    {
        await browser.Page.GotoAsync("/sign-in");
        await browser.SignInAsync(email, password);
        await browser.Page.GetByRole(AriaRole.Heading, new() { Name = "What is mine to do" }).WaitForAsync();
    }
}
