using IpbesFlow.Common;

namespace IpbesFlow.Nominations;

/// <summary>What the secretariat concluded from an expert's disclosure, as IPBES's conflict of interest policy has it.</summary>
public enum DisclosureReview
{
    /// <summary>Submitted, not reviewed yet.</summary>
    Pending,

    /// <summary>No conflict of interest.</summary>
    NoConflict,

    /// <summary>A conflict that is managed (the expert takes part under conditions the secretariat recorded).</summary>
    Managed,

    /// <summary>A conflict that cannot be managed: the expert does not take part.</summary>
    Declined,
}

/// <summary>A selected expert's disclosure under IPBES's conflict of interest policy, submitted before the first author
/// meeting, and the secretariat's review of it. One per selected expert and assessment; submitting again replaces it
/// (and its review starts over).</summary>
public sealed class Disclosure
{
    public const int MaxTextLength = 4000;

    private Disclosure()
    {
    }

    public Guid CandidateId { get; private set; }

    public Guid AssessmentId { get; private set; }

    /// <summary>Employment, consultancies, financial interests, research support, public positions or anything else a
    /// reasonable person could see as a conflict with the assessment's subject; false when there is none.</summary>
    public bool HasInterests { get; private set; }

    public string Interests { get; private set; } = string.Empty;

    public DateTimeOffset SubmittedAt { get; private set; }

    public DisclosureReview Review { get; private set; }

    public string? ReviewNote { get; private set; }

    public string? ReviewedBy { get; private set; }

    public DateTimeOffset? ReviewedAt { get; private set; }

    public static Disclosure Submit(Candidate expert, bool hasInterests, string? interests, DateTimeOffset now)
    {
        var disclosure = new Disclosure { CandidateId = expert.Id, AssessmentId = expert.AssessmentId };
        disclosure.Replace(hasInterests, interests, now);
        return disclosure;
    }

    public void Replace(bool hasInterests, string? interests, DateTimeOffset now)
    {
        if (hasInterests && string.IsNullOrWhiteSpace(interests))
        {
            throw new ValidationFailedException("interests", "Describe each interest: what it is, with whom, and since when.");
        }

        HasInterests = hasInterests;
        Interests = hasInterests ? interests!.Trim() : string.Empty;
        SubmittedAt = now;
        Review = DisclosureReview.Pending;
        ReviewNote = null;
        ReviewedBy = null;
        ReviewedAt = null;
    }

    public void Record(DisclosureReview review, string? note, string actor, DateTimeOffset now)
    {
        if (review == DisclosureReview.Pending)
        {
            throw new ValidationFailedException("review", "Record no-conflict, managed or declined.");
        }

        if (review is DisclosureReview.Managed or DisclosureReview.Declined && string.IsNullOrWhiteSpace(note))
        {
            throw new ValidationFailedException("note", review == DisclosureReview.Managed ? "Say how the conflict is managed." : "Say why the conflict cannot be managed.");
        }

        Review = review;
        ReviewNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        ReviewedBy = actor;
        ReviewedAt = now;
    }
}
