using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Fluid;
using IpbesFlow.People;

namespace IpbesFlow.Notifications;

/// <summary>One message rendered for one person: the language it is in (the person's, or English when that template has
/// no translation yet), the subject, and the plain-text and HTML parts.</summary>
public sealed record RenderedMessage(string Language, string Subject, string Text, string Html);

/// <summary>The Liquid templates under <c>workflows/templates/&lt;language&gt;/&lt;name&gt;.liquid</c>: a front matter
/// with the subject, then the plain-text body, from which the HTML part is made (right to left for Arabic). Loading
/// parses every file and checks every variable it names against <see cref="NotificationModel.Variables"/>, so a
/// template that uses a variable the engine does not provide is reported (<see cref="Problems"/>) by
/// <c>ipbesflow workflows validate</c> and at start, before any mail goes out, never rendered as a blank.</summary>
public sealed partial class NotificationTemplates
{
    private static readonly FluidParser Parser = new();

    // Templates reach the model's own types and nothing else, by the names they write (snake_case).
    private static readonly TemplateOptions Options = CreateOptions();
    private readonly Dictionary<(string Language, string Name), (IFluidTemplate Subject, IFluidTemplate Body)> templates = [];
    private readonly List<string> problems = [];

    private NotificationTemplates()
    {
    }

    /// <summary>Every file that does not parse or names an unknown variable, as <c>path: message</c>.</summary>
    public IReadOnlyList<string> Problems => problems;

    public static NotificationTemplates Load(string templatesDirectory, Func<string, string>? display = null)
    {
        var result = new NotificationTemplates();
        if (!Directory.Exists(templatesDirectory))
        {
            return result;
        }

        foreach (var language in UnLanguages.All.Where(l => Directory.Exists(Path.Combine(templatesDirectory, l))))
        {
            foreach (var path in Directory.EnumerateFiles(Path.Combine(templatesDirectory, language), "*.liquid").Order(StringComparer.Ordinal))
            {
                var shown = display?.Invoke(path) ?? path;
                var name = Path.GetFileNameWithoutExtension(path);
                var source = File.ReadAllText(path);
                if (result.Parse(shown, source) is { } parsed)
                {
                    result.templates[(language, name)] = parsed;
                    result.Check(shown, source);
                }
            }
        }

        return result;
    }

    public bool Has(string name) => templates.ContainsKey((UnLanguages.English, name));

    /// <summary>Which of <paramref name="names"/> have no English template (the one every language falls back to).</summary>
    public IReadOnlyList<string> Missing(IEnumerable<string> names) => [.. names.Where(n => !Has(n))];

    /// <summary>Renders <paramref name="name"/> in <paramref name="language"/>, or in English when it has no translation.</summary>
    public RenderedMessage Render(string name, string language, MailModel model)
    {
        var chosen = templates.ContainsKey((language, name)) ? language : UnLanguages.English;
        if (!templates.TryGetValue((chosen, name), out var template))
        {
            throw new InvalidOperationException($"No notification template '{name}' (expected templates/en/{name}.liquid).");
        }

        var context = new TemplateContext(model, Options);
        var subject = template.Subject.Render(context).Trim();
        var text = template.Body.Render(context).Trim() + "\n";
        return new RenderedMessage(chosen, subject, text, Html(text, chosen));
    }

    private static TemplateOptions CreateOptions()
    {
        var options = new TemplateOptions();
        options.MemberAccessStrategy.MemberNameStrategy = MemberNameStrategies.SnakeCase;
        foreach (var type in NotificationModel.Types)
        {
            options.MemberAccessStrategy.Register(type);
        }

        return options;
    }

    private (IFluidTemplate Subject, IFluidTemplate Body)? Parse(string path, string source)
    {
        var text = source.Replace("\r\n", "\n", StringComparison.Ordinal);
        string? subject = null;
        var body = text;
        if (text.StartsWith("---\n", StringComparison.Ordinal) && text.IndexOf("\n---\n", 3, StringComparison.Ordinal) is var end and > 0)
        {
            foreach (var line in text[4..end].Split('\n'))
            {
                if (line.StartsWith("subject:", StringComparison.Ordinal))
                {
                    subject = line["subject:".Length..].Trim().Trim('"');
                }
            }

            body = text[(end + 5)..];
        }

        if (subject is null)
        {
            problems.Add($"{path}: no subject (begin the file with ---, subject: \"...\", ---)");
            return null;
        }

        if (!Parser.TryParse(subject, out var subjectTemplate, out var subjectError))
        {
            problems.Add($"{path}: subject: {subjectError}");
            return null;
        }

        if (!Parser.TryParse(body, out var bodyTemplate, out var bodyError))
        {
            problems.Add($"{path}: {bodyError}");
            return null;
        }

        return (subjectTemplate, bodyTemplate);
    }

    // Variables are checked by reading the template, not by rendering it, so that a misspelt name in a branch the
    // sample does not take is caught too: every path in an output or a tag must be one the engine provides
    // (NotificationModel.Variables), loop variables standing for an element of their list.
    private void Check(string path, string source)
    {
        var known = NotificationModel.Variables.ToHashSet(StringComparer.Ordinal);
        // A list is named bare in its loop (for change in changes): it is known when its elements are.
        known.UnionWith(NotificationModel.Variables.Where(v => v.Contains("[].", StringComparison.Ordinal)).Select(v => v[..v.IndexOf("[].", StringComparison.Ordinal)]));
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match loop in LoopPattern().Matches(source))
        {
            aliases[loop.Groups["item"].Value] = loop.Groups["list"].Value + "[]";
        }

        foreach (Match expression in ExpressionPattern().Matches(source))
        {
            var code = QuotedPattern().Replace(expression.Groups["code"].Value, string.Empty);
            var beforeFilters = code.Split('|')[0];
            foreach (Match variable in PathPattern().Matches(beforeFilters))
            {
                var name = variable.Value;
                if (Keywords.Contains(name))
                {
                    continue;
                }

                var root = name.Split('.')[0];
                var resolved = aliases.TryGetValue(root, out var list) ? list + name[root.Length..] : name;
                if (!known.Contains(resolved) && !aliases.ContainsKey(name))
                {
                    problems.Add($"{path}: unknown variable '{name}' (the variables are: {string.Join(", ", NotificationModel.Variables)})");
                }
            }
        }
    }

    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "if", "elsif", "unless", "else", "endif", "endunless", "for", "endfor", "in", "and", "or", "not", "contains", "true", "false",
        "nil", "null", "empty", "blank", "case", "when", "endcase", "assign", "capture", "endcapture", "raw", "endraw", "comment", "endcomment",
        "break", "continue", "limit", "offset", "reversed", "forloop.index", "forloop.first", "forloop.last",
    };

    [GeneratedRegex(@"\{%-?\s*for\s+(?<item>[a-z_][a-z0-9_]*)\s+in\s+(?<list>[a-z_][a-z0-9_]*)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex LoopPattern();

    [GeneratedRegex(@"\{\{-?(?<code>.*?)-?\}\}|\{%-?(?<code>.*?)-?%\}", RegexOptions.CultureInvariant | RegexOptions.Singleline, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ExpressionPattern();

    [GeneratedRegex(@"""[^""]*""|'[^']*'", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex QuotedPattern();

    [GeneratedRegex(@"(?<![\w.])[a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)*", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex PathPattern();

    [GeneratedRegex(@"https?://[^\s<>""]+[^\s<>"".,;:!?)»」』]", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex LinkPattern();

    // A line of the plain text as HTML: escaped, with every web address a link people can click.
    private static string Linked(string line)
    {
        var html = new StringBuilder();
        var at = 0;
        foreach (Match link in LinkPattern().Matches(line))
        {
            html.Append(WebUtility.HtmlEncode(line[at..link.Index]));
            var href = WebUtility.HtmlEncode(link.Value);
            html.Append("<a href=\"").Append(href).Append("\">").Append(href).Append("</a>");
            at = link.Index + link.Length;
        }

        return html.Append(WebUtility.HtmlEncode(line[at..])).ToString();
    }

    private static string Html(string text, string language)
    {
        var direction = language == UnLanguages.Arabic ? "rtl" : "ltr";
        var html = new StringBuilder($"<!DOCTYPE html>\n<html lang=\"{language}\" dir=\"{direction}\">\n<head><meta charset=\"utf-8\"></head>\n<body style=\"font-family: sans-serif; line-height: 1.5\">\n");
        foreach (var paragraph in text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            html.Append("<p>").Append(string.Join("<br>\n", paragraph.Split('\n').Select(Linked))).Append("</p>\n");
        }

        return html.Append("</body>\n</html>\n").ToString();
    }
}
