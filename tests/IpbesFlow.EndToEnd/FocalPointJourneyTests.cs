using Microsoft.Playwright;
using Shouldly;

namespace IpbesFlow.EndToEnd;

/// <summary>A national focal point registers their government for the open review and submits the government's
/// consolidated comments one by one, from the review's page; a refused comment says why and keeps nothing.</summary>
public sealed class FocalPointJourneyTests
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task A_focal_point_registers_the_government_and_submits_its_consolidated_comments(string database)
    {
        await using var service = await RunningService.StartAsync(database);
        using var admin = await service.ApiAsAsync(RunningService.Demo("admin"));
        await Scene.AssessmentWithReviewAsync(service, admin, "Sustainable use of wild species", opens: -1, closes: 30, state: "open");
        await Scene.AccountAsync(admin, "focal.point@environment.go.ke", "Kenya focal point", "a long focal point password 2026", new { role = "national-focal-point", countryCode = "KE" });
        await using var browser = await Browser.OpenAsync(service.Address);
        var page = browser.Page;

        await browser.JourneyAsync($"focal-point-{database}", async () =>
        {
            await page.GotoAsync("/reviews");
            await browser.SignInAsync("focal.point@environment.go.ke", "a long focal point password 2026");
            await page.GetByRole(AriaRole.Link, new() { Name = "Sustainable use of wild species: External review" }).ClickAsync();

            await page.GetByLabel("A government (national focal point)").CheckAsync();
            await page.GetByLabel("Country (two-letter ISO code, e.g. KE)").FillAsync("KE");
            await page.GetByLabel("1. Introduction").CheckAsync();
            await page.GetByLabel("2. Status and trends").CheckAsync();
            await page.GetByLabel("I accept the terms above").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
            await page.GetByRole(AriaRole.Heading, new() { Name = "Your registration" }).WaitForAsync();
            (await page.Locator("section[aria-labelledby='registration']").InnerTextAsync()).ShouldContain("Government");

            // A comment without its text is refused, naming the field, and nothing is taken.
            await page.GetByLabel("Chapter", new() { Exact = true }).First.SelectOptionAsync("2");
            await page.GetByLabel("From page").FillAsync("12");
            await page.GetByLabel("From line").FillAsync("4");
            await page.GetByRole(AriaRole.Button, new() { Name = "Add the comment" }).ClickAsync();
            await page.GetByRole(AriaRole.Alert).WaitForAsync();
            (await page.Locator("ol.comments li").CountAsync()).ShouldBe(0);
            await browser.AccessibleAsync("the review page with a refused comment");

            var taken = 0;
            foreach (var (chapter, pageNumber, text) in new[] { ("1", "3", "Kenya asks that pastoralist knowledge be cited."), ("2", "12", "The trend figure for Kenya uses 2015 data; 2021 data exist.") })
            {
                taken++;
                await page.GetByLabel("Chapter", new() { Exact = true }).First.SelectOptionAsync(chapter);
                await page.GetByLabel("From page").FillAsync(pageNumber);
                await page.GetByLabel("From line").FillAsync("4");
                await page.GetByLabel("Comment", new() { Exact = true }).FillAsync(text);
                await page.GetByRole(AriaRole.Button, new() { Name = "Add the comment" }).ClickAsync();
                await page.GetByRole(AriaRole.Status).GetByText($"Comment No. {taken} taken.").WaitForAsync();
            }

            var comments = await page.Locator("ol.comments li").AllInnerTextsAsync();
            comments.Count.ShouldBe(2);
            comments[0].ShouldContain("pastoralist knowledge", Case.Sensitive, "in the published order: chapter 1 first");
            comments.ShouldAllBe(c => c.Contains("(KE)"));
            await browser.AccessibleAsync("the review page with the government's comments");
        });
    }
}
