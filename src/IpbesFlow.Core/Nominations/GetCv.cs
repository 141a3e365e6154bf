using IpbesFlow.Common;
using IpbesFlow.Identity;
using IpbesFlow.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Nominations;

/// <summary>A candidate's CV: for the candidate, the bodies asked to nominate them, the MEP, the TSU and the
/// secretariat.</summary>
public sealed record GetCv(Guid AssessmentId, Guid CandidateId) : IQuery<CvFile>;

public sealed record CvFile(string FileName, byte[] Content);

public sealed class GetCvHandler(IpbesFlowDbContext db, ICurrentUser actor) : IQueryHandler<GetCv, CvFile>
{
    public async ValueTask<CvFile> Handle(GetCv query, CancellationToken cancellationToken)
    {
        var candidate = await db.Candidates.AsNoTracking().Where(c => c.Id == query.CandidateId && c.AssessmentId == query.AssessmentId)
            .Select(c => new { c.Id, c.UserId }).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Candidate", query.CandidateId);
        var caller = await NominationCaller.LoadAsync(db, actor, query.AssessmentId, cancellationToken);
        var own = candidate.UserId is { } id && id == actor.UserId;
        var keys = caller.BodyKeys;
        if (!caller.SeesAll && !own && !await db.Nominations.AnyAsync(n => n.CandidateId == candidate.Id && keys.Contains(n.BodyKey), cancellationToken))
        {
            // Personal data: the same answer whether or not the candidate exists.
            throw new NotFoundException("Candidate", query.CandidateId);
        }

        var cv = await db.CandidateCvs.AsNoTracking().Where(c => c.CandidateId == candidate.Id).Select(c => new CvFile(c.FileName, c.Content)).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("CV", $"of candidate {query.CandidateId} (none attached)");
        return cv;
    }
}
