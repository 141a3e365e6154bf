using FluentValidation;
using IpbesFlow.Assessments;
using IpbesFlow.Common;
using IpbesFlow.Identity;
using IpbesFlow.People;
using IpbesFlow.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Meetings;

/// <summary>The TSU adds someone to a meeting (a person with an account, by their email: a contributing author, an
/// observer) or takes them off its list; journaled.</summary>
public sealed record ChangeParticipants(Guid AssessmentId, string StepId, string Email, bool Remove = false) : ICommand<MeetingView>, IRetryOnConflict;

public sealed class ChangeParticipantsValidator : AbstractValidator<ChangeParticipants>
{
    public ChangeParticipantsValidator() => RuleFor(c => c.Email).NotEmpty().EmailAddress().MaximumLength(Person.MaxEmailLength);
}

public sealed class ChangeParticipantsHandler(IpbesFlowDbContext db, ICurrentUser actor, TimeProvider time) : ICommandHandler<ChangeParticipants, MeetingView>
{
    public async ValueTask<MeetingView> Handle(ChangeParticipants command, CancellationToken cancellationToken)
    {
        var step = await MeetingLookup.StepAsync(db, command.AssessmentId, command.StepId, cancellationToken);
        MeetingLookup.EnsureRuns(actor, step.AssessmentId);
        await MeetingLookup.VenueAsync(db, step, cancellationToken);
        var email = Person.NormalizeEmail(command.Email);
        var user = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == email).Select(u => new { u.Id, u.FullName, Email = u.Email! }).FirstOrDefaultAsync(cancellationToken)
            ?? throw new ValidationFailedException("email", $"No account has the address {command.Email.Trim()}: create it first (they sign in with an email link).");
        var now = time.GetUtcNow();
        var participant = await db.MeetingParticipants.FirstOrDefaultAsync(p => p.AssessmentId == step.AssessmentId && p.StepId == step.StepId && p.UserId == user.Id, cancellationToken);
        if (command.Remove)
        {
            (participant ?? throw new NotFoundException("Participant", command.Email.Trim())).Remove(now);
        }
        else if (participant is null)
        {
            var country = await db.People.AsNoTracking().Where(p => p.NormalizedEmail == email).Select(p => p.CountryCode).FirstOrDefaultAsync(cancellationToken);
            db.MeetingParticipants.Add(MeetingParticipant.Invite(step.AssessmentId, step.StepId, user.Id, user.FullName, user.Email, country, byHand: true, now));
        }
        else
        {
            participant.InviteAgain();
        }

        db.JournalEntries.Add(JournalEntry.Record(step.AssessmentId, actor.Name, command.Remove ? "meeting.participant-removed" : "meeting.participant-added", step.StepId,
            null, user.FullName, user.Email, now));
        await db.SaveChangesAsync(cancellationToken);
        return await GetMeetingHandler.ViewAsync(db, actor, step, now, cancellationToken);
    }
}
