using System.Text;

namespace IpbesFlow.Common;

/// <summary>Turns C# property paths (<c>Steps[2].StartDate</c>) into the camelCase paths callers send in JSON
/// (<c>steps[2].startDate</c>), so an error names the field the way the caller wrote it.</summary>
public static class FieldPath
{
    public static string FromPropertyPath(string propertyPath)
    {
        if (string.IsNullOrEmpty(propertyPath))
        {
            return propertyPath;
        }

        var builder = new StringBuilder(propertyPath.Length);
        var atSegmentStart = true;
        foreach (var c in propertyPath)
        {
            builder.Append(atSegmentStart ? char.ToLowerInvariant(c) : c);
            atSegmentStart = c == '.';
        }

        return builder.ToString();
    }
}
