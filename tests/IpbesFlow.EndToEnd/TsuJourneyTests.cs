using Microsoft.Playwright;
using Shouldly;

namespace IpbesFlow.EndToEnd;

/// <summary>An MEP member creates an assessment with the wizard (a plan with a conflict named first, then one that
/// holds); its TSU member moves a step from the assessment's page: sees what would move before confirming, confirms,
/// and sees the timeline and the steps move; the journal says who moved it and why.</summary>
public sealed class TsuJourneyTests
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task An_mep_member_creates_an_assessment_with_the_wizard_and_its_tsu_moves_a_step_and_sees_the_timeline_move(string database)
    {
        await using var service = await RunningService.StartAsync(database);
        using var admin = await service.ApiAsAsync(RunningService.Demo("admin"));
        await Scene.AccountAsync(admin, "mep.member@example.org", "Mep Member", "a long MEP password 2026", new { role = "mep-member" });
        await using var browser = await Browser.OpenAsync(service.Address);
        var page = browser.Page;
        var assessment = Guid.Empty;

        await browser.JourneyAsync($"wizard-{database}", async () =>
        {
            await browser.SignInAsync("mep.member@example.org", "a long MEP password 2026");
            await page.GetByRole(AriaRole.Link, new() { Name = "New assessment" }).ClickAsync();
            await page.GetByRole(AriaRole.Heading, new() { Name = "New assessment" }).WaitForAsync();
            await browser.AccessibleAsync("the wizard's choice of workflow");
            await page.Locator("#workflow-single-review-deliverable").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
            await page.GetByLabel("Title").FillAsync("Nexus of biodiversity, water and food");
            await page.GetByLabel("Start", new() { Exact = true }).FillAsync(Day(-300));
            await page.GetByLabel("Time zone of the windows").FillAsync("Africa/Nairobi");
            await page.Locator("details summary").ClickAsync();
            await page.Locator("#fixed-start-external-review").FillAsync(Day(-1));
            await page.Locator("#fixed-end-external-review").FillAsync(Day(30));
            // The MEP's approval fixed before the revision it follows can end: the preview names the conflict.
            await page.Locator("#fixed-start-mep-approval").FillAsync(Day(3));
            await page.GetByRole(AriaRole.Button, new() { Name = "Preview the plan" }).ClickAsync();
            await page.Locator("#plan-preview").GetByText("The plan has conflicts").WaitForAsync();
            await browser.AccessibleAsync("the wizard's plan with a conflict");
            (await page.Locator("#plan-preview").InnerTextAsync()).ShouldContain("'mep-approval' is fixed to start");
            await page.Locator("#fixed-start-mep-approval").FillAsync(string.Empty);
            await page.GetByRole(AriaRole.Button, new() { Name = "Preview the plan" }).ClickAsync();
            await page.Locator("#plan-preview").GetByText("The plan has conflicts").WaitForAsync(new() { State = WaitForSelectorState.Detached });
            await page.Locator("#plan-preview svg").WaitForAsync();
            (await page.Locator("#plan-preview").InnerTextAsync()).ShouldNotContain("conflicts");
            await browser.AccessibleAsync("the wizard's plan");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create the assessment" }).ClickAsync();
            await page.GetByRole(AriaRole.Heading, new() { Name = "Nexus of biodiversity, water and food" }).WaitForAsync();
            assessment = Guid.Parse(new Uri(page.Url).AbsolutePath.Split('/')[^1]);
        });

        await Scene.AccountAsync(admin, "tsu.member@example.org", "Tsu Member", "a long TSU password 2026", new { role = "tsu-member", assessmentId = assessment });
        await page.Context.ClearCookiesAsync();
        await browser.JourneyAsync($"tsu-{database}", async () =>
        {
            await page.GotoAsync($"/assessments/{assessment}");
            page.Url.ShouldContain("/sign-in?returnUrl=");
            await browser.SignInAsync("tsu.member@example.org", "a long TSU password 2026");
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

    private static string Day(int fromToday) => Scene.Today.AddDays(fromToday).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
