using IpbesFlow.Common;
using IpbesFlow.Identity;
using IpbesFlow.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Reviews;

/// <summary>Downloads a confidential draft, under <see cref="DraftAccess"/>: the assessment's authors and TSU at any
/// time, reviewers registered for that review while its stored window is open; nobody else.</summary>
public sealed record GetDraft(Guid AssessmentId, string StepId, Guid DraftId) : IQuery<DraftFile>;

public sealed record DraftFile(string FileName, string ContentType, byte[] Content);

public sealed class GetDraftHandler(IpbesFlowDbContext db, ICurrentUser actor, TimeProvider time) : IQueryHandler<GetDraft, DraftFile>
{
    public async ValueTask<DraftFile> Handle(GetDraft query, CancellationToken cancellationToken)
    {
        var step = await ReviewLookup.StepAsync(db, query.AssessmentId, query.StepId, cancellationToken);
        var round = await ReviewLookup.RoundAsync(db, step, cancellationToken);
        var registered = (await RegisterForReviewHandler.RegistrationsOfAsync(db, actor, round.Id, cancellationToken)).Count > 0;
        var caller = await ReviewCaller.LoadAsync(db, actor, step.AssessmentId, cancellationToken);
        if (!DraftAccess.MayDownload(caller.IsTsu, caller.IsAuthor, registered, step.OpensAt, step.ClosesAt, time.GetUtcNow()))
        {
            throw new ForbiddenException(registered
                ? $"The drafts of review {step.StepId} are available to its reviewers while it is open ({step.OpensAt:yyyy-MM-ddTHH:mm:ssZ} to {step.ClosesAt:yyyy-MM-ddTHH:mm:ssZ})."
                : $"The drafts of review {step.StepId} are confidential: register for the review (and accept its terms) to download them while it is open.");
        }

        var draft = await db.ReviewDrafts.AsNoTracking().FirstOrDefaultAsync(d => d.Id == query.DraftId && d.RoundId == round.Id, cancellationToken)
            ?? throw new NotFoundException("Draft", query.DraftId);
        return new DraftFile(draft.FileName, draft.ContentType, draft.Content);
    }
}
