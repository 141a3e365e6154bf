using IpbesFlow.Common;
using IpbesFlow.Identity;
using IpbesFlow.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Meetings;

/// <summary>A meeting's document: for its participants (on the list now) and those who run it; nobody else, even among
/// those who follow the assessment.</summary>
public sealed record GetMeetingDocument(Guid AssessmentId, string StepId, Guid DocumentId) : IQuery<MeetingFile>;

public sealed record MeetingFile(string FileName, string ContentType, byte[] Content);

public sealed class GetMeetingDocumentHandler(IpbesFlowDbContext db, ICurrentUser actor) : IQueryHandler<GetMeetingDocument, MeetingFile>
{
    public async ValueTask<MeetingFile> Handle(GetMeetingDocument query, CancellationToken cancellationToken)
    {
        var step = await MeetingLookup.StepAsync(db, query.AssessmentId, query.StepId, cancellationToken);
        if (!MeetingLookup.Runs(actor, step.AssessmentId) && !await MeetingLookup.IsParticipantAsync(db, actor, step.AssessmentId, step.StepId, cancellationToken))
        {
            throw new ForbiddenException("A meeting's documents are confidential to its participants.");
        }

        return await db.MeetingDocuments.AsNoTracking()
            .Where(d => d.Id == query.DocumentId && d.AssessmentId == step.AssessmentId && d.StepId == step.StepId)
            .Select(d => new MeetingFile(d.FileName, d.ContentType, d.Content))
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Document", query.DocumentId);
    }
}
