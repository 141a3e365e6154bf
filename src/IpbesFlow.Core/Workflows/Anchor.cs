using System.Text.RegularExpressions;

namespace IpbesFlow.Workflows;

/// <summary>A date relative to a reference: <c>plenary</c>, <c>12w before plenary</c>, <c>2w after start</c>, or a
/// date parameter (<c>4w after scoping_approved</c>). <c>start</c> is the assessment's start date and <c>plenary</c>
/// the Plenary session that approves it.</summary>
public sealed partial record Anchor(string Reference, DurationSpec? Offset, bool Before)
{
    public const string Start = "start";
    public const string Plenary = "plenary";
    public const string Help = "write 'plenary', 'start', a date parameter, or '<duration> before|after <one of those>', e.g. '12w before plenary'";

    public static Anchor? TryParse(string text)
    {
        var match = Pattern().Match(text.Trim());
        if (!match.Success)
        {
            return null;
        }

        DurationSpec? offset = null;
        if (match.Groups["offset"].Success)
        {
            offset = DurationSpec.TryParse(match.Groups["offset"].Value);
            if (offset is null)
            {
                return null;
            }
        }

        return new Anchor(match.Groups["reference"].Value, offset, match.Groups["direction"].Value == "before");
    }

    public DateOnly Resolve(DateOnly reference, IReadOnlyDictionary<string, object> parameters)
    {
        var days = Offset?.Days(parameters) ?? 0;
        return reference.AddDays(Before ? -days : days);
    }

    public override string ToString() => Offset is null ? Reference : $"{Offset} {(Before ? "before" : "after")} {Reference}";

    [GeneratedRegex(@"^(?:(?<offset>\S+)\s+(?<direction>before|after)\s+)?(?<reference>[a-z][a-z0-9_]*)$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Pattern();
}
