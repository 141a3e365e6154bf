using IpbesFlow.Assessments;
using IpbesFlow.Common;
using IpbesFlow.Identity;
using IpbesFlow.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Meetings;

/// <summary>Finding a meeting step, and who runs it: the assessment's TSU and the secretariat.</summary>
public static class MeetingLookup
{
    public static async Task<AssessmentStep> StepAsync(IpbesFlowDbContext db, Guid assessmentId, string stepId, CancellationToken cancellationToken)
    {
        var step = await db.AssessmentSteps.AsNoTracking().FirstOrDefaultAsync(s => s.AssessmentId == assessmentId && s.StepId == stepId, cancellationToken);
        if (step is null)
        {
            throw await db.Assessments.AnyAsync(a => a.Id == assessmentId, cancellationToken)
                ? new NotFoundException("Meeting", $"{stepId} (no step of assessment {assessmentId} has that id)")
                : new NotFoundException("Assessment", assessmentId);
        }

        return step.Kind.IsMeeting ? step : throw new NotFoundException("Meeting", $"{stepId} (it is a {step.Kind}, not a meeting)");
    }

    public static bool Runs(ICurrentUser actor, Guid assessmentId) =>
        actor.Principal.Has(Role.SecretariatAdmin) || actor.Principal.HasFor(Role.TsuMember, assessmentId);

    public static void EnsureRuns(ICurrentUser actor, Guid assessmentId)
    {
        if (!Runs(actor, assessmentId) || !actor.Principal.MayWrite())
        {
            throw new ForbiddenException("The assessment's TSU and the secretariat run its meetings.");
        }
    }

    /// <summary>Whether the caller is on the meeting's list now.</summary>
    public static Task<bool> IsParticipantAsync(IpbesFlowDbContext db, ICurrentUser actor, Guid assessmentId, string stepId, CancellationToken cancellationToken) =>
        actor.UserId is { } userId
            ? db.MeetingParticipants.AnyAsync(p => p.AssessmentId == assessmentId && p.StepId == stepId && p.UserId == userId && p.RemovedAt == null, cancellationToken)
            : Task.FromResult(false);

    public static async Task<MeetingVenue> VenueAsync(IpbesFlowDbContext db, AssessmentStep step, CancellationToken cancellationToken) =>
        await db.MeetingVenues.FirstOrDefaultAsync(v => v.AssessmentId == step.AssessmentId && v.StepId == step.StepId, cancellationToken)
        ?? throw new ConflictException($"Meeting '{step.Title}' is not set up yet: its TSU has not given its venue and the day replies are due.");

    /// <summary>The instant replies close: the end of the reply-by day where the meeting is held.</summary>
    public static DateTimeOffset ReplyByInstant(DateOnly day, string timeZone) => WindowTimeZone.StartOf(day.AddDays(1), WindowTimeZone.Find(timeZone));

    /// <summary>A meeting whose people are known completes once the TSU has recorded who attended, or with a reason.</summary>
    public static async Task EnsureAttendanceRecordedAsync(IpbesFlowDbContext db, Guid assessmentId, string stepId, string? note, CancellationToken cancellationToken)
    {
        var participants = db.MeetingParticipants.Where(p => p.AssessmentId == assessmentId && p.StepId == stepId && p.RemovedAt == null);
        if (string.IsNullOrWhiteSpace(note) && await participants.AnyAsync(cancellationToken) && !await participants.AnyAsync(p => p.Attended != null, cancellationToken))
        {
            throw new ConflictException($"Record who attended meeting {stepId} before completing it (or complete it saying why not).");
        }
    }
}
