using IpbesFlow.Assessments;
using IpbesFlow.Identity;
using IpbesFlow.Persistence;
using IpbesFlow.Workflows;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Nominations;

/// <summary>A call for nominations, and the caller's own application to it if they have made one (anyone signed in may
/// apply while it is open).</summary>
public sealed record GetCall(Guid AssessmentId, string StepId) : IQuery<CallWithApplication>;

public sealed record CallWithApplication(CallView Call, CandidateView? MyApplication);

public sealed class GetCallHandler(IpbesFlowDbContext db, IWorkflowCatalog catalog, ICurrentUser actor, TimeProvider time) : IQueryHandler<GetCall, CallWithApplication>
{
    public async ValueTask<CallWithApplication> Handle(GetCall query, CancellationToken cancellationToken)
    {
        var call = await NominationLookup.CallAsync(db, catalog, query.AssessmentId, query.StepId, cancellationToken);
        CandidateView? mine = null;
        if (actor.UserId is { } userId)
        {
            var candidate = await NominationLookup.ApplicationOfAsync(db, userId, call, track: false, cancellationToken);
            if (candidate is not null)
            {
                mine = CandidateView.From(candidate, await db.Nominations.AsNoTracking().Where(n => n.CandidateId == candidate.Id).ToListAsync(cancellationToken), withDecision: false);
            }
        }

        return new CallWithApplication(await ViewAsync(db, call, time.GetUtcNow(), cancellationToken), mine);
    }

    internal static async Task<CallView> ViewAsync(IpbesFlowDbContext db, NominationCall call, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var title = await db.Assessments.AsNoTracking().Where(a => a.Id == call.AssessmentId).Select(a => a.Title).FirstAsync(cancellationToken);
        var step = call.Step;
        var taking = step.State is not (StepState.Skipped or StepState.Cancelled) && step.OpensAt <= now && now < step.ClosesAt;
        var deadline = call.NominatorsDeadline;
        return new CallView(call.AssessmentId, title, step.StepId, step.Title, call.TimeZone, step.OpensAt, step.ClosesAt, deadline,
            taking, step.OpensAt <= now && now < deadline, call.Selection?.Id);
    }
}
