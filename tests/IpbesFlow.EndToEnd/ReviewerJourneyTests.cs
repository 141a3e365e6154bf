using Microsoft.Playwright;
using Shouldly;

namespace IpbesFlow.EndToEnd;

/// <summary>An expert reviewer: creates their own account, signs in with the mailed link, registers for the open review,
/// downloads the template, uploads a spreadsheet with one bad cell and sees where, fixes it, uploads again and sees the
/// comments.</summary>
public sealed class ReviewerJourneyTests
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task An_expert_signs_in_from_the_mail_registers_and_uploads_comments_after_fixing_a_located_error(string database)
    {
        await using var service = await RunningService.StartAsync(database);
        using var admin = await service.ApiAsAsync(RunningService.Demo("admin"));
        var assessment = await Scene.AssessmentWithReviewAsync(service, admin, "Pollinators and food", opens: -1, closes: 30, state: "open");
        await using var browser = await Browser.OpenAsync(service.Address);
        var page = browser.Page;

        await browser.JourneyAsync($"reviewer-{database}", async () =>
        {
            await page.GotoAsync("/reviews");
            page.Url.ShouldContain("/sign-in?returnUrl=", Case.Sensitive, "a page asks a stranger to sign in first");
            await browser.AccessibleAsync("the sign-in page");
            await page.GetByRole(AriaRole.Link, new() { Name = "Create an account" }).ClickAsync();
            await page.GetByRole(AriaRole.Heading, new() { Name = "Create an account to review" }).WaitForAsync();
            await browser.AccessibleAsync("the page to create an account");
            await page.GetByLabel("Email").FillAsync("amina.odhiambo@example.org");
            await page.GetByLabel("Full name").FillAsync("Amina Odhiambo");
            await page.GetByLabel("Country (two-letter ISO code, e.g. KE)").FillAsync("KE");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create the account" }).ClickAsync();
            await page.GetByRole(AriaRole.Status).GetByText("a link to sign in is on its way").WaitForAsync();

            var mail = await service.MailToAsync("amina.odhiambo@example.org", "sign-in link");
            await page.GotoAsync(Scene.Link(mail, "/sign-in?token="));
            await browser.AccessibleAsync("the sign-in link's page");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await page.GetByRole(AriaRole.Heading, new() { Name = "What is mine to do" }).WaitForAsync();
            await browser.AccessibleAsync("the home page");

            await page.GetByRole(AriaRole.Link, new() { Name = "Reviews", Exact = true }).ClickAsync();
            await page.GetByRole(AriaRole.Heading, new() { Name = "Open and upcoming reviews" }).WaitForAsync();
            await browser.AccessibleAsync("the reviews page");
            await page.GetByRole(AriaRole.Link, new() { Name = "Pollinators and food: External review" }).ClickAsync();
            await page.GetByRole(AriaRole.Heading, new() { Name = "Register to review" }).WaitForAsync();
            await browser.AccessibleAsync("the review page before registering");

            // Registering without accepting the terms is refused, and says why.
            await page.GetByLabel("Country (two-letter ISO code, e.g. KE)").FillAsync("KE");
            await page.GetByLabel("1. Introduction").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
            await page.GetByRole(AriaRole.Alert).GetByText("Accept the confidentiality terms").WaitForAsync();
            await page.GetByLabel("Country (two-letter ISO code, e.g. KE)").FillAsync("KE");
            await page.GetByLabel("1. Introduction").CheckAsync();
            await page.GetByLabel("I accept the terms above").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
            await page.GetByRole(AriaRole.Heading, new() { Name = "Your registration" }).WaitForAsync();
            await browser.AccessibleAsync("the review page once registered");

            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "The comment template (.xlsx)" }).ClickAsync());
            download.SuggestedFilename.ShouldEndWith(".xlsx");

            var bad = "Chapter,From page,From line,To page,To line,Comment\n1,3,10,3,12,The pollination figures need a source.\n1,four,2,4,2,The second comment has a bad page.\n"u8.ToArray();
            await page.GetByLabel("The filled-in template (.xlsx, or CSV in UTF-8)").SetInputFilesAsync(new FilePayload { Name = "comments.csv", MimeType = "text/csv", Buffer = bad });
            await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
            var errors = page.Locator("#upload-errors");
            await errors.WaitForAsync();
            (await errors.InnerTextAsync()).ShouldContain("comments.csv was not taken");
            (await errors.InnerTextAsync()).ShouldMatch("(?s)row 3.*From page|From page.*row 3", "the error names the row and the column of the bad cell");
            (await page.Locator("ol.comments li").CountAsync()).ShouldBe(0, "nothing of a refused file is kept");
            await browser.AccessibleAsync("the review page with an upload error");

            var good = "Chapter,From page,From line,To page,To line,Comment\n1,3,10,3,12,The pollination figures need a source.\n1,4,2,4,2,The second comment has a good page now.\n"u8.ToArray();
            await page.GetByLabel("The filled-in template (.xlsx, or CSV in UTF-8)").SetInputFilesAsync(new FilePayload { Name = "comments.csv", MimeType = "text/csv", Buffer = good });
            await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
            await page.Locator("#upload-result").GetByText("2 comment(s) taken").WaitForAsync();
            await page.GetByRole(AriaRole.Heading, new() { Name = "My comments" }).WaitForAsync();
            (await page.Locator("ol.comments li").AllInnerTextsAsync()).ShouldContain(t => t.Contains("The second comment has a good page now."));
            await browser.AccessibleAsync("the review page with the comments");
        });
    }
}
