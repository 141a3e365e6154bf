using IpbesFlow.Assessments;
using IpbesFlow.Common;
using IpbesFlow.Identity;
using IpbesFlow.Notifications;
using IpbesFlow.Persistence;
using Mediator;

namespace IpbesFlow.Nominations;

/// <summary>The TSU (or the secretariat) reminds the selected experts who have not submitted their disclosure: one
/// mail each, in their language, with the page to submit it on. Answers how many were reminded.</summary>
public sealed record RemindDisclosures(Guid AssessmentId) : ICommand<DisclosureReminders>;

public sealed record DisclosureReminders(int Reminded);

public sealed class RemindDisclosuresHandler(IpbesFlowDbContext db, ICurrentUser actor, TimeProvider time) : ICommandHandler<RemindDisclosures, DisclosureReminders>
{
    public async ValueTask<DisclosureReminders> Handle(RemindDisclosures command, CancellationToken cancellationToken)
    {
        var caller = await NominationCaller.LoadAsync(db, actor, command.AssessmentId, cancellationToken);
        if (!(caller.IsSecretariat || caller.IsTsu) || !actor.Principal.MayWrite())
        {
            throw new ForbiddenException("The assessment's TSU or the secretariat reminds the experts of their disclosures.");
        }

        var missing = (await DisclosureLookup.ExpertsAsync(db, command.AssessmentId, cancellationToken)).Where(e => e.Disclosure is null).Select(e => e.Expert.Id).ToList();
        if (missing.Count == 0)
        {
            return new DisclosureReminders(0);
        }

        var now = time.GetUtcNow();
        db.NotificationEvents.Add(NotificationEvent.Queue(command.AssessmentId, DisclosureReminderPayload.Event, null, new DisclosureReminderPayload(missing), actor.Name, now));
        db.JournalEntries.Add(JournalEntry.Record(command.AssessmentId, actor.Name, "disclosure.reminded", null, null, $"{missing.Count} expert(s)", $"notification queued: {DisclosureReminderPayload.Event}", now));
        return new DisclosureReminders(missing.Count);
    }
}
