using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Shouldly;

namespace IpbesFlow.EndToEnd;

/// <summary>Debian's Chromium driven by Playwright (never a downloaded browser): one page, pointed at the service,
/// that checks every page it lands on with axe-core and keeps a screenshot of the last page when a journey fails.</summary>
public sealed class Browser : IAsyncDisposable
{
    private static readonly string[] Arguments = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
    private readonly IPlaywright playwright;
    private readonly IBrowser browser;
    private readonly List<string> consoleErrors = [];

    private Browser(IPlaywright playwright, IBrowser browser, IPage page)
    {
        this.playwright = playwright;
        this.browser = browser;
        Page = page;
        // A script refused by the Content-Security-Policy, or one that failed, shows here. (A page that answers with
        // an error status on purpose, 404 or 409, is logged as a failed load: that is the page's state, not a fault.)
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                consoleErrors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => consoleErrors.Add(error);
        // A script, stylesheet or icon that fails to load is an error too (a page's own error status is not, whether the
        // browser or the framework's enhanced navigation fetched it).
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && response.Request.ResourceType is "script" or "stylesheet" or "image" or "font")
            {
                consoleErrors.Add($"{response.Status} {response.Url}");
            }
        };
    }

    public IPage Page { get; }

    public static async Task<Browser> OpenAsync(Uri service)
    {
        var driver = await Microsoft.Playwright.Playwright.CreateAsync();
        var chromium = await driver.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium(), Args = Arguments, Headless = true });
        var context = await chromium.NewContextAsync(new BrowserNewContextOptions { BaseURL = service.ToString().TrimEnd('/'), ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(15_000);
        return new Browser(driver, chromium, await context.NewPageAsync());
    }

    /// <summary>Runs a journey; if it fails, the page it was on is attached to the test's output as a screenshot.</summary>
    public async Task JourneyAsync(string name, Func<Task> journey)
    {
        try
        {
            await journey();
            consoleErrors.ShouldBeEmpty("the browser's console stays free of errors (a script refused by the Content-Security-Policy would show here)");
        }
        catch
        {
            var shot = await Page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true });
            TestContext.Current.AddAttachment($"{name}-failed.png", shot, "image/png");
            var html = await Page.ContentAsync();
            TestContext.Current.AddAttachment($"{name}-failed.html", html);
            // Also beside the run, for a reader without the test runner's attachments.
            await File.WriteAllTextAsync(Path.Combine(Path.GetTempPath(), $"ipbesflow-{name}-failed.html"), html);
            throw;
        }
    }

    /// <summary>Signs in with a password on the sign-in page, from wherever the page is.</summary>
    public async Task SignInAsync(string email, string password)
    {
        if (!new Uri(Page.Url).AbsolutePath.StartsWith("/sign-in", StringComparison.Ordinal))
        {
            await Page.GotoAsync("/sign-in");
        }

        await Page.Locator("#email").FillAsync(email);
        await Page.Locator("#password").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>Signs out with the button of the page's top bar, and waits for the sign-in page it leads to. The button
    /// is pressed once the framework's script has settled the page (a form's answer swapped in place), and the wait
    /// covers the plain post and its redirect on a loaded machine.</summary>
    public async Task SignOutAsync()
    {
        await Page.WaitForFunctionAsync("() => typeof window.Blazor !== 'undefined'", null, new() { Timeout = 10_000 });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/sign-in", StringComparison.Ordinal), new() { Timeout = 30_000 });
    }

    /// <summary>axe-core on the page as it is now: no serious or critical violation.</summary>
    public async Task AccessibleAsync(string what)
    {
        // The framework's script (enhanced navigation and forms) is served by the app and runs on every page.
        await Page.WaitForFunctionAsync("() => typeof window.Blazor !== 'undefined'", null, new() { Timeout = 10_000 });
        var result = await Page.RunAxe();
        var grave = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        grave.ShouldBeEmpty($"{what} ({Page.Url}) has accessibility violations:\n" + string.Join("\n", grave.Select(Describe)));
    }

    /// <summary>Saves a picture of the page (for the README), only when asked to by IPBESFLOW_SCREENSHOTS.</summary>
    public async Task PictureAsync(string fileName)
    {
        if (Environment.GetEnvironmentVariable("IPBESFLOW_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, fileName), FullPage = false });
        }
    }

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
    }

    private static string Describe(AxeResultItem violation) =>
        $"{violation.Id} ({violation.Impact}): {violation.Help} at {string.Join(", ", violation.Nodes.Take(5).Select(n => n.Target?.ToString()))}";

    private static string Chromium()
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, "chromium");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("Debian's chromium is not on PATH: tests/run.sh installs it (apt-get install chromium).");
    }
}
