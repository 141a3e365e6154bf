using Microsoft.Playwright;
using Shouldly;

namespace IpbesFlow.EndToEnd;

/// <summary>What a newcomer who starts the service with --demo finds: the seed's assessments at their real stages, and
/// one whose first-order draft is in review today with reviewers and comments, on which the demo TSU works. With
/// IPBESFLOW_SCREENSHOTS set, the README's pictures are taken here, from these pages.</summary>
public sealed class DemoTests
{
    [Fact]
    public async Task The_demo_shows_the_seeds_assessments_and_a_review_in_progress_to_its_tsu()
    {
        await using var service = await RunningService.StartAsync("Sqlite");
        await using var browser = await Browser.OpenAsync(service.Address);
        var page = browser.Page;

        await browser.JourneyAsync("demo", async () =>
        {
            await browser.SignInAsync(RunningService.Demo("tsu"), Identity.DemoAccounts.Password);
            await page.GetByRole(AriaRole.Heading, new() { Name = "What is mine to do" }).WaitForAsync();
            await browser.AccessibleAsync("the demo TSU's tasks");

            // By keyboard alone. After a navigation the framework puts the focus on the page's heading (for screen
            // readers), so the first Tab reaches the first task.
            await page.WaitForFunctionAsync("() => document.activeElement?.tagName === 'H1'");
            await page.Keyboard.PressAsync("Tab");
            (await page.EvaluateAsync<string>("document.activeElement.textContent")).ShouldBe("First-order draft");
            (await page.EvaluateAsync<string>("getComputedStyle(document.activeElement).outlineStyle")).ShouldBe("solid", "focus is visible");
            // The skip link, first in the page, shows itself when focused and takes the focus to the content.
            await page.Locator(".skip-link").FocusAsync();
            (await page.Locator(".skip-link").BoundingBoxAsync())!.Y.ShouldBeGreaterThanOrEqualTo(0, "visible when focused");
            await page.Keyboard.PressAsync("Enter");
            await page.Keyboard.PressAsync("Tab");
            (await page.EvaluateAsync<string>("document.activeElement.textContent")).ShouldBe("First-order draft", "past the navigation, into the content");
            await browser.PictureAsync("dashboard.png");

            await page.GetByRole(AriaRole.Link, new() { Name = "Assessments", Exact = true }).ClickAsync();
            await page.GetByRole(AriaRole.Heading, new() { Name = "Assessments", Level = 1 }).WaitForAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Business and biodiversity (demo: first-order draft in review)" }).ClickAsync();
            await page.Locator("svg g.row").First.WaitForAsync();
            await browser.AccessibleAsync("the demo assessment");
            await browser.PictureAsync("assessment-timeline.png");

            await page.GotoAsync($"{new Uri(page.Url).AbsolutePath}/reviews/fod-review/admin");
            var registrations = await page.Locator("section[aria-labelledby='registrations'] h2").InnerTextAsync();
            registrations.ShouldContain("(30)");
            var figures = await page.Locator("section[aria-labelledby='progress'] p").First.InnerTextAsync();
            int.Parse(figures.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(200, figures);
            await browser.AccessibleAsync("the demo review's administration");
        });

        await page.Context.ClearCookiesAsync();
        await browser.JourneyAsync("demo-secretariat", async () =>
        {
            await browser.SignInAsync(RunningService.Demo("admin"), Identity.DemoAccounts.Password);
            await page.GetByRole(AriaRole.Link, new() { Name = "Assessments", Exact = true }).ClickAsync();
            // Enhanced navigation swaps the page in place: wait for the new one before reading it.
            await page.GetByRole(AriaRole.Heading, new() { Name = "Assessments", Level = 1 }).WaitForAsync();
            await page.Locator("table.data tbody tr").First.WaitForAsync();
            var titles = await page.Locator("table.data tbody tr td:first-child a").AllInnerTextsAsync();
            titles.ShouldContain("Thematic assessment of invasive alien species and their control");
            titles.ShouldContain("Scoping of the transformative change assessment");
            titles.Count.ShouldBe(7);
            titles.ShouldContain("Spatial planning and biodiversity (demo: experts being selected)");
            await page.GetByRole(AriaRole.Link, new() { Name = "Methodological assessment of the diverse conceptualization of multiple values of nature" }).ClickAsync();
            await page.GetByRole(AriaRole.Heading, new() { Name = "Methodological assessment of the diverse conceptualization of multiple values of nature", Level = 1 }).WaitForAsync();
            var fodReview = await page.Locator("tr#step-fod-review").InnerTextAsync();
            fodReview.ShouldContain("29 Jul 2019");
            fodReview.ShouldContain("Completed");

            // Every other page, as the secretariat sees it, passes axe-core too.
            await page.GetByRole(AriaRole.Link, new() { Name = "External review of the first-order draft", Exact = true }).ClickAsync();
            await page.GetByRole(AriaRole.Heading, new() { Name = "External review of the first-order draft", Level = 1 }).WaitForAsync();
            await browser.AccessibleAsync("a step's page");
            await page.GetByRole(AriaRole.Link, new() { Name = "Assessments", Exact = true }).ClickAsync();
            await page.GetByRole(AriaRole.Heading, new() { Name = "Assessments", Level = 1 }).WaitForAsync();
            await browser.AccessibleAsync("the assessments");
            await page.GetByRole(AriaRole.Link, new() { Name = "Account" }).ClickAsync();
            await page.GetByRole(AriaRole.Heading, new() { Name = "Your account" }).WaitForAsync();
            await browser.AccessibleAsync("the account");
            await page.GetByLabel("Name", new() { Exact = true }).Last.FillAsync("nightly export");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create a token" }).ClickAsync();
            (await page.Locator("#new-token code").InnerTextAsync()).ShouldStartWith("ipb");
            await browser.AccessibleAsync("the account with a new token");
            await page.GetByRole(AriaRole.Link, new() { Name = "Reviews", Exact = true }).ClickAsync();
            await page.GetByRole(AriaRole.Heading, new() { Name = "Open and upcoming reviews" }).WaitForAsync();
            await browser.AccessibleAsync("the reviews");
            await page.GotoAsync("/reports/progress?since=2019-06-01&until=2019-12-31");
            (await page.Locator("article.report").InnerTextAsync()).ShouldContain("External review of the first-order draft ran from 29 July 2019 to 22 September 2019.");
            await browser.AccessibleAsync("the progress report");
            await page.GotoAsync("/no/such/page");
            await browser.AccessibleAsync("a page that does not exist");
            await page.GotoAsync("/forbidden");
            await browser.AccessibleAsync("the page that says not allowed");
        });

        // The MEP finds the demo's selection under way: the board with its balance, and the call's candidates.
        await page.Context.ClearCookiesAsync();
        await browser.JourneyAsync("demo-mep", async () =>
        {
            await browser.SignInAsync(RunningService.Demo("mep"), Identity.DemoAccounts.Password);
            await page.GetByRole(AriaRole.Link, new() { Name = "Assessments", Exact = true }).ClickAsync();
            await page.GetByRole(AriaRole.Heading, new() { Name = "Assessments", Level = 1 }).WaitForAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Spatial planning and biodiversity (demo: experts being selected)" }).ClickAsync();
            await page.GetByRole(AriaRole.Heading, new() { Name = "Spatial planning and biodiversity (demo: experts being selected)", Level = 1 }).WaitForAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Selection of co-chairs, authors and review editors by the MEP", Exact = true }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Open the selection board" }).ClickAsync();
            await page.GetByRole(AriaRole.Heading, new() { Name = "Candidates (16)" }).WaitForAsync();
            (await page.Locator("section[aria-labelledby='balance']").InnerTextAsync()).ShouldContain("0 of the 3 selected were nominated by organisations");
            await browser.AccessibleAsync("the demo selection board");
            await browser.PictureAsync("selection-board.png");
            await page.GetByRole(AriaRole.Link, new() { Name = "the call for nominations" }).ClickAsync();
            await page.GetByRole(AriaRole.Heading, new() { Name = "Candidates (18)" }).WaitForAsync();
            await browser.AccessibleAsync("the demo call's candidates");
        });
    }
}
