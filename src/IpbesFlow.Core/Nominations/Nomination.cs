using IpbesFlow.Common;

namespace IpbesFlow.Nominations;

/// <summary>Who nominates: a government (through its national focal point) or an organisation (through its contact).</summary>
public enum NominatorType
{
    Government,
    Organisation,
}

public enum NominationStatus
{
    Pending,
    Approved,
    Declined,
}

/// <summary>One nominating body's nomination of a candidate. The body approves or declines it by the nominators'
/// deadline (the call's close plus its grace); only approved nominations reach the MEP. A candidate nominated by two
/// bodies has two nominations.</summary>
public sealed class Nomination
{
    private Nomination()
    {
    }

    public Guid Id { get; private set; }

    public Guid CandidateId { get; private set; }

    public Guid AssessmentId { get; private set; }

    public string CallStepId { get; private set; } = string.Empty;

    public NominatorType NominatorType { get; private set; }

    public string? CountryCode { get; private set; }

    public string? Organisation { get; private set; }

    /// <summary><c>country:KE</c> or <c>organisation:&lt;NAME&gt;</c>: one nomination per candidate and body.</summary>
    public string BodyKey { get; private set; } = string.Empty;

    public NominationStatus Status { get; private set; }

    public DateTimeOffset NominatedAt { get; private set; }

    public string? DecidedBy { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public string? Note { get; private set; }

    /// <summary>The body's name as people read it: "Government of KE" or the organisation's.</summary>
    public string BodyName => BodyNameOf(NominatorType, CountryCode, Organisation);

    public static string BodyNameOf(NominatorType type, string? countryCode, string? organisation) =>
        type == NominatorType.Government ? $"Government of {countryCode}" : organisation ?? string.Empty;

    public static string KeyFor(NominatorType type, string? countryCode, string? organisation) =>
        type == NominatorType.Government ? $"country:{countryCode?.Trim().ToUpperInvariant()}" : $"organisation:{organisation?.Trim().ToUpperInvariant()}";

    public static Nomination Nominate(Candidate candidate, NominationBody body, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        CandidateId = candidate.Id,
        AssessmentId = candidate.AssessmentId,
        CallStepId = candidate.CallStepId,
        NominatorType = body.Type,
        CountryCode = body.Type == NominatorType.Government ? body.CountryCode?.Trim().ToUpperInvariant() : null,
        Organisation = body.Type == NominatorType.Organisation ? body.Organisation?.Trim() : null,
        BodyKey = KeyFor(body.Type, body.CountryCode, body.Organisation),
        Status = NominationStatus.Pending,
        NominatedAt = now,
    };

    /// <summary>The body approves or declines, until its deadline; it may change its mind until then.</summary>
    public void Decide(bool approve, string? note, string actor, DateTimeOffset now, DateTimeOffset deadline, string deadlineText)
    {
        if (now >= deadline)
        {
            throw new ConflictException($"Nominations were to be approved or declined by {deadlineText}; the nominators' deadline has passed.");
        }

        Status = approve ? NominationStatus.Approved : NominationStatus.Declined;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        DecidedBy = actor;
        DecidedAt = now;
    }

    /// <summary>A nomination received outside the system (imported by the secretariat) arrives already decided.</summary>
    public void Record(NominationStatus status, string actor, DateTimeOffset now)
    {
        Status = status;
        DecidedBy = status == NominationStatus.Pending ? null : actor;
        DecidedAt = status == NominationStatus.Pending ? null : now;
    }
}

/// <summary>A nominating body as an application names it.</summary>
public sealed record NominationBody(NominatorType Type, string? CountryCode = null, string? Organisation = null)
{
    public string Key => Nomination.KeyFor(Type, CountryCode, Organisation);

    public string Name => Nomination.BodyNameOf(Type, CountryCode?.Trim().ToUpperInvariant(), Organisation?.Trim());
}

/// <summary>A candidate's CV: a PDF, kept in the database like a review's drafts so that every node serves it.</summary>
public sealed class CandidateCv
{
    public const long MaxBytes = 5 * 1024 * 1024;

    private CandidateCv()
    {
    }

    public Guid CandidateId { get; private set; }

    public string FileName { get; private set; } = string.Empty;

    public long Length { get; private set; }

    public string Sha256 { get; private set; } = string.Empty;

    public byte[] Content { get; private set; } = [];

    public DateTimeOffset UploadedAt { get; private set; }

    public static CandidateCv Of(Guid candidateId, string fileName, byte[] content, DateTimeOffset now) => new()
    {
        CandidateId = candidateId,
        FileName = fileName,
        Length = content.LongLength,
        Sha256 = Reviews.CommentIntake.Sha256(content),
        Content = content,
        UploadedAt = now,
    };

    public void Replace(string fileName, byte[] content, DateTimeOffset now)
    {
        FileName = fileName;
        Length = content.LongLength;
        Sha256 = Reviews.CommentIntake.Sha256(content);
        Content = content;
        UploadedAt = now;
    }

    /// <summary>Whether <paramref name="content"/> is a PDF: its header (<c>%PDF-</c>) in the first kilobyte, as
    /// readers accept it.</summary>
    public static bool IsPdf(ReadOnlySpan<byte> content) =>
        content[..Math.Min(content.Length, 1024)].IndexOf("%PDF-"u8) >= 0;
}
