namespace IpbesFlow.Reviews;

/// <summary>A file of comments taken into a review, remembered by its SHA-256 so that sending the same file again (a
/// double click, a retry after a lost answer) adds nothing and answers as the first time did.</summary>
public sealed class CommentUpload
{
    private CommentUpload()
    {
    }

    public Guid Id { get; private set; }

    public Guid RoundId { get; private set; }

    /// <summary>Whose file it is: the registration's reviewer key, or <c>import</c> for the TSU's imports.</summary>
    public string SubmitterKey { get; private set; } = string.Empty;

    public string Sha256 { get; private set; } = string.Empty;

    public string FileName { get; private set; } = string.Empty;

    public int Comments { get; private set; }

    public int FirstNumber { get; private set; }

    public DateTimeOffset UploadedAt { get; private set; }

    public string UploadedBy { get; private set; } = string.Empty;

    /// <summary>The same upload, with the number its first comment got.</summary>
    public CommentUpload Numbered(int firstNumber)
    {
        FirstNumber = firstNumber;
        return this;
    }

    public static CommentUpload Record(Guid roundId, string submitterKey, string sha256, string fileName, int comments, int firstNumber, DateTimeOffset now, string actor) => new()
    {
        Id = Guid.CreateVersion7(now),
        RoundId = roundId,
        SubmitterKey = submitterKey,
        Sha256 = sha256,
        FileName = fileName.Length > 260 ? fileName[..260] : fileName,
        Comments = comments,
        FirstNumber = firstNumber,
        UploadedAt = now,
        UploadedBy = actor,
    };
}
