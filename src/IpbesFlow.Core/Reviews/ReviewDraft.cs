namespace IpbesFlow.Reviews;

/// <summary>A confidential draft attached to a review by the TSU (a chapter, the SPM). Kept in the database, not on a
/// node's disk, so that every node of a cluster serves it and a backup holds it.</summary>
public sealed class ReviewDraft
{
    public const int MaxFileNameLength = 260;

    private ReviewDraft()
    {
    }

    public Guid Id { get; private set; }

    public Guid RoundId { get; private set; }

    public string FileName { get; private set; } = string.Empty;

    public string ContentType { get; private set; } = string.Empty;

    public long Length { get; private set; }

    public string Sha256 { get; private set; } = string.Empty;

    public byte[] Content { get; private set; } = [];

    public DateTimeOffset UploadedAt { get; private set; }

    public string UploadedBy { get; private set; } = string.Empty;

    public static ReviewDraft Attach(Guid roundId, string fileName, string contentType, byte[] content, string sha256, DateTimeOffset now, string actor) => new()
    {
        Id = Guid.CreateVersion7(now),
        RoundId = roundId,
        FileName = fileName,
        ContentType = contentType,
        Length = content.LongLength,
        Sha256 = sha256,
        Content = content,
        UploadedAt = now,
        UploadedBy = actor,
    };
}
