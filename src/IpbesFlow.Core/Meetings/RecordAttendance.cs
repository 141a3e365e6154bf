using IpbesFlow.Assessments;
using IpbesFlow.Common;
using IpbesFlow.Identity;
using IpbesFlow.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Meetings;

/// <summary>Once the meeting has begun, the TSU records who attended (every participant on the list not named did not);
/// recording again corrects it. The meeting step completes only once this is recorded, or with a reason.</summary>
public sealed record RecordAttendance(Guid AssessmentId, string StepId, IReadOnlyList<Guid> Attended) : ICommand<MeetingView>, IRetryOnConflict;

public sealed class RecordAttendanceHandler(IpbesFlowDbContext db, ICurrentUser actor, TimeProvider time) : ICommandHandler<RecordAttendance, MeetingView>
{
    public async ValueTask<MeetingView> Handle(RecordAttendance command, CancellationToken cancellationToken)
    {
        var step = await MeetingLookup.StepAsync(db, command.AssessmentId, command.StepId, cancellationToken);
        MeetingLookup.EnsureRuns(actor, step.AssessmentId);
        var now = time.GetUtcNow();
        if (step.OpensAt is not { } opens || now < opens)
        {
            throw new ConflictException($"Meeting {step.StepId} has not begun (it opens {step.PlannedStart:yyyy-MM-dd}); attendance is recorded once it has.");
        }

        var participants = await db.MeetingParticipants.Where(p => p.AssessmentId == step.AssessmentId && p.StepId == step.StepId && p.RemovedAt == null).ToListAsync(cancellationToken);
        var unknown = command.Attended.Except(participants.Select(p => p.Id)).ToList();
        if (unknown.Count > 0)
        {
            throw new ValidationFailedException("attended", $"{unknown.Count} of the people named are not on the meeting's list: {string.Join(", ", unknown)}.");
        }

        foreach (var participant in participants)
        {
            participant.RecordAttendance(command.Attended.Contains(participant.Id));
        }

        // The record of the meeting names who came and who did not, as the assessment's journal keeps it.
        var came = participants.Where(p => p.Attended == true).Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
        var absent = participants.Where(p => p.Attended == false).Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
        var details = $"attended: {(came.Count == 0 ? "nobody" : string.Join(", ", came))}; did not: {(absent.Count == 0 ? "nobody" : string.Join(", ", absent))}";
        db.JournalEntries.Add(JournalEntry.Record(step.AssessmentId, actor.Name, "meeting.attendance", step.StepId, null,
            $"{came.Count} of {participants.Count} attended", details.Length > 1900 ? details[..1899] + "…" : details, now));
        await db.SaveChangesAsync(cancellationToken);
        return await GetMeetingHandler.ViewAsync(db, actor, step, now, cancellationToken);
    }
}
