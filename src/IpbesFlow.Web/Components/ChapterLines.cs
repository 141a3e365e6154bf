using IpbesFlow.Reviews;

namespace IpbesFlow.Web.Components;

/// <summary>The chapters under review as the set-up form writes them, one per line: the code, a bar, the title
/// ("1 | Introduction"). A line without a bar is passed on with an empty title, for the command to name.</summary>
public static class ChapterLines
{
    public static IReadOnlyList<ChapterInput> Read(string? text) =>
        (text ?? string.Empty).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('|', 2, StringSplitOptions.TrimEntries) is [var code, var title] ? new ChapterInput(code, title) : new ChapterInput(line, null))
            .ToList();

    public static string Write(IEnumerable<ChapterView> chapters) => string.Join('\n', chapters.Select(c => $"{c.Code} | {c.Title}"));
}
