namespace IpbesFlow.Reviews;

/// <summary>How the authors dealt with a comment, in the words IPBES and IPCC publish.</summary>
public enum ResponseStatus
{
    Accepted,
    TakenIntoAccount,
    Noted,
    Rejected,
}

/// <summary>One review comment in the standard template's fields, with who made it and the authors' response. A
/// comment is never changed by its reviewer once accepted; only the response part changes, until the chapter is
/// signed off, and a response replaced is kept (<see cref="EarlierResponse"/>).</summary>
public sealed class ReviewComment
{
    public const int MaxResponseLength = 10000;

    private ReviewComment()
    {
    }

    public Guid Id { get; private set; }

    public Guid RoundId { get; private set; }

    public Guid AssessmentId { get; private set; }

    public string StepId { get; private set; } = string.Empty;

    public int Number { get; private set; }

    public string Chapter { get; private set; } = string.Empty;

    public int FromPage { get; private set; }

    public int FromLine { get; private set; }

    public int ToPage { get; private set; }

    public int ToLine { get; private set; }

    public string Text { get; private set; } = string.Empty;

    public ReviewerType ReviewerType { get; private set; }

    public string ReviewerName { get; private set; } = string.Empty;

    public string? ReviewerCountry { get; private set; }

    public string? ReviewerOrganisation { get; private set; }

    /// <summary>The registration it was submitted under; none for comments the TSU imported on a reviewer's behalf.</summary>
    public Guid? RegistrationId { get; private set; }

    /// <summary>The file it came in, when it came in one.</summary>
    public Guid? UploadId { get; private set; }

    public DateTimeOffset SubmittedAt { get; private set; }

    public string SubmittedBy { get; private set; } = string.Empty;

    public ResponseStatus? ResponseStatus { get; private set; }

    public string? ResponseText { get; private set; }

    public DateTimeOffset? RespondedAt { get; private set; }

    public string? RespondedBy { get; private set; }

    /// <summary>When the secretariat corrected the response after the compilation was published (an erratum), why,
    /// and who; the response it replaced is kept (<see cref="EarlierResponse"/>).</summary>
    public DateTimeOffset? ErratumAt { get; private set; }

    public string? ErratumReason { get; private set; }

    public string? ErratumBy { get; private set; }

    public const int MaxErratumReasonLength = 1000;

    public bool IsAnswered => ResponseStatus is not null;

    public static ReviewComment Accept(ReviewRound round, int number, CommentInput input, Reviewer reviewer, Guid? uploadId, DateTimeOffset now, string actor, CommentResponse? response = null) => new()
    {
        Id = Guid.CreateVersion7(now),
        RoundId = round.Id,
        AssessmentId = round.AssessmentId,
        StepId = round.StepId,
        Number = number,
        Chapter = round.Chapter(input.Chapter!).Code,
        FromPage = input.FromPage!.Value,
        FromLine = input.FromLine!.Value,
        ToPage = input.ToPage ?? input.FromPage!.Value,
        ToLine = input.ToLine ?? input.FromLine!.Value,
        Text = CommentInput.NormalizeText(input.Text!),
        ReviewerType = reviewer.Type,
        ReviewerName = reviewer.Name,
        ReviewerCountry = reviewer.CountryCode,
        ReviewerOrganisation = reviewer.Organisation,
        RegistrationId = reviewer.RegistrationId,
        UploadId = uploadId,
        SubmittedAt = now,
        SubmittedBy = actor,
        ResponseStatus = response?.Status,
        ResponseText = response?.Text.Trim(),
        RespondedAt = response is null ? null : now,
        RespondedBy = response is null ? null : actor,
    };

    /// <summary>Records the authors' response; a response it replaces is returned, to be kept as history.</summary>
    public EarlierResponse? Respond(ResponseStatus status, string text, ReviewChapter chapter, DateTimeOffset now, string actor)
    {
        chapter.Answered();
        var earlier = IsAnswered ? EarlierResponse.Of(this, now) : null;
        ResponseStatus = status;
        ResponseText = text.Trim();
        RespondedAt = now;
        RespondedBy = actor;
        return earlier;
    }

    /// <summary>An erratum: the secretariat corrects the response of a published compilation, saying why; the response
    /// it replaces is returned, to be kept.</summary>
    public EarlierResponse? Correct(ResponseStatus status, string text, string reason, DateTimeOffset now, string actor)
    {
        var earlier = IsAnswered ? EarlierResponse.Of(this, now) : null;
        ResponseStatus = status;
        ResponseText = text.Trim();
        RespondedAt = now;
        RespondedBy = actor;
        ErratumAt = now;
        ErratumReason = reason.Trim();
        ErratumBy = actor;
        return earlier;
    }

    /// <summary>Its response as the journal keeps it: the status before and after, and the text given.</summary>
    internal Assessments.JournalEntry ResponseJournaled(ResponseStatus? before, string action, string? why, string actor, DateTimeOffset now) =>
        Assessments.JournalEntry.Record(AssessmentId, actor, action, StepId,
            before is { } old ? CommentSheet.ResponseStatusName(old) : null,
            CommentSheet.ResponseStatusName(ResponseStatus!.Value),
            $"comment {Number} (chapter {Chapter}){(why is null ? string.Empty : $", {why}")}" + (string.IsNullOrEmpty(ResponseText) ? string.Empty : $": {ResponseText}"),
            now);
}

/// <summary>How the authors dealt with a comment, as a compilation carries it.</summary>
public sealed record CommentResponse(ResponseStatus Status, string Text);

/// <summary>Whom a comment is recorded under.</summary>
public sealed record Reviewer(ReviewerType Type, string Name, string? CountryCode, string? Organisation, Guid? RegistrationId);
