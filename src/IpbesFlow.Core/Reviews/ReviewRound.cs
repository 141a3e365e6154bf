using IpbesFlow.Common;

namespace IpbesFlow.Reviews;

/// <summary>The set-up of one review step of an assessment (e.g. the external review of the first-order draft): the
/// chapters under review, the confidentiality terms reviewers accept, the longest comment taken, and the running
/// comment number. The review's window itself is the step's (<c>OpensAt</c>..<c>ClosesAt</c>), never copied here.</summary>
public sealed class ReviewRound
{
    public const int DefaultMaxCommentLength = 5000;

    // An .xlsx cell holds at most 32,767 characters: a longer comment could not be exported.
    public const int LongestCommentLimit = 32767;

    public const string DefaultTerms =
        "The drafts are confidential: they are provided for review only and must not be cited, quoted or circulated.";

    private readonly List<ReviewChapter> chapters = [];

    private ReviewRound()
    {
    }

    public Guid Id { get; private set; }

    public Guid AssessmentId { get; private set; }

    public string StepId { get; private set; } = string.Empty;

    public int MaxCommentLength { get; private set; }

    public string Terms { get; private set; } = string.Empty;

    /// <summary>The number the last accepted comment got; comments are numbered 1, 2, ... per review in the order they
    /// were accepted, and keep their number for good.</summary>
    public int LastCommentNumber { get; private set; }

    public DateTimeOffset ConfiguredAt { get; private set; }

    public string ConfiguredBy { get; private set; } = string.Empty;

    public IReadOnlyList<ReviewChapter> Chapters => chapters;

    public static ReviewRound Create(Guid assessmentId, string stepId, DateTimeOffset now, string actor) => new()
    {
        Id = Guid.CreateVersion7(now),
        AssessmentId = assessmentId,
        StepId = stepId,
        MaxCommentLength = DefaultMaxCommentLength,
        Terms = DefaultTerms,
        ConfiguredAt = now,
        ConfiguredBy = actor,
    };

    /// <summary>Sets the chapters (in their order), the terms and the comment limit. A chapter that already has
    /// comments cannot be removed.</summary>
    public void Configure(IReadOnlyList<(string Code, string Title)> wanted, string? terms, int? maxCommentLength, IReadOnlySet<string> chaptersWithComments, DateTimeOffset now, string actor)
    {
        var codes = wanted.Select(c => ReviewChapter.Normalize(c.Code)).ToHashSet(StringComparer.Ordinal);
        var dropped = chapters.Where(c => !codes.Contains(c.Code) && chaptersWithComments.Contains(c.Code)).Select(c => c.Code).ToList();
        if (dropped.Count > 0)
        {
            throw new ConflictException($"Chapter(s) {string.Join(", ", dropped)} already have comments and cannot be removed from the review.", "chapters");
        }

        chapters.RemoveAll(c => !codes.Contains(c.Code));
        for (var i = 0; i < wanted.Count; i++)
        {
            var code = ReviewChapter.Normalize(wanted[i].Code);
            var title = wanted[i].Title.Trim();
            if (chapters.Find(c => c.Code == code) is { } existing)
            {
                existing.Update(title, i);
            }
            else
            {
                chapters.Add(new ReviewChapter(Id, code, title, i));
            }
        }

        Terms = string.IsNullOrWhiteSpace(terms) ? Terms : terms.Trim();
        MaxCommentLength = maxCommentLength ?? MaxCommentLength;
        ConfiguredAt = now;
        ConfiguredBy = actor;
    }

    public ReviewChapter? FindChapter(string? code) =>
        code is null ? null : chapters.Find(c => c.Code == ReviewChapter.Normalize(code));

    public ReviewChapter Chapter(string code) =>
        FindChapter(code) ?? throw new NotFoundException("Chapter", code);
}

/// <summary>A chapter (or the SPM) under review. Its review editors sign it off once every comment on it has a response.</summary>
public sealed class ReviewChapter
{
    public const int MaxCodeLength = 20;

    private ReviewChapter()
    {
    }

    internal ReviewChapter(Guid roundId, string code, string title, int ordinal)
    {
        RoundId = roundId;
        Code = code;
        Title = title;
        Ordinal = ordinal;
    }

    public Guid RoundId { get; private set; }

    public string Code { get; private set; } = string.Empty;

    public string Title { get; private set; } = string.Empty;

    public int Ordinal { get; private set; }

    public DateTimeOffset? SignedOffAt { get; private set; }

    public string? SignedOffBy { get; private set; }

    /// <summary>Raised by every response to the chapter's comments and by its sign-off, so that a response racing the
    /// sign-off loses (and, retried, finds the chapter signed off) instead of slipping in after it.</summary>
    public int Version { get; private set; }

    /// <summary>Chapter codes are compared without regard to case or surrounding spaces: "spm " is "SPM".</summary>
    public static string Normalize(string code) => code.Trim().ToUpperInvariant();

    internal void Update(string title, int ordinal)
    {
        Title = title;
        Ordinal = ordinal;
    }

    public void SignOff(int unanswered, DateTimeOffset now, string actor)
    {
        if (SignedOffAt is { } at)
        {
            throw new ConflictException($"Chapter {Code} was signed off by {SignedOffBy} at {at:yyyy-MM-dd HH:mm}Z.");
        }

        if (unanswered > 0)
        {
            throw new ConflictException($"Chapter {Code} still has {unanswered} comment(s) without a response; it can be signed off once every comment has one.");
        }

        SignedOffAt = now;
        SignedOffBy = actor;
        Version++;
    }

    /// <summary>A comment of this chapter was answered: refused once the chapter is signed off.</summary>
    public void Answered()
    {
        if (SignedOffAt is { } at)
        {
            throw new ConflictException($"Chapter {Code} was signed off by {SignedOffBy} at {at:yyyy-MM-dd HH:mm}Z; its responses are final.");
        }

        Version++;
    }
}
