namespace IpbesFlow.Meetings;

/// <summary>A meeting's agenda or one of its documents, attached by its TSU: confidential to the meeting's participants
/// (and those who run it). Kept in the database like review drafts, so that every node serves it.</summary>
public sealed class MeetingDocument
{
    private MeetingDocument()
    {
    }

    public Guid Id { get; private set; }

    public Guid AssessmentId { get; private set; }

    public string StepId { get; private set; } = string.Empty;

    public string FileName { get; private set; } = string.Empty;

    public string ContentType { get; private set; } = string.Empty;

    public long Length { get; private set; }

    public string Sha256 { get; private set; } = string.Empty;

    public byte[] Content { get; private set; } = [];

    public DateTimeOffset UploadedAt { get; private set; }

    public string UploadedBy { get; private set; } = string.Empty;

    public static MeetingDocument Attach(Guid assessmentId, string stepId, string fileName, string contentType, byte[] content, DateTimeOffset now, string actor) => new()
    {
        Id = Guid.CreateVersion7(now),
        AssessmentId = assessmentId,
        StepId = stepId,
        FileName = fileName,
        ContentType = contentType,
        Length = content.LongLength,
        Sha256 = Reviews.CommentIntake.Sha256(content),
        Content = content,
        UploadedAt = now,
        UploadedBy = actor,
    };
}
