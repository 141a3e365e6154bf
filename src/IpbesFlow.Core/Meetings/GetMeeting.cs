using IpbesFlow.Assessments;
using IpbesFlow.Common;
using IpbesFlow.Identity;
using IpbesFlow.Persistence;
using IpbesFlow.Workflows;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Meetings;

/// <summary>A meeting as the caller may see it: its dates, venue and reply-by instant for its participants and for those
/// who follow the assessment; the caller's own reply; and, for the TSU and the secretariat, every participant with their
/// reply, travel support and attendance.</summary>
public sealed record GetMeeting(Guid AssessmentId, string StepId) : IQuery<MeetingView>;

public sealed record ParticipantView(
    Guid Id, string Name, string Email, string? CountryCode, bool AddedByHand, bool Removed, MeetingReply Reply, DateTimeOffset? RepliedAt, TravelSupport TravelSupport,
    string? TravelNote, bool? Attended)
{
    public static ParticipantView From(MeetingParticipant p) =>
        new(p.Id, p.Name, p.Email, p.CountryCode, p.AddedByHand, p.RemovedAt is not null, p.Reply, p.RepliedAt, p.TravelSupport, p.TravelNote, p.Attended);
}

public sealed record MeetingView(
    Guid AssessmentId, string AssessmentTitle, string StepId, string Title, StepState State, DateOnly Start, DateOnly End, bool SetUp, MeetingMode? Mode, string? Location,
    string? City, string? CountryCode, string? Address, string? Host, string? OnlineLink, string? TimeZone, DateTimeOffset? ReplyBy, DateOnly? ReplyByDay, bool TakingReplies, ParticipantView? Mine,
    bool MayRun, IReadOnlyList<ParticipantView> Participants, IReadOnlyList<MeetingDocumentView> Documents);

public sealed class GetMeetingHandler(IpbesFlowDbContext db, ICurrentUser actor, TimeProvider time) : IQueryHandler<GetMeeting, MeetingView>
{
    public async ValueTask<MeetingView> Handle(GetMeeting query, CancellationToken cancellationToken) =>
        await ViewAsync(db, actor, await MeetingLookup.StepAsync(db, query.AssessmentId, query.StepId, cancellationToken), time.GetUtcNow(), cancellationToken);

    internal static async Task<MeetingView> ViewAsync(IpbesFlowDbContext db, ICurrentUser actor, AssessmentStep step, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var runs = MeetingLookup.Runs(actor, step.AssessmentId);
        var mine = actor.UserId is { } userId
            ? await db.MeetingParticipants.AsNoTracking().FirstOrDefaultAsync(p => p.AssessmentId == step.AssessmentId && p.StepId == step.StepId && p.UserId == userId && p.RemovedAt == null, cancellationToken)
            : null;
        if (!runs && mine is null && !AssessmentAccess.MaySee(actor.Principal, step.AssessmentId))
        {
            throw new ForbiddenException("A meeting is for its participants and those who follow the assessment.");
        }

        var venue = await db.MeetingVenues.AsNoTracking().FirstOrDefaultAsync(v => v.AssessmentId == step.AssessmentId && v.StepId == step.StepId, cancellationToken);
        var participants = runs
            ? await db.MeetingParticipants.AsNoTracking().Where(p => p.AssessmentId == step.AssessmentId && p.StepId == step.StepId).OrderBy(p => p.Name).ToListAsync(cancellationToken)
            : [];
        // The agenda and documents are the participants' (and the TSU's), not everyone's who follows the assessment.
        var documents = runs || mine is not null
            ? await db.MeetingDocuments.AsNoTracking().Where(d => d.AssessmentId == step.AssessmentId && d.StepId == step.StepId).OrderBy(d => d.UploadedAt)
                .Select(d => new MeetingDocumentView(d.Id, d.FileName, d.Length, d.UploadedAt)).ToListAsync(cancellationToken)
            : [];
        var title = await db.Assessments.AsNoTracking().Where(a => a.Id == step.AssessmentId).Select(a => a.Title).FirstAsync(cancellationToken);
        return new MeetingView(step.AssessmentId, title, step.StepId, step.Title, step.State, step.PlannedStart, step.PlannedEnd, venue is not null, venue?.Mode, venue?.Location,
            venue?.City, venue?.CountryCode, venue?.Address, venue?.Host, venue?.OnlineLink, venue?.TimeZone, venue?.ReplyBy,
            venue is null ? null : WindowTimeZone.DayOf(venue.ReplyBy, WindowTimeZone.Find(venue.TimeZone)).AddDays(-1),
            venue is not null && now < venue.ReplyBy && step.State is not (StepState.Cancelled or StepState.Skipped), mine is null ? null : ParticipantView.From(mine), runs,
            participants.ConvertAll(ParticipantView.From), documents);
    }
}
