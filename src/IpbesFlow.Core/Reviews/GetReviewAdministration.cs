using IpbesFlow.Assessments;
using IpbesFlow.Common;
using IpbesFlow.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Reviews;

/// <summary>A review as its TSU (and the secretariat) run it, set up or not yet: the window, the set-up (chapters,
/// terms, the longest comment taken), the drafts, who registered, and the figures so far. Refused to anyone else.</summary>
public sealed record GetReviewAdministration(Guid AssessmentId, string StepId) : IQuery<ReviewAdministration>;

public sealed record ReviewAdministration(
    Guid AssessmentId,
    string AssessmentTitle,
    string StepId,
    string Title,
    StepState State,
    DateTimeOffset? OpensAt,
    DateTimeOffset? ClosesAt,
    string TimeZone,
    bool SetUp,
    IReadOnlyList<ChapterView> Chapters,
    string Terms,
    int MaxCommentLength,
    IReadOnlyList<DraftView> Drafts,
    IReadOnlyList<RegistrationRow> Registrations,
    ReviewProgress? Progress);

/// <summary>One registration as the TSU sees it.</summary>
public sealed record RegistrationRow(ReviewerType ReviewerType, string ReviewerName, string? CountryCode, string? Organisation, IReadOnlyList<string> Chapters, DateTimeOffset RegisteredAt, bool PublishIdentity);

public sealed class GetReviewAdministrationHandler(IpbesFlowDbContext db, Identity.ICurrentUser actor) : IQueryHandler<GetReviewAdministration, ReviewAdministration>
{
    public async ValueTask<ReviewAdministration> Handle(GetReviewAdministration query, CancellationToken cancellationToken)
    {
        var step = await ReviewLookup.StepAsync(db, query.AssessmentId, query.StepId, cancellationToken);
        if (!(await ReviewCaller.LoadAsync(db, actor, step.AssessmentId, cancellationToken)).IsStaff)
        {
            throw new ForbiddenException("A review is run by its assessment's TSU and the secretariat.");
        }

        var assessment = await db.Assessments.AsNoTracking().Where(a => a.Id == step.AssessmentId).Select(a => new { a.Title, a.TimeZone }).FirstAsync(cancellationToken);
        var round = await db.ReviewRounds.AsNoTracking().Include(r => r.Chapters).FirstOrDefaultAsync(r => r.AssessmentId == step.AssessmentId && r.StepId == step.StepId, cancellationToken);
        if (round is null)
        {
            return new ReviewAdministration(step.AssessmentId, assessment.Title, step.StepId, step.Title, step.State, step.OpensAt, step.ClosesAt, assessment.TimeZone,
                SetUp: false, [], ReviewRound.DefaultTerms, ReviewRound.DefaultMaxCommentLength, [], [], null);
        }

        var drafts = await db.ReviewDrafts.AsNoTracking().Where(d => d.RoundId == round.Id).OrderBy(d => d.UploadedAt)
            .Select(d => new DraftView(d.Id, d.FileName, d.ContentType, d.Length, d.Sha256, d.UploadedAt))
            .ToListAsync(cancellationToken);
        var registrations = (await db.ReviewRegistrations.AsNoTracking().Where(r => r.RoundId == round.Id).OrderBy(r => r.RegisteredAt).ToListAsync(cancellationToken))
            .ConvertAll(r => new RegistrationRow(r.ReviewerType, r.ReviewerName, r.CountryCode, r.Organisation, r.ChapterCodes, r.RegisteredAt, r.PublishIdentity));
        return new ReviewAdministration(step.AssessmentId, assessment.Title, step.StepId, step.Title, step.State, step.OpensAt, step.ClosesAt, assessment.TimeZone,
            SetUp: true,
            round.Chapters.OrderBy(c => c.Ordinal).Select(c => new ChapterView(c.Code, c.Title, c.SignedOffAt, c.SignedOffBy)).ToList(),
            round.Terms,
            round.MaxCommentLength,
            drafts,
            registrations,
            await ReviewProgressCounts.OfAsync(db, step, round, cancellationToken));
    }
}
