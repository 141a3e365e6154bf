using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using IpbesFlow.Testing;
using IpbesFlow.Web.Components;
using IpbesFlow.Web.Tests.Api;
using Shouldly;

namespace IpbesFlow.Web.Tests.Pages;

/// <summary>The pages' words are in the resource file (so that a language is added as a file), and the pages carry the
/// headers that keep them from being framed, sniffed or made to run a script from elsewhere.</summary>
[Collection(nameof(AppCollection))]
public sealed partial class PageTextTests(IpbesFlowApp app)
{
    private static readonly string Components = Path.Combine(RepositoryPaths.Root, "src", "IpbesFlow.Web", "Components");

    [Fact]
    public void Every_text_a_page_shows_through_the_localizer_is_in_the_english_resource_file()
    {
        var resource = XDocument.Load(Path.Combine(RepositoryPaths.Root, "src", "IpbesFlow.Web", "Resources", "Text.resx"));
        var keys = resource.Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);
        var used = Directory.EnumerateFiles(Components, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .SelectMany(f => Localized().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups["key"].Value.Replace("\\\"", "\"", StringComparison.Ordinal))))
            .ToList();

        used.Count.ShouldBeGreaterThan(200);
        used.Where(u => !keys.Contains(u.Key)).Select(u => $"{u.File}: {u.Key}").Distinct(StringComparer.Ordinal).ShouldBeEmpty();
        foreach (var language in PageLanguage.Written.Where(l => l != "en"))
        {
            // A language listed as written is written whole: a page half in one language would be marked wrongly.
            var translated = XDocument.Load(Path.Combine(RepositoryPaths.Root, "src", "IpbesFlow.Web", "Resources", $"Text.{language}.resx")).Root!.Elements("data")
                .ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!, StringComparer.Ordinal);
            keys.Except(translated.Keys).ShouldBeEmpty($"every text has its {language} translation");
            translated.Where(t => Placeholders().Count(t.Key) != Placeholders().Count(t.Value) || Placeholders().Matches(t.Key).Select(m => m.Value).Except(Placeholders().Matches(t.Value).Select(m => m.Value)).Any())
                .Select(t => t.Key).ShouldBeEmpty($"the {language} text keeps every placeholder of the English");
        }
    }

    [Fact]
    public async Task A_page_is_served_with_a_policy_that_allows_only_its_own_scripts_and_styles_and_no_framing()
    {
        using var anonymous = app.CreateClient();

        using var page = await anonymous.GetAsync("/sign-in", TestContext.Current.CancellationToken);

        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        policy.ShouldContain("script-src 'self';");
        policy.ShouldContain("style-src 'self';");
        policy.ShouldContain("frame-ancestors 'none'");
        policy.ShouldNotContain("unsafe-inline");
        page.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        page.Headers.GetValues("Referrer-Policy").Single().ShouldBe("no-referrer");
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        html.ShouldNotContain(" style=\"", Case.Sensitive, "no inline style: the policy would refuse it");
        InlineScript().IsMatch(html).ShouldBeFalse("no inline script");
        html.ShouldContain("<html lang=\"en\" dir=\"ltr\">");
        (await anonymous.GetAsync("/assets/site.css", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await anonymous.GetAsync("/_framework/blazor.web.js", TestContext.Current.CancellationToken)).Content.Headers.ContentLength.ShouldNotBe(0, "the framework's script is served by the app itself");
    }

    [GeneratedRegex(@"T\[""(?<key>(?:[^""\\]|\\.)*)""", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Localized();

    [GeneratedRegex(@"\{\d+\}", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Placeholders();

    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex InlineScript();
}
