using System.Net.Http.Json;
using Microsoft.Playwright;
using Shouldly;

namespace IpbesFlow.EndToEnd;

/// <summary>An author meeting as its TSU runs it, in Chromium: the TSU sets the venue in Nairobi; the authors follow the
/// invitation's link and reply, one in person asking for travel support, one online; the TSU approves the support and,
/// once the meeting has begun, records who attended.</summary>
public sealed class MeetingJourneyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task The_TSU_sets_the_venue_authors_reply_from_the_invitation_and_the_TSU_approves_travel_and_records_attendance(string database)
    {
        await using var service = await RunningService.StartAsync(database);
        using var admin = await service.ApiAsAsync(RunningService.Demo("admin"));
        var created = await RunningService.ReadAsync(await admin.PostAsJsonAsync("/api/assessments", new
        {
            workflow = "thematic-assessment",
            title = "Nexus of biodiversity, water, food and health",
            start = Scene.Today.AddDays(-200),
            plenary = Scene.Today.AddYears(3),
            timeZone = "Africa/Nairobi",
            @fixed = new Dictionary<string, object> { ["first-author-meeting"] = new { start = Scene.Today.AddDays(10), end = Scene.Today.AddDays(14) } },
        }, Ct));
        var id = created.GetProperty("id").GetGuid();
        const string password = "a long meeting password 2026";
        await Scene.AccountAsync(admin, "tsu.nexus@ipbes.example.org", "Nexus TSU", password, new { role = "tsu-member", assessmentId = id });
        await Scene.AccountAsync(admin, "wanjiru@uonbi.example.ac.ke", "Wanjiru Kamau", password, new { role = "author", assessmentId = id, authorRole = "lead-author", chapter = "2" });
        await Scene.AccountAsync(admin, "hans@uni-bonn.example.de", "Hans Weber", password, new { role = "author", assessmentId = id, authorRole = "review-editor", chapter = "2" });
        await RunningService.ReadAsync(await admin.PostAsJsonAsync("/api/people", new { fullName = "Wanjiru Kamau", email = "wanjiru@uonbi.example.ac.ke", preferredLanguage = "en", countryCode = "KE" }, Ct));
        await RunningService.ReadAsync(await admin.PostAsJsonAsync("/api/people", new { fullName = "Hans Weber", email = "hans@uni-bonn.example.de", preferredLanguage = "en", countryCode = "DE" }, Ct));
        await using var browser = await Browser.OpenAsync(service.Address);
        var page = browser.Page;

        await browser.JourneyAsync($"meeting-{database}", async () =>
        {
            // The TSU sets the venue; the participants are the step's audience: the two authors and the (demo) MEP member.
            await page.GotoAsync($"/assessments/{id}/meetings/first-author-meeting");
            await browser.SignInAsync("tsu.nexus@ipbes.example.org", password);
            await page.GetByRole(AriaRole.Heading, new() { Name = "Venue and replies" }).WaitForAsync();
            await page.GetByLabel("Held").SelectOptionAsync("in-person");
            await page.GetByLabel("City").FillAsync("Nairobi");
            await page.GetByLabel("Country (ISO code)").FillAsync("KE");
            await page.GetByLabel("Address").FillAsync("UN Gigiri, United Nations Avenue");
            await page.GetByLabel("Host", new() { Exact = true }).FillAsync("UNEP");
            await page.GetByLabel("Time zone of the venue (e.g. Africa/Nairobi)").FillAsync("Nairobi");
            await page.GetByLabel("Replies by (day)").FillAsync(Scene.Today.AddDays(5).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            await page.GetByRole(AriaRole.Button, new() { Name = "Save the venue" }).ClickAsync();
            (await page.GetByRole(AriaRole.Alert).InnerTextAsync()).ShouldContain("'Nairobi' is not a time zone name of the IANA database");
            await page.GetByLabel("Time zone of the venue (e.g. Africa/Nairobi)").FillAsync("Africa/Nairobi");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save the venue" }).ClickAsync();
            await page.GetByRole(AriaRole.Status).GetByText("The venue is saved; the participants are listed.").WaitForAsync();
            await page.GetByRole(AriaRole.Heading, new() { Name = "Participants (3)" }).WaitForAsync();
            await page.GetByLabel("Attach the agenda or a document (confidential to the participants)").SetInputFilesAsync(new FilePayload { Name = "agenda.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.7 agenda of the first author meeting"u8.ToArray() });
            await page.GetByRole(AriaRole.Button, new() { Name = "Attach", Exact = true }).ClickAsync();
            await page.GetByRole(AriaRole.Status).GetByText("agenda.pdf is attached.").WaitForAsync();
            await browser.AccessibleAsync("the meeting as its TSU sets it up");
            await browser.SignOutAsync();
            await RunningService.ReadAsync(await admin.PostAsJsonAsync($"/api/assessments/{id}/steps/first-author-meeting/actions/invite", new { }, Ct));

            // Each author follows the invitation's link and replies; Wanjiru (Kenya) asks for travel support.
            foreach (var (email, reply, travel) in new[] { ("wanjiru@uonbi.example.ac.ke", "attending in person", true), ("hans@uni-bonn.example.de", "attending online", false) })
            {
                var invitation = await service.MailToAsync(email, "Invitation: First author meeting");
                invitation.ShouldContain("UN Gigiri, United Nations Avenue, Nairobi, KE");
                await page.GotoAsync(Scene.Link(invitation, $"/assessments/{id}/steps/first-author-meeting"));
                await browser.SignInAsync(email, password);
                await page.GetByRole(AriaRole.Link, new() { Name = "Open the meeting: venue, replies, attendance" }).ClickAsync();
                await page.GetByRole(AriaRole.Heading, new() { Name = "Your reply" }).WaitForAsync();
                (await page.Locator("section[aria-labelledby='documents']").InnerTextAsync()).ShouldContain("agenda.pdf", customMessage: "the agenda is the participants'");
                await page.GetByLabel(reply).CheckAsync();
                if (travel)
                {
                    await page.GetByLabel("I ask for travel support (experts from developing countries and economies in transition coming in person)").CheckAsync();
                    await page.GetByLabel("Note for the technical support unit").FillAsync("Flight from Kisumu");
                }

                await page.GetByRole(AriaRole.Button, new() { Name = "Send the reply" }).ClickAsync();
                await page.GetByRole(AriaRole.Status).GetByText("Your reply is recorded.").WaitForAsync();
                await browser.AccessibleAsync("the meeting as a participant replies");
                await browser.SignOutAsync();
            }

            // The meeting is brought forward to today (the venue was free sooner); the TSU approves the travel support and records who came.
            await RunningService.ReadAsync(await admin.PostAsJsonAsync($"/api/assessments/{id}/steps/first-author-meeting/reschedule",
                new { start = Scene.Today, end = Scene.Today.AddDays(4), reason = "the venue was free sooner" }, Ct));
            await Testing.Eventually.GetAsync(async () => Scene.StateOf(await RunningService.ReadAsync(await admin.GetAsync($"/api/assessments/{id}", Ct)), "first-author-meeting"),
                s => s == "open", TimeSpan.FromSeconds(60), "the meeting to have begun");
            await page.GotoAsync($"/assessments/{id}/meetings/first-author-meeting");
            await browser.SignInAsync("tsu.nexus@ipbes.example.org", password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Approve travel support for Wanjiru Kamau" }).ClickAsync();
            await page.GetByRole(AriaRole.Status).GetByText("Travel support is approved.").WaitForAsync();
            await page.GetByLabel("Wanjiru Kamau attended").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Record attendance" }).ClickAsync();
            await page.GetByRole(AriaRole.Status).GetByText("Attendance is recorded.").WaitForAsync();
            var list = await page.Locator("section[aria-labelledby='participants']").InnerTextAsync();
            list.ShouldContain("Flight from Kisumu");
            list.ShouldContain("approved");
            list.ShouldContain("attending online");
            (await page.GetByLabel("Wanjiru Kamau attended").IsCheckedAsync()).ShouldBeTrue();
            (await page.GetByLabel("Hans Weber attended").IsCheckedAsync()).ShouldBeFalse();
            await browser.AccessibleAsync("the meeting with its attendance");
        });
    }
}
