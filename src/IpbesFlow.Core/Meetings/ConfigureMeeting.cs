using FluentValidation;
using IpbesFlow.Assessments;
using IpbesFlow.Common;
using IpbesFlow.Identity;
using IpbesFlow.Notifications;
using IpbesFlow.Persistence;
using IpbesFlow.Workflows;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IpbesFlow.Meetings;

/// <summary>The TSU sets a meeting up: held in person (city, country, address, host), online (its link) or both; the
/// venue's time zone (an IANA name); the day by which participants reply (until its end there). Its participants are the
/// step's audience resolved to people (authors with their chapters, review editors, MEP members...), kept as the
/// meeting's list; setting it up again adds whoever joined the audience since, and leaves those the TSU removed out.</summary>
public sealed record ConfigureMeeting(
    Guid AssessmentId, string StepId, MeetingMode Mode, string? City, string? CountryCode, string? Address, string? Host, string? OnlineLink, string TimeZone, DateOnly ReplyBy)
    : ICommand<MeetingView>, IRetryOnConflict;

public sealed class ConfigureMeetingValidator : AbstractValidator<ConfigureMeeting>
{
    public ConfigureMeetingValidator()
    {
        RuleFor(c => c.Mode).IsInEnum().WithMessage("Say in-person, online or hybrid.");
        RuleFor(c => c.City).MaximumLength(MeetingVenue.MaxTextLength);
        RuleFor(c => c.Address).MaximumLength(MeetingVenue.MaxTextLength);
        RuleFor(c => c.Host).MaximumLength(MeetingVenue.MaxTextLength);
        RuleFor(c => c.OnlineLink).MaximumLength(1000);
        RuleFor(c => c.CountryCode).Must(c => c is null || Nominations.Countries.IsKnown(c)).WithMessage(c => Nominations.Countries.Unknown(c.CountryCode));
    }
}

public sealed class ConfigureMeetingHandler(IpbesFlowDbContext db, IWorkflowCatalog catalog, ICurrentUser actor, TimeProvider time) : ICommandHandler<ConfigureMeeting, MeetingView>
{
    public async ValueTask<MeetingView> Handle(ConfigureMeeting command, CancellationToken cancellationToken)
    {
        var step = await MeetingLookup.StepAsync(db, command.AssessmentId, command.StepId, cancellationToken);
        MeetingLookup.EnsureRuns(actor, step.AssessmentId);
        if (command.ReplyBy >= step.PlannedStart)
        {
            throw new ValidationFailedException("replyBy", $"Replies are due before the meeting, which starts on {step.PlannedStart:yyyy-MM-dd}.");
        }

        var now = time.GetUtcNow();
        var venue = await db.MeetingVenues.FirstOrDefaultAsync(v => v.AssessmentId == step.AssessmentId && v.StepId == step.StepId, cancellationToken);
        var before = venue?.Location;
        if (venue is null)
        {
            venue = MeetingVenue.Create(step.AssessmentId, step.StepId);
            db.MeetingVenues.Add(venue);
        }

        venue.Set(command.Mode, command.City, command.CountryCode, command.Address, command.Host, command.OnlineLink, command.TimeZone,
            MeetingLookup.ReplyByInstant(command.ReplyBy, command.TimeZone), actor.Name, now);
        var added = await InviteAudienceAsync(step, now, cancellationToken);
        db.JournalEntries.Add(JournalEntry.Record(step.AssessmentId, actor.Name, "meeting.set-up", step.StepId, before, venue.Location,
            $"{venue.Mode}; replies by {command.ReplyBy:yyyy-MM-dd} ({venue.TimeZone}); {added} participant(s) added from the audience", now));
        await db.SaveChangesAsync(cancellationToken);
        return await GetMeetingHandler.ViewAsync(db, actor, step, now, cancellationToken);
    }

    private async Task<int> InviteAudienceAsync(AssessmentStep step, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var assessment = await db.Assessments.AsNoTracking().Where(a => a.Id == step.AssessmentId).Select(a => new { a.WorkflowId, a.WorkflowVersion }).FirstAsync(cancellationToken);
        var audience = catalog.Find(assessment.WorkflowId, assessment.WorkflowVersion)?.FindStep(step.StepId)?.Audience ?? [];
        var people = await Recipients.ForAudienceAsync(db, step.AssessmentId, step.StepId, audience, cancellationToken);
        var known = await db.MeetingParticipants.Where(p => p.AssessmentId == step.AssessmentId && p.StepId == step.StepId).Select(p => p.UserId).ToListAsync(cancellationToken);
        var emails = people.Select(p => People.Person.NormalizeEmail(p.Email)).ToList();
        var countries = await db.People.AsNoTracking().Where(p => emails.Contains(p.NormalizedEmail)).ToDictionaryAsync(p => p.NormalizedEmail, p => p.CountryCode, StringComparer.Ordinal, cancellationToken);
        var added = 0;
        foreach (var person in people.Where(p => !known.Contains(p.UserId)))
        {
            db.MeetingParticipants.Add(MeetingParticipant.Invite(step.AssessmentId, step.StepId, person.UserId, person.Name, person.Email,
                countries.GetValueOrDefault(People.Person.NormalizeEmail(person.Email)), byHand: false, now));
            added++;
        }

        return added;
    }
}
