using FluentValidation;
using IpbesFlow.Assessments;
using IpbesFlow.Common;
using IpbesFlow.Identity;
using IpbesFlow.Nominations;
using IpbesFlow.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Meetings;

/// <summary>A participant replies to a meeting's invitation, until the reply-by day's end where it is held: attending,
/// online or not attending; one coming in person from a developing country or an economy in transition may ask for travel
/// support with the reply. Replying again changes the reply; one who declines no longer hears of its changes.</summary>
public sealed record ReplyToMeeting(Guid AssessmentId, string StepId, MeetingReply Reply, bool RequestTravelSupport = false, string? Note = null)
    : ICommand<ParticipantView>, IRetryOnConflict;

public sealed class ReplyToMeetingValidator : AbstractValidator<ReplyToMeeting>
{
    public ReplyToMeetingValidator()
    {
        RuleFor(c => c.Reply).IsInEnum().NotEqual(MeetingReply.None).WithMessage("Reply attending, online or not-attending.");
        RuleFor(c => c.Note).MaximumLength(1000);
    }
}

public sealed class ReplyToMeetingHandler(IpbesFlowDbContext db, ICurrentUser actor, TimeProvider time) : ICommandHandler<ReplyToMeeting, ParticipantView>
{
    public async ValueTask<ParticipantView> Handle(ReplyToMeeting command, CancellationToken cancellationToken)
    {
        var step = await MeetingLookup.StepAsync(db, command.AssessmentId, command.StepId, cancellationToken);
        var venue = await MeetingLookup.VenueAsync(db, step, cancellationToken);
        var participant = await db.MeetingParticipants.FirstOrDefaultAsync(
            p => p.AssessmentId == step.AssessmentId && p.StepId == step.StepId && p.UserId == actor.UserId && p.RemovedAt == null, cancellationToken)
            ?? throw new ForbiddenException($"You are not among the participants of '{step.Title}'; its technical support unit keeps the list.");
        var now = time.GetUtcNow();
        var groups = await EconomyGroups.LoadAsync(db, cancellationToken);
        var mayReceiveSupport = participant.CountryCode is { } country && Countries.IsKnown(country) && groups.Of(country) != EconomyGroup.Developed;
        var before = participant.Reply;
        participant.Answer(command.Reply, command.RequestTravelSupport, mayReceiveSupport, command.Note, now, venue.ReplyBy, WindowTimeZone.Describe(venue.ReplyBy, venue.TimeZone));
        db.JournalEntries.Add(JournalEntry.Record(step.AssessmentId, actor.Name, "meeting.replied", step.StepId, $"{participant.Name}: {Name(before)}", $"{participant.Name}: {Name(participant.Reply)}",
            participant.TravelSupport == TravelSupport.Requested ? "travel support requested" : null, now));
        return ParticipantView.From(participant);
    }

    public static string Name(MeetingReply reply) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(reply.ToString());
}
