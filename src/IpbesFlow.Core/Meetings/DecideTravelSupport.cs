using FluentValidation;
using IpbesFlow.Assessments;
using IpbesFlow.Common;
using IpbesFlow.Identity;
using IpbesFlow.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Meetings;

/// <summary>The TSU approves or declines a participant's request for travel support, with a note; journaled.</summary>
public sealed record DecideTravelSupport(Guid AssessmentId, string StepId, Guid ParticipantId, bool Approve, string? Note = null) : ICommand<ParticipantView>, IRetryOnConflict;

public sealed class DecideTravelSupportValidator : AbstractValidator<DecideTravelSupport>
{
    public DecideTravelSupportValidator() => RuleFor(c => c.Note).MaximumLength(1000);
}

public sealed class DecideTravelSupportHandler(IpbesFlowDbContext db, ICurrentUser actor, TimeProvider time) : ICommandHandler<DecideTravelSupport, ParticipantView>
{
    public async ValueTask<ParticipantView> Handle(DecideTravelSupport command, CancellationToken cancellationToken)
    {
        var step = await MeetingLookup.StepAsync(db, command.AssessmentId, command.StepId, cancellationToken);
        MeetingLookup.EnsureRuns(actor, step.AssessmentId);
        var participant = await db.MeetingParticipants.FirstOrDefaultAsync(p => p.Id == command.ParticipantId && p.AssessmentId == step.AssessmentId && p.StepId == step.StepId, cancellationToken)
            ?? throw new NotFoundException("Participant", command.ParticipantId);
        var now = time.GetUtcNow();
        participant.DecideTravel(command.Approve, command.Note, actor.Name, now);
        db.JournalEntries.Add(JournalEntry.Record(step.AssessmentId, actor.Name, "meeting.travel-support", step.StepId, null,
            $"{participant.Name}: {(command.Approve ? "approved" : "declined")}", participant.TravelNote, now));
        return ParticipantView.From(participant);
    }
}
