using IpbesFlow.Common;
using IpbesFlow.Identity;
using IpbesFlow.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Reviews;

/// <summary>Downloads a confidential draft, under <see cref="DraftAccess"/>: the assessment's authors and TSU at any
/// time, reviewers registered for that review while its stored window is open; nobody else.</summary>
public sealed record GetDraft(Guid AssessmentId, string StepId, Guid DraftId) : IQuery<DraftFile>;

/// <summary>A draft to send: its name, type and length, and its bytes as a stream the caller disposes.</summary>
public sealed record DraftFile(string FileName, string ContentType, long Length, Stream Content);

public sealed class GetDraftHandler(IpbesFlowDbContext db, IDraftContent contents, ICurrentUser actor, TimeProvider time) : IQueryHandler<GetDraft, DraftFile>
{
    public async ValueTask<DraftFile> Handle(GetDraft query, CancellationToken cancellationToken)
    {
        var step = await ReviewLookup.StepAsync(db, query.AssessmentId, query.StepId, cancellationToken);
        var round = await ReviewLookup.RoundAsync(db, step, cancellationToken);
        var registered = (await ReviewerRegistrations.OfAsync(db, actor, round.Id, cancellationToken)).Count > 0;
        var caller = await ReviewCaller.LoadAsync(db, actor, step.AssessmentId, cancellationToken);
        if (!DraftAccess.MayDownload(caller.IsTsu, caller.IsAuthor, registered, step.OpensAt, step.ClosesAt, time.GetUtcNow()))
        {
            throw new ForbiddenException(registered
                ? $"The drafts of review {step.StepId} are available to its reviewers while it is open ({step.OpensAt:yyyy-MM-ddTHH:mm:ssZ} to {step.ClosesAt:yyyy-MM-ddTHH:mm:ssZ})."
                : $"The drafts of review {step.StepId} are confidential: register for the review (and accept its terms) to download them while it is open.");
        }

        // The bytes are not loaded here: a draft may run to a hundred megabytes, and a review's reviewers download it at once.
        var draft = await db.ReviewDrafts.AsNoTracking().Where(d => d.Id == query.DraftId && d.RoundId == round.Id)
                .Select(d => new { d.FileName, d.ContentType, d.Length })
                .FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Draft", query.DraftId);
        return new DraftFile(draft.FileName, draft.ContentType, draft.Length, await contents.OpenAsync(query.DraftId, cancellationToken));
    }
}
