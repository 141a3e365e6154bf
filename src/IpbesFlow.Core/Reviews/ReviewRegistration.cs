namespace IpbesFlow.Reviews;

/// <summary>Who comments in a review, as the published compilation names them.</summary>
public enum ReviewerType
{
    /// <summary>An expert reviewing in their own name.</summary>
    Expert,

    /// <summary>A government, whose national focal point submits one consolidated set for the country.</summary>
    Government,

    /// <summary>A stakeholder organisation.</summary>
    Organisation,
}

/// <summary>A reviewer's registration for one review: the chapters they chose and when they accepted the
/// confidentiality terms. A government registers once per country (any of its focal points submits into the same
/// consolidated set); an organisation once per organisation; an expert once.</summary>
public sealed class ReviewRegistration
{
    private ReviewRegistration()
    {
    }

    public Guid Id { get; private set; }

    public Guid RoundId { get; private set; }

    public Guid AssessmentId { get; private set; }

    public string StepId { get; private set; } = string.Empty;

    public ReviewerType ReviewerType { get; private set; }

    /// <summary>One registration per key and review: <c>user:&lt;id&gt;</c>, <c>country:KE</c> or <c>organisation:&lt;name&gt;</c>.</summary>
    public string ReviewerKey { get; private set; } = string.Empty;

    /// <summary>The name the compilation shows: the expert's, "Government of KE", or the organisation's.</summary>
    public string ReviewerName { get; private set; } = string.Empty;

    public string? CountryCode { get; private set; }

    public string? Organisation { get; private set; }

    /// <summary>The chapters chosen, in the review's chapter codes, separated by '|'.</summary>
    public string Chapters { get; private set; } = string.Empty;

    public Guid RegisteredBy { get; private set; }

    public DateTimeOffset RegisteredAt { get; private set; }

    public DateTimeOffset TermsAcceptedAt { get; private set; }

    /// <summary>Whether the reviewer accepted to be named (name, organisation, country) beside their comments when the
    /// review's compilation is published; a reviewer who registered anonymously is published without them.</summary>
    public bool PublishIdentity { get; private set; }

    public IReadOnlyList<string> ChapterCodes => Chapters.Split('|', StringSplitOptions.RemoveEmptyEntries);

    public static string KeyFor(ReviewerType type, Guid userId, string? countryCode, string? organisation) => type switch
    {
        ReviewerType.Government => $"country:{countryCode}",
        ReviewerType.Organisation => $"organisation:{organisation?.Trim().ToUpperInvariant()}",
        _ => $"user:{userId}",
    };

    /// <summary>Registering again: the chapters are added, and the terms accepted again, with the choice made now.</summary>
    public void AcceptAgain(IEnumerable<string> chapters, bool publishIdentity, DateTimeOffset now)
    {
        Chapters = string.Join('|', ChapterCodes.Union(chapters, StringComparer.Ordinal));
        PublishIdentity = publishIdentity;
        TermsAcceptedAt = now;
    }

    public static ReviewRegistration Register(
        ReviewRound round, ReviewerType type, Guid userId, string name, string? countryCode, string? organisation, IEnumerable<string> chapters, bool publishIdentity, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        RoundId = round.Id,
        AssessmentId = round.AssessmentId,
        StepId = round.StepId,
        ReviewerType = type,
        ReviewerKey = KeyFor(type, userId, countryCode, organisation),
        ReviewerName = name,
        CountryCode = countryCode,
        Organisation = organisation?.Trim(),
        Chapters = string.Join('|', chapters),
        RegisteredBy = userId,
        RegisteredAt = now,
        TermsAcceptedAt = now,
        PublishIdentity = publishIdentity,
    };
}
