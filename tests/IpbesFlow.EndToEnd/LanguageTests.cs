using Microsoft.Playwright;
using Shouldly;

namespace IpbesFlow.EndToEnd;

/// <summary>The language a person chose drives their pages: someone who chose Arabic when creating their account gets
/// the sign-in mail in Arabic and pages written in Arabic, marked so and laid out right to left; back in English
/// once they choose it on their account.</summary>
public sealed class LanguageTests
{
    [Fact]
    public async Task A_person_who_chose_arabic_reads_the_pages_in_arabic_right_to_left_and_can_switch_back()
    {
        await using var service = await RunningService.StartAsync("Sqlite");
        await using var browser = await Browser.OpenAsync(service.Address);
        var page = browser.Page;

        await browser.JourneyAsync("arabic", async () =>
        {
            await page.GotoAsync("/register");
            await page.GetByLabel("Email").FillAsync("layla.haddad@example.org");
            await page.GetByLabel("Full name").FillAsync("ليلى حداد");
            await page.GetByLabel("Language of your mail").SelectOptionAsync("ar");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create the account" }).ClickAsync();
            await page.GetByRole(AriaRole.Status).WaitForAsync();

            var mail = await service.MailToAsync("layla.haddad@example.org", "IpbesFlow");
            mail.ShouldContain("ليلى حداد", Case.Sensitive, "the sign-in mail is in the language chosen");
            await page.GotoAsync(Scene.Link(mail, "/sign-in?token="));
            await page.Locator("form button[type=submit]").ClickAsync();

            await page.GetByRole(AriaRole.Heading, new() { Name = "ما عليّ أن أفعله" }).WaitForAsync();
            (await page.Locator("html").GetAttributeAsync("lang")).ShouldBe("ar");
            (await page.Locator("html").GetAttributeAsync("dir")).ShouldBe("rtl");
            (await page.GetByRole(AriaRole.Navigation).InnerTextAsync()).ShouldContain("الاستعراضات");
            await browser.AccessibleAsync("the tasks, in Arabic");
            // Right to left: the navigation starts on the right of the bar.
            var brand = await page.Locator(".brand").BoundingBoxAsync();
            brand!.X.ShouldBeGreaterThan(600);

            await page.GetByRole(AriaRole.Link, new() { Name = "الاستعراضات", Exact = true }).ClickAsync();
            await page.GetByRole(AriaRole.Heading, new() { Name = "الاستعراضات المفتوحة والقادمة" }).WaitForAsync();
            await browser.AccessibleAsync("the reviews, in Arabic");
            await page.GetByRole(AriaRole.Link, new() { Name = "الحساب", Exact = true }).ClickAsync();
            await page.GetByRole(AriaRole.Heading, new() { Name = "حسابك" }).WaitForAsync();
            await browser.AccessibleAsync("the account, in Arabic");
            await page.GetByLabel("لغة بريدك وصفحاتك").SelectOptionAsync("en");
            await page.GetByRole(AriaRole.Button, new() { Name = "احفظ اللغة" }).ClickAsync();
            await page.GetByRole(AriaRole.Heading, new() { Name = "Your account" }).WaitForAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "My tasks" }).ClickAsync();
            await page.GetByRole(AriaRole.Heading, new() { Name = "What is mine to do" }).WaitForAsync();
            (await page.Locator("html").GetAttributeAsync("dir")).ShouldBe("ltr");
        });
    }
}
