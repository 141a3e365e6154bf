using IpbesFlow.Common;

namespace IpbesFlow.Assessments;

/// <summary>The Plenary's decision approving an assessment, as its report numbers it (<c>IPBES-9/1</c>) and the day
/// it was taken.</summary>
public sealed record PlenaryDecision(string? Reference, DateOnly? Date)
{
    public const int MaxReferenceLength = 20;

    /// <summary>How the Plenary numbers its decisions: session, then decision.</summary>
    public static bool IsWellFormed(string reference) =>
        System.Text.RegularExpressions.Regex.IsMatch(reference.Trim(), @"^IPBES-\d{1,2}/\d{1,3}$", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromMilliseconds(100));

    internal static IEnumerable<FieldError> Missing(PlenaryDecision? decision)
    {
        if (string.IsNullOrWhiteSpace(decision?.Reference))
        {
            yield return new FieldError("decision", "The Plenary's approval is recorded with its decision, e.g. IPBES-9/1.");
        }

        if (decision?.Date is null)
        {
            yield return new FieldError("decidedOn", "Give the day the Plenary took the decision (yyyy-mm-dd).");
        }
    }
}
