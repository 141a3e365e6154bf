using Microsoft.Playwright;
using Shouldly;

namespace IpbesFlow.EndToEnd;

/// <summary>A TSU member moves a step from the assessment's page: sees what would move before confirming, confirms,
/// and sees the timeline and the steps move; the journal says who moved it and why.</summary>
public sealed class TsuJourneyTests
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task A_tsu_member_previews_a_move_confirms_it_and_sees_the_timeline_move(string database)
    {
        await using var service = await RunningService.StartAsync(database);
        using var admin = await service.ApiAsAsync(RunningService.Demo("admin"));
        var assessment = await Scene.AssessmentWithReviewAsync(service, admin, "Nexus of biodiversity, water and food", opens: -1, closes: 30, state: "open");
        await Scene.AccountAsync(admin, "tsu.member@example.org", "Tsu Member", "a long TSU password 2026", new { role = "tsu-member", assessmentId = assessment });
        await using var browser = await Browser.OpenAsync(service.Address);
        var page = browser.Page;

        await browser.JourneyAsync($"tsu-{database}", async () =>
        {
            await page.GotoAsync($"/assessments/{assessment}");
            page.Url.ShouldContain("/sign-in?returnUrl=");
            await page.Locator("#email").FillAsync("tsu.member@example.org");
            await page.Locator("#password").FillAsync("a long TSU password 2026");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await page.GetByRole(AriaRole.Heading, new() { Name = "Nexus of biodiversity, water and food" }).WaitForAsync();
            new Uri(page.Url).AbsolutePath.ShouldBe($"/assessments/{assessment}", "signing in leads back to the page asked for");
            await browser.AccessibleAsync("the assessment page");
            await browser.PictureAsync("assessment-timeline.png");

            var bar = page.Locator("svg g.row[data-step='mep-approval'] rect");
            var before = double.Parse(await bar.GetAttributeAsync("x") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
            var newEnd = Scene.Today.AddDays(400).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            await page.Locator("#move-step").SelectOptionAsync(new SelectOptionValue { Value = "mep-approval" });
            await page.GetByLabel("New end").FillAsync(newEnd);
            await page.GetByLabel("Why it moves (in the journal and the notification)").FillAsync("The MEP meets later this year");
            await page.GetByRole(AriaRole.Button, new() { Name = "Show what would move" }).ClickAsync();
            var preview = page.Locator("#move-preview");
            await preview.WaitForAsync();
            (await preview.InnerTextAsync()).ShouldContain("These steps would move");
            await browser.AccessibleAsync("the assessment page with a move's preview");

            await page.GetByRole(AriaRole.Button, new() { Name = "Confirm the move" }).ClickAsync();
            await page.GetByRole(AriaRole.Status).GetByText("The schedule is changed").WaitForAsync();
            var after = double.Parse(await page.Locator("svg g.row[data-step='mep-approval'] rect").GetAttributeAsync("x") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
            after.ShouldNotBe(before, "the bar moved on the timeline");
            (await page.Locator("section[aria-labelledby='journal']").InnerTextAsync()).ShouldContain("The MEP meets later this year");
        });
    }
}
