namespace IpbesFlow.Reviews;

/// <summary>A response to a comment that a later one replaced: kept, so that what the authors first answered (and who,
/// when) stays on record after they revise it. Append-only, like the journal.</summary>
public sealed class EarlierResponse
{
    private EarlierResponse()
    {
    }

    public long Id { get; private set; }

    public Guid CommentId { get; private set; }

    public ResponseStatus Status { get; private set; }

    public string Text { get; private set; } = string.Empty;

    public DateTimeOffset RespondedAt { get; private set; }

    public string RespondedBy { get; private set; } = string.Empty;

    /// <summary>When the response that replaced it was given.</summary>
    public DateTimeOffset ReplacedAt { get; private set; }

    internal static EarlierResponse Of(ReviewComment comment, DateTimeOffset replacedAt) => new()
    {
        CommentId = comment.Id,
        Status = comment.ResponseStatus!.Value,
        Text = comment.ResponseText ?? string.Empty,
        RespondedAt = comment.RespondedAt!.Value,
        RespondedBy = comment.RespondedBy ?? string.Empty,
        ReplacedAt = replacedAt,
    };
}

/// <summary>An earlier response as people see it.</summary>
public sealed record EarlierResponseView(ResponseStatus Status, string Text, DateTimeOffset RespondedAt, string RespondedBy, DateTimeOffset ReplacedAt);
