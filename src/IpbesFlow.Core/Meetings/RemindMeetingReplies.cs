using IpbesFlow.Assessments;
using IpbesFlow.Identity;
using IpbesFlow.Notifications;
using IpbesFlow.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Meetings;

/// <summary>The TSU reminds the participants who have not replied, while replies are taken: one mail each, in their
/// language, with the page to reply on. Answers how many were reminded.</summary>
public sealed record RemindMeetingReplies(Guid AssessmentId, string StepId) : ICommand<MeetingReminders>;

public sealed record MeetingReminders(int Reminded);

public sealed class RemindMeetingRepliesHandler(IpbesFlowDbContext db, ICurrentUser actor, TimeProvider time) : ICommandHandler<RemindMeetingReplies, MeetingReminders>
{
    public async ValueTask<MeetingReminders> Handle(RemindMeetingReplies command, CancellationToken cancellationToken)
    {
        var step = await MeetingLookup.StepAsync(db, command.AssessmentId, command.StepId, cancellationToken);
        MeetingLookup.EnsureRuns(actor, step.AssessmentId);
        var venue = await MeetingLookup.VenueAsync(db, step, cancellationToken);
        var now = time.GetUtcNow();
        if (now >= venue.ReplyBy)
        {
            throw new Common.ConflictException($"Replies were due by {WindowTimeZone.Describe(venue.ReplyBy, venue.TimeZone)}; there is nobody to remind now.");
        }

        var silent = await db.MeetingParticipants.Where(p => p.AssessmentId == step.AssessmentId && p.StepId == step.StepId && p.RemovedAt == null && p.Reply == MeetingReply.None)
            .Select(p => p.UserId).ToListAsync(cancellationToken);
        if (silent.Count > 0)
        {
            db.NotificationEvents.Add(NotificationEvent.Queue(step.AssessmentId, MeetingReplyReminderPayload.Event, step.StepId, new MeetingReplyReminderPayload(silent, venue.ReplyBy), actor.Name, now));
            db.JournalEntries.Add(JournalEntry.Record(step.AssessmentId, actor.Name, "meeting.reminded", step.StepId, null, $"{silent.Count} participant(s)",
                $"notification queued: {MeetingReplyReminderPayload.Event}", now));
        }

        return new MeetingReminders(silent.Count);
    }
}
