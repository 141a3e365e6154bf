using IpbesFlow.Common;
using IpbesFlow.Identity;
using IpbesFlow.Persistence;
using IpbesFlow.Workflows;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Nominations;

/// <summary>A call's candidates as the caller may see them: every one for the secretariat, the TSU and the MEP; for a
/// nominating body, those who asked it, with its own nominations only. Anyone else, and a candidate, is refused (a
/// candidate reads their own application with <see cref="GetCall"/>).</summary>
public sealed record ListCandidates(Guid AssessmentId, string StepId, NominationStatus? Status = null) : IQuery<CandidateList>;

public sealed record CandidateList(CallView Call, bool SeesAll, IReadOnlyList<string> Bodies, IReadOnlyList<CandidateView> Candidates);

public sealed class ListCandidatesHandler(IpbesFlowDbContext db, IWorkflowCatalog catalog, ICurrentUser actor, TimeProvider time) : IQueryHandler<ListCandidates, CandidateList>
{
    public async ValueTask<CandidateList> Handle(ListCandidates query, CancellationToken cancellationToken)
    {
        var call = await NominationLookup.CallAsync(db, catalog, query.AssessmentId, query.StepId, cancellationToken);
        var caller = await NominationCaller.LoadAsync(db, actor, call.AssessmentId, cancellationToken);
        if (!caller.SeesAll && !caller.IsNominator)
        {
            throw new ForbiddenException("Candidates' records are personal: they are for the MEP, the assessment's TSU, the secretariat and the bodies asked to nominate them.");
        }

        var keys = caller.BodyKeys;
        var nominations = db.Nominations.AsNoTracking().Where(n => n.AssessmentId == call.AssessmentId && n.CallStepId == call.StepId);
        if (!caller.SeesAll)
        {
            nominations = nominations.Where(n => keys.Contains(n.BodyKey));
        }

        if (query.Status is { } status)
        {
            nominations = nominations.Where(n => n.Status == status);
        }

        var rows = await nominations.ToListAsync(cancellationToken);
        var ids = rows.Select(n => n.CandidateId).Distinct().ToList();
        var candidates = await db.Candidates.AsNoTracking().Where(c => ids.Contains(c.Id)).OrderBy(c => c.FullName).ToListAsync(cancellationToken);
        var byCandidate = rows.ToLookup(n => n.CandidateId);
        var view = await GetCallHandler.ViewAsync(db, call, time.GetUtcNow(), cancellationToken);
        return new CandidateList(view, caller.SeesAll, caller.SeesAll ? [] : [.. caller.BodyKeys],
            candidates.ConvertAll(c => CandidateView.From(c, byCandidate[c.Id], withDecision: caller.SeesAll)));
    }
}
