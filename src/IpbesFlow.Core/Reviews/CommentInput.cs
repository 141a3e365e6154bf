using IpbesFlow.Common;

namespace IpbesFlow.Reviews;

/// <summary>One comment as a reviewer writes it in the template: chapter, from page and line, to page and line (the
/// end may be left empty for a single line), and the comment. Values arrive as written so that every problem can be
/// named, not just the first one that failed to parse.</summary>
public sealed record CommentInput(string? Chapter, int? FromPage, int? FromLine, int? ToPage, int? ToLine, string? Text)
{
    /// <summary>The template's fields, in the template's order, with the names the API uses.</summary>
    public static readonly IReadOnlyList<string> Fields = ["chapter", "fromPage", "fromLine", "toPage", "toLine", "text"];

    private static readonly char[] ControlCharacters = Enumerable.Range(0, 32).Where(c => c is not ('\n' or '\t')).Select(c => (char)c).Append('\uFFFE').Append('\uFFFF').ToArray();

    /// <summary>Line breaks are stored as '\n' whatever the file used; nothing else in the text is touched, so text in
    /// any script comes back exactly as it was sent.</summary>
    public static string NormalizeText(string text) => text.ReplaceLineEndings("\n").Trim();

    /// <summary>The length of a comment as a person counts it: characters as they see them (text elements), so that an
    /// emoji or a letter with its accent is one, not two.</summary>
    public static int LengthOf(string text) => new System.Globalization.StringInfo(text).LengthInTextElements;

    /// <summary>Every problem with this comment, by field name (<see cref="Fields"/>). With <paramref name="chapters"/>
    /// (a reviewer's registration), only those chapters are taken.</summary>
    public IEnumerable<FieldError> Problems(ReviewRound round, IReadOnlyCollection<string>? chapters = null)
    {
        if (string.IsNullOrWhiteSpace(Chapter))
        {
            yield return new FieldError("chapter", "Give the chapter the comment is about.");
        }
        else if (round.FindChapter(Chapter) is not { } chapter)
        {
            yield return new FieldError("chapter", $"'{Chapter.Trim()}' is not a chapter of this review; the chapters are {string.Join(", ", round.Chapters.Select(c => c.Code))}.");
        }
        else if (chapters is not null && !chapters.Contains(chapter.Code, StringComparer.Ordinal))
        {
            yield return new FieldError("chapter", $"You registered to review chapter(s) {string.Join(", ", chapters)}; to comment on chapter {chapter.Code}, add it to your registration (register again with it) while the review is open.");
        }

        foreach (var (field, value, required) in new[] { ("fromPage", FromPage, true), ("fromLine", FromLine, true), ("toPage", ToPage, false), ("toLine", ToLine, false) })
        {
            if (value is null && required)
            {
                yield return new FieldError(field, "Give a page or line number (a whole number of 1 or more).");
            }
            else if (value is < 1)
            {
                yield return new FieldError(field, $"Must be a whole number of 1 or more; found {value}.");
            }
        }

        if (FromPage is >= 1 && FromLine is >= 1 && (ToPage ?? FromPage) is >= 1 and var toPage && (ToLine ?? FromLine) is >= 1 and var toLine
            && (toPage < FromPage || (toPage == FromPage && toLine < FromLine)))
        {
            yield return new FieldError(ToPage < FromPage ? "toPage" : "toLine", $"The end (page {toPage}, line {toLine}) is before the start (page {FromPage}, line {FromLine}).");
        }

        var text = Text is null ? string.Empty : NormalizeText(Text);
        if (text.Length == 0)
        {
            yield return new FieldError("text", "The comment is empty.");
        }
        else if (LengthOf(text) is var length && length > round.MaxCommentLength)
        {
            yield return new FieldError("text", $"The comment has {length} characters; this review takes at most {round.MaxCommentLength}. Split it into several comments.");
        }
        else if (text.IndexOfAny(ControlCharacters) is >= 0 and var at)
        {
            // A spreadsheet cannot hold them, so the comment could not be published as sent.
            yield return new FieldError("text", $"The comment contains the control character U+{(int)text[at]:X4} at position {at + 1}; remove it.");
        }
    }
}
