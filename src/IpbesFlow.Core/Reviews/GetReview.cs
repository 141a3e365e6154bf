using IpbesFlow.Assessments;
using IpbesFlow.Identity;
using IpbesFlow.Persistence;
using IpbesFlow.Workflows;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Reviews;

/// <summary>A review as a prospective reviewer sees it: its window, chapters, terms (with what of their comments is
/// published, and when), drafts, and whether (and as whom) the caller is registered.</summary>
public sealed record GetReview(Guid AssessmentId, string StepId) : IQuery<ReviewView>;

public sealed record ReviewView(
    Guid AssessmentId,
    string StepId,
    string Title,
    StepState State,
    DateTimeOffset? OpensAt,
    DateTimeOffset? ClosesAt,
    DateOnly Start,
    DateOnly End,
    string TimeZone,
    IReadOnlyList<ChapterView> Chapters,
    string Terms,
    bool Published,
    string Publication,
    int MaxCommentLength,
    IReadOnlyList<DraftView> Drafts,
    RegistrationView? Registration)
{
    /// <summary>The caller's part in the review (set by the query).</summary>
    public ReviewPart Part { get; init; } = ReviewPart.Reviewer;

    /// <summary>What a reviewer accepts, with the terms, of a review whose compilation is published.</summary>
    public const string PublishedTerms =
        "Once the assessment is approved, the comments and the authors' responses are published with each reviewer's name, organisation and country, unless the reviewer registered anonymously.";

    public const string InternalTerms = "This review is internal: its comments and the responses are never published.";

    /// <summary>The review of <paramref name="assessment"/>: open from the start of its first day to the end of its last,
    /// in the assessment's time zone.</summary>
    public static ReviewView From(Assessment assessment, AssessmentStep step, ReviewRound round, bool published, IReadOnlyList<DraftView> drafts, RegistrationView? registration) => new(
        step.AssessmentId, step.StepId, step.Title, step.State, step.OpensAt, step.ClosesAt, step.PlannedStart, step.PlannedEnd, assessment.TimeZone,
        round.Chapters.OrderBy(c => c.Ordinal).Select(c => new ChapterView(c.Code, c.Title, c.SignedOffAt, c.SignedOffBy)).ToList(),
        round.Terms, published, published ? PublishedTerms : InternalTerms, round.MaxCommentLength, drafts, registration);
}

/// <summary>What the caller may do on a review, by the same rules the commands apply: manage it (its TSU and the
/// secretariat), read every comment (they and the authors), answer the comments of some chapters, sign some off.</summary>
public sealed record ReviewPart(bool Manages, bool ReadsAllComments, IReadOnlyList<string> RespondsTo, IReadOnlyList<string> SignsOff)
{
    public static readonly ReviewPart Reviewer = new(false, false, [], []);

    public static ReviewPart Of(ReviewCaller caller, IEnumerable<string> chapters)
    {
        var codes = chapters.ToList();
        return new ReviewPart(caller.IsStaff, caller.MayReadAllComments, codes.Where(caller.MayRespondTo).ToList(), codes.Where(caller.MaySignOff).ToList());
    }
}

public sealed record ChapterView(string Code, string Title, DateTimeOffset? SignedOffAt, string? SignedOffBy);

public sealed record DraftView(Guid Id, string FileName, string ContentType, long Length, string Sha256, DateTimeOffset UploadedAt);

public sealed class GetReviewHandler(IpbesFlowDbContext db, IWorkflowCatalog catalog, ICurrentUser actor) : IQueryHandler<GetReview, ReviewView>
{
    public async ValueTask<ReviewView> Handle(GetReview query, CancellationToken cancellationToken)
    {
        var step = await ReviewLookup.StepAsync(db, query.AssessmentId, query.StepId, cancellationToken);
        var round = await ReviewLookup.RoundAsync(db, step, cancellationToken);
        var drafts = await db.ReviewDrafts.AsNoTracking().Where(d => d.RoundId == round.Id).OrderBy(d => d.UploadedAt)
            .Select(d => new DraftView(d.Id, d.FileName, d.ContentType, d.Length, d.Sha256, d.UploadedAt))
            .ToListAsync(cancellationToken);
        var registrations = await ReviewerRegistrations.OfAsync(db, actor, round.Id, cancellationToken);
        var assessment = await db.Assessments.AsNoTracking().FirstAsync(a => a.Id == step.AssessmentId, cancellationToken);
        var caller = await ReviewCaller.LoadAsync(db, actor, step.AssessmentId, cancellationToken);
        return ReviewView.From(assessment, step, round, ReviewLookup.IsPublished(catalog, assessment, step.StepId), drafts, registrations.Count == 0 ? null : RegistrationView.From(registrations[0])) with
        {
            Part = ReviewPart.Of(caller, round.Chapters.OrderBy(c => c.Ordinal).Select(c => c.Code)),
        };
    }
}
