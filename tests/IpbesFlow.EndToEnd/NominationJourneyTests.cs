using System.Net.Http.Json;
using Microsoft.Playwright;
using Shouldly;

namespace IpbesFlow.EndToEnd;

/// <summary>The way an expert comes to write an assessment, in Chromium: a candidate applies to the call for nominations
/// with their CV, naming their government; Kenya's focal point follows the mail and approves; the MEP selects them on
/// the board, which shows the balance move, and completes the selection; the selected expert follows their mail, signs
/// in, finds the assessment's schedule with the authors' work ahead, and submits her conflict of interest disclosure.</summary>
public sealed class NominationJourneyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task A_candidate_applies_the_focal_point_approves_and_the_MEP_selects_them_on_the_board(string database)
    {
        await using var service = await RunningService.StartAsync(database);
        using var admin = await service.ApiAsAsync(RunningService.Demo("admin"));
        var created = await RunningService.ReadAsync(await admin.PostAsJsonAsync("/api/assessments", new
        {
            workflow = "methodological-assessment",
            title = "Spatial planning methods",
            start = Scene.Today.AddDays(-1),
            plenary = Scene.Today.AddYears(4),
            timeZone = "Africa/Nairobi",
            @fixed = new Dictionary<string, object> { ["call-for-nominations"] = new { start = Scene.Today.AddDays(-1), end = Scene.Today.AddDays(20) } },
        }, Ct));
        var id = created.GetProperty("id").GetGuid();
        await Testing.Eventually.GetAsync(async () => Scene.StateOf(await RunningService.ReadAsync(await admin.GetAsync($"/api/assessments/{id}", Ct)), "call-for-nominations"),
            s => s == "open", TimeSpan.FromSeconds(60), "the call to be open");
        const string email = "wanjiru.kamau@uonbi.example.ac.ke";
        const string password = "a long candidate password 2026";
        await Scene.AccountAsync(admin, email, "Wanjiru Kamau", password);
        await using var browser = await Browser.OpenAsync(service.Address);
        var page = browser.Page;

        await browser.JourneyAsync($"nominations-{database}", async () =>
        {
            // The candidate applies, naming the Government of Kenya, and attaches a CV.
            await page.GotoAsync($"/assessments/{id}/calls/call-for-nominations");
            await browser.SignInAsync(email, password);
            await page.GetByRole(AriaRole.Heading, new() { Name = "Apply" }).WaitForAsync();
            await page.GetByLabel("Gender").SelectOptionAsync("female");
            await page.GetByLabel("Nationality (ISO code, e.g. KE)").FillAsync("KE");
            await page.GetByLabel("Country of work (ISO code)").FillAsync("KE");
            await page.GetByLabel("Institution").FillAsync("University of Nairobi");
            await page.GetByLabel("Indigenous and local knowledge").CheckAsync();
            await page.GetByLabel("Expertise (keywords)").FillAsync("land use planning, pastoralism");
            await page.GetByLabel("Languages you work in (ISO codes, separated by commas)").FillAsync("en, sw");
            await page.GetByLabel("lead author", new() { Exact = true }).CheckAsync();
            await page.GetByLabel("Chapters of interest (codes, separated by commas)").FillAsync("2, 3");
            await page.GetByLabel("My government (its national focal point): country code").FillAsync("KE");
            await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
            await page.GetByRole(AriaRole.Status).GetByText("Your application is saved; the bodies you named are told.").WaitForAsync();
            await page.GetByLabel("Your CV (PDF, up to 5 MB)").SetInputFilesAsync(new FilePayload { Name = "kamau-cv.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.7 Wanjiru Kamau CV"u8.ToArray() });
            await page.GetByRole(AriaRole.Button, new() { Name = "Attach" }).ClickAsync();
            await page.GetByRole(AriaRole.Status).GetByText("kamau-cv.pdf is attached.").WaitForAsync();
            (await page.Locator("section[aria-labelledby='application']").InnerTextAsync()).ShouldContain("Government of KE: awaiting the body");
            await browser.AccessibleAsync("the call's page with an application");
            await browser.SignOutAsync();

            // Kenya's focal point follows the mail to the call and approves the nomination.
            var request = await service.MailToAsync(RunningService.Demo("focal-point"), "Nomination to approve: Wanjiru Kamau");
            await page.GotoAsync(Scene.Link(request, $"/assessments/{id}/steps/call-for-nominations"));
            await browser.SignInAsync(RunningService.Demo("focal-point"), Identity.DemoAccounts.Password);
            await page.GetByRole(AriaRole.Link, new() { Name = "Open the call: applications and nominations" }).ClickAsync();
            await page.GetByRole(AriaRole.Heading, new() { Name = "Nominations to decide (1)" }).WaitForAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Approve the nomination of Wanjiru Kamau" }).ClickAsync();
            await page.GetByRole(AriaRole.Status).GetByText("The nomination is approved.").WaitForAsync();
            (await page.Locator("section[aria-labelledby='candidates']").InnerTextAsync()).ShouldContain("Government of KE: approved");
            await browser.AccessibleAsync("the focal point's nominations");
            await browser.SignOutAsync();

            // The secretariat opens the selection now (the call runs on; nominators have their two weeks).
            await RunningService.ReadAsync(await admin.PostAsJsonAsync($"/api/assessments/{id}/steps/expert-selection/actions/start",
                new { note = "The MEP meets this week; nominations approved so far are enough to begin." }, Ct));

            // The MEP selects her on the board, and the balance shows it; then completes the selection.
            await page.GotoAsync($"/assessments/{id}/selections/expert-selection");
            await browser.SignInAsync(RunningService.Demo("mep"), Identity.DemoAccounts.Password);
            await page.GetByRole(AriaRole.Heading, new() { Name = "Candidates (1)" }).WaitForAsync();
            (await page.Locator("section[aria-labelledby='balance']").InnerTextAsync()).ShouldContain("0 of the 0 selected were nominated by organisations");
            await page.GetByLabel("Decision", new() { Exact = true }).Last.SelectOptionAsync("selected");
            await page.GetByLabel("Role", new() { Exact = true }).Last.SelectOptionAsync("lead-author");
            await page.GetByLabel("Chapter", new() { Exact = true }).Last.FillAsync("2");
            await page.GetByRole(AriaRole.Button, new() { Name = "Record the decision on Wanjiru Kamau" }).ClickAsync();
            await page.GetByRole(AriaRole.Status).GetByText("Wanjiru Kamau: selected.").WaitForAsync();
            var balance = await page.Locator("section[aria-labelledby='balance']").InnerTextAsync();
            balance.ShouldContain("0 of the 1 selected were nominated by organisations");
            balance.ShouldContain("No expert from Asia-Pacific is selected.");
            await browser.AccessibleAsync("the selection board with a decision");
            await page.GetByRole(AriaRole.Button, new() { Name = "Complete the selection" }).ClickAsync();
            await page.GetByRole(AriaRole.Status).GetByText("The selection is complete: roles are granted and the results are on their way.").WaitForAsync();
            await browser.SignOutAsync();

            // The selected expert follows her mail, signs in and finds the assessment, with the authors' work ahead.
            var result = await service.MailToAsync(email, "You have been selected");
            result.ShouldContain("lead-author for\nchapter 2");
            await page.GotoAsync(Scene.Link(result, $"/assessments/{id}"));
            await browser.SignInAsync(email, password);
            await page.GetByRole(AriaRole.Heading, new() { Name = "Spatial planning methods" }).WaitForAsync();
            (await page.Locator("main").InnerTextAsync()).ShouldContain("Zero-order draft");
            await page.GotoAsync("/account");
            (await page.Locator("main").InnerTextAsync()).ShouldContain($"author:{id}:lead-author");
            await browser.AccessibleAsync("the selected expert's assessment");

            // Before the first author meeting she submits her conflict of interest disclosure, from the mail's link.
            await page.GotoAsync(Scene.Link(result, $"/assessments/{id}/disclosures"));
            await page.GetByLabel("I have no interest to declare").CheckAsync();
            await page.GetByLabel("I confirm that this disclosure is complete and true").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Submit the disclosure" }).ClickAsync();
            await page.GetByRole(AriaRole.Status).GetByText("Your disclosure is submitted; the secretariat reviews it.").WaitForAsync();
            (await page.Locator("section[aria-labelledby='mine']").InnerTextAsync()).ShouldContain("awaiting the secretariat");
            await browser.AccessibleAsync("the disclosure form");
        });
    }
}
