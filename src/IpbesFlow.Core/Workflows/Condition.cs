using System.Text.RegularExpressions;

namespace IpbesFlow.Workflows;

/// <summary>A step's <c>when:</c> on the parameters: <c>flag</c>, <c>not flag</c>, <c>name == value</c>,
/// <c>name != value</c>.</summary>
public sealed partial record Condition(string Parameter, string? Operator, string? Value, bool Negated)
{
    public const string Help = "write 'flag', 'not flag', 'name == value' or 'name != value'";

    public static Condition? TryParse(string text)
    {
        var match = Pattern().Match(text.Trim());
        if (!match.Success || (match.Groups["not"].Success && match.Groups["op"].Success))
        {
            return null;
        }

        return match.Groups["op"].Success
            ? new Condition(match.Groups["name"].Value, match.Groups["op"].Value, match.Groups["value"].Value.Trim('\'', '"'), Negated: false)
            : new Condition(match.Groups["name"].Value, null, null, match.Groups["not"].Success);
    }

    public bool IsMet(IReadOnlyDictionary<string, object> parameters)
    {
        var value = parameters[Parameter];
        if (Operator is null)
        {
            return value is true != Negated;
        }

        var equal = string.Equals(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture), Value, StringComparison.Ordinal);
        return Operator == "==" ? equal : !equal;
    }

    public override string ToString() => Operator is null ? (Negated ? "not " : string.Empty) + Parameter : $"{Parameter} {Operator} {Value}";

    [GeneratedRegex(@"^(?:(?<not>not)\s+)?(?<name>[a-z][a-z0-9_]*)(?:\s*(?<op>==|!=)\s*(?<value>'[^']*'|""[^""]*""|[A-Za-z0-9_.-]+))?$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Pattern();
}
