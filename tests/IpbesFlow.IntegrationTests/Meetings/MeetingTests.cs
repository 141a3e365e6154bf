using IpbesFlow.Assessments;
using IpbesFlow.Common;
using IpbesFlow.Identity;
using IpbesFlow.IntegrationTests.Fixtures;
using IpbesFlow.Meetings;
using IpbesFlow.Nominations;
using IpbesFlow.People;
using IpbesFlow.Workflows;
using Microsoft.EntityFrameworkCore;
using Shouldly;

namespace IpbesFlow.IntegrationTests.Meetings;

/// <summary>An author meeting as its TSU runs it, on both databases: the venue and the reply-by day, the participants
/// from the step's audience, their replies and a travel support request, the invitation and its change going to those
/// who have not declined, and the attendance without which the meeting does not complete.</summary>
public abstract class MeetingTests<TDatabase>(TDatabase database) : DatabaseTest<TDatabase>(database)
    where TDatabase : DatabaseFixture
{
    private const string Meeting = "first-author-meeting";

    private async Task<TestActor> PersonAsync(string email, string name, string language, string? country, params RoleScope[] roles)
    {
        var user = await Database.SendAsync(new CreateUser(email, name, null, roles.Length > 0 ? roles[0] : null));
        foreach (var role in roles.Skip(1))
        {
            await Database.SendAsync(new GrantRole(user.Id, role));
        }

        await Database.SendAsync(new RegisterPerson(name, email, language, country, null));
        return TestActor.Person(user.Id, email, roles);
    }

    private async Task DispatchAsync()
    {
        while (await Database.Dispatcher().RunOnceAsync(TestContext.Current.CancellationToken) > 0)
        {
        }
    }

    [Fact]
    public async Task The_TSU_sets_the_venue_participants_reply_ask_for_travel_support_and_the_meeting_completes_once_attendance_is_recorded()
    {
        var assessment = await Database.SendAsync(new CreateAssessment("thematic-assessment", "Nexus assessment", new DateOnly(2030, 1, 7), new DateOnly(2033, 6, 1)));
        var step = assessment.Steps.Single(s => s.Id == Meeting);
        var author = await PersonAsync("wanjiru@example.org", "Wanjiru Kamau", "fr", "KE", new RoleScope(Role.Author, assessment.Id, AuthorRole.LeadAuthor, Chapter: "2"));
        var editor = await PersonAsync("hans@example.org", "Hans Weber", "en", "DE", new RoleScope(Role.Author, assessment.Id, AuthorRole.ReviewEditor, Chapter: "2"));
        var mep = await PersonAsync("mep@example.org", "Mep Member", "en", "BR", new RoleScope(Role.MepMember));
        var tsu = await PersonAsync("tsu@example.org", "Tsu Member", "en", null, new RoleScope(Role.TsuMember, assessment.Id));
        var stranger = await PersonAsync("stranger@example.org", "Stranger", "en", "KE");
        var replyBy = step.Start.AddDays(-14);

        var notIana = await Should.ThrowAsync<ValidationFailedException>(() => Database.SendAsAsync(tsu,
            new ConfigureMeeting(assessment.Id, Meeting, MeetingMode.InPerson, "Nairobi", "KE", "UN Gigiri", "UNEP", null, "Nairobi time", replyBy)));
        await Should.ThrowAsync<ForbiddenException>(() => Database.SendAsAsync(author,
            new ConfigureMeeting(assessment.Id, Meeting, MeetingMode.InPerson, "Nairobi", "KE", "UN Gigiri", "UNEP", null, "Africa/Nairobi", replyBy)));
        var set = await Database.SendAsAsync(tsu, new ConfigureMeeting(assessment.Id, Meeting, MeetingMode.InPerson, "Nairobi", "KE", "UN Gigiri", "UNEP", null, "Africa/Nairobi", replyBy));
        await Database.SendAsync(new ActOnStep(assessment.Id, Meeting, StepAction.Invite));
        await DispatchAsync();

        notIana.Errors.Single().ShouldSatisfyAllConditions(e => e.Field.ShouldBe("timeZone"), e => e.Message.ShouldContain("'Nairobi time' is not a time zone name of the IANA database"));
        set.Participants.Select(p => p.Name).ShouldBe(["Hans Weber", "Mep Member", "Wanjiru Kamau"], "the step's audience: authors, review editors, the MEP");
        set.Location.ShouldBe("UN Gigiri, Nairobi, KE");
        var invitations = await Database.QueryAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Kind == "meeting-invitation").OrderBy(m => m.ToAddress).ToListAsync());
        invitations.Select(m => m.ToAddress).ShouldBe(["hans@example.org", "mep@example.org", "wanjiru@example.org"]);
        Ical.Net.Calendar.Load(invitations[0].CalendarIcs!)!.Events.Single().Location.ShouldBe("UN Gigiri, Nairobi, KE");

        // Replies: Wanjiru comes and asks for travel support (Kenya); Hans may not (Germany); the MEP member declines.
        var wanjiru = await Database.SendAsAsync(author, new ReplyToMeeting(assessment.Id, Meeting, MeetingReply.Attending, RequestTravelSupport: true, "Flight from Kisumu"));
        var noSupport = await Should.ThrowAsync<ValidationFailedException>(() => Database.SendAsAsync(editor, new ReplyToMeeting(assessment.Id, Meeting, MeetingReply.Attending, RequestTravelSupport: true)));
        // The secretariat's own classification counts: Brazil classified as developed, its MEP member may not ask either.
        await Should.ThrowAsync<ForbiddenException>(() => Database.SendAsAsync(tsu, new ClassifyCountry("BR", EconomyGroup.Developed)));
        var brazil = await Database.SendAsync(new ClassifyCountry("br", EconomyGroup.Developed));
        await Should.ThrowAsync<ValidationFailedException>(() => Database.SendAsAsync(mep, new ReplyToMeeting(assessment.Id, Meeting, MeetingReply.Attending, RequestTravelSupport: true)));
        (brazil.Code, brazil.Default, brazil.Economy, brazil.Classified).ShouldBe(("BR", EconomyGroup.Developing, EconomyGroup.Developed, true));
        (await Database.SendAsync(new ClassifyCountry("BR", null))).Classified.ShouldBeFalse("no group puts the default back");
        await Database.SendAsAsync(editor, new ReplyToMeeting(assessment.Id, Meeting, MeetingReply.Online));
        await Database.SendAsAsync(mep, new ReplyToMeeting(assessment.Id, Meeting, MeetingReply.NotAttending));
        await Should.ThrowAsync<ForbiddenException>(() => Database.SendAsAsync(stranger, new ReplyToMeeting(assessment.Id, Meeting, MeetingReply.Attending)));
        await Should.ThrowAsync<ForbiddenException>(() => Database.SendAsAsync(author, new DecideTravelSupport(assessment.Id, Meeting, wanjiru.Id, true)));
        var approved = await Database.SendAsAsync(tsu, new DecideTravelSupport(assessment.Id, Meeting, wanjiru.Id, true, "Economy ticket and DSA"));

        (wanjiru.Reply, wanjiru.TravelSupport, wanjiru.TravelNote).ShouldBe((MeetingReply.Attending, TravelSupport.Requested, "Flight from Kisumu"));
        noSupport.Errors.Single().ShouldSatisfyAllConditions(e => e.Field.ShouldBe("travelSupport"), e => e.Message.ShouldContain("developing countries"));
        approved.TravelSupport.ShouldBe(TravelSupport.Approved);

        // The meeting moves: the change goes to those who have not declined.
        await Database.SendAsync(new RescheduleStep(assessment.Id, Meeting, step.Start.AddDays(7), step.End.AddDays(7), "the venue is not free"));
        await DispatchAsync();
        (await Database.QueryAsync(db => db.OutboxMessages.Where(m => m.Kind == "meeting-changed").OrderBy(m => m.ToAddress).Select(m => m.ToAddress).ToListAsync()))
            .ShouldBe(["hans@example.org", "wanjiru@example.org"]);

        // After the reply-by day's end in Nairobi, replies are refused with it.
        var deadline = new DateTimeOffset(replyBy.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(3));
        Database.Clock.SetUtcNow(deadline);
        var late = await Should.ThrowAsync<ConflictException>(() => Database.SendAsAsync(editor, new ReplyToMeeting(assessment.Id, Meeting, MeetingReply.Attending)));
        late.Message.ShouldBe($"Replies were due by {deadline.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss}Z ({replyBy.AddDays(1):yyyy-MM-dd} 00:00 Africa/Nairobi); ask the technical support unit.");

        // Attendance: not before the meeting begins; the meeting does not complete without it (or a reason).
        var early = await Should.ThrowAsync<ConflictException>(() => Database.SendAsAsync(tsu, new RecordAttendance(assessment.Id, Meeting, [wanjiru.Id])));
        early.Message.ShouldContain("has not begun");
        Database.Clock.SetUtcNow(new DateTimeOffset(step.End.AddDays(8).ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero));
        await Database.SendAsync(new AdvanceDueSteps());
        var unrecorded = await Should.ThrowAsync<ConflictException>(() => Database.SendAsAsync(tsu, new ActOnStep(assessment.Id, Meeting, StepAction.Complete)));
        unrecorded.Message.ShouldBe($"Record who attended meeting {Meeting} before completing it (or complete it saying why not).");
        var recorded = await Database.SendAsAsync(tsu, new RecordAttendance(assessment.Id, Meeting, [wanjiru.Id]));
        var completed = await Database.SendAsAsync(tsu, new ActOnStep(assessment.Id, Meeting, StepAction.Complete));

        recorded.Participants.Select(p => (p.Name, p.Attended)).ShouldBe([("Hans Weber", (bool?)false), ("Mep Member", false), ("Wanjiru Kamau", true)]);
        completed.State.ShouldBe(StepState.Completed);
        var journal = await Database.SendAsync(new GetJournal(assessment.Id));
        journal.Single(j => j.Action == "meeting.attendance").ShouldSatisfyAllConditions(
            j => j.NewValue.ShouldBe("1 of 3 attended"), j => j.Details.ShouldBe("attended: Wanjiru Kamau; did not: Hans Weber, Mep Member"));
        journal.Single(j => j.Action == "meeting.travel-support").NewValue.ShouldBe("Wanjiru Kamau: approved");
    }

    [Fact]
    public async Task The_TSU_adds_and_removes_people_and_only_participants_and_those_who_follow_the_assessment_see_the_meeting()
    {
        var assessment = await Database.SendAsync(new CreateAssessment("thematic-assessment", "Listed assessment", new DateOnly(2030, 1, 7), new DateOnly(2033, 6, 1)));
        var other = await Database.SendAsync(new CreateAssessment("thematic-assessment", "Other assessment", new DateOnly(2030, 1, 7), new DateOnly(2033, 6, 1)));
        var step = assessment.Steps.Single(s => s.Id == Meeting);
        var tsu = await PersonAsync("tsu@example.org", "Tsu Member", "en", null, new RoleScope(Role.TsuMember, assessment.Id));
        var otherTsu = await PersonAsync("tsu.b@example.org", "Other Tsu", "en", null, new RoleScope(Role.TsuMember, other.Id));
        var guest = await PersonAsync("guest@example.org", "Contributing Author", "es", "MX");
        await Database.SendAsAsync(tsu, new ConfigureMeeting(assessment.Id, Meeting, MeetingMode.Hybrid, "Bonn", "DE", null, null, "https://meet.example.org/first", "Europe/Berlin", step.Start.AddDays(-7)));

        await Should.ThrowAsync<ForbiddenException>(() => Database.SendAsAsync(guest, new GetMeeting(assessment.Id, Meeting)));
        var added = await Database.SendAsAsync(tsu, new ChangeParticipants(assessment.Id, Meeting, "guest@example.org"));
        var agenda = await Database.SendAsAsync(tsu, new AttachMeetingDocument(assessment.Id, Meeting, "agenda.pdf", "application/pdf", "%PDF-1.7 agenda"u8.ToArray()));
        var seenByGuest = await Database.SendAsAsync(guest, new GetMeeting(assessment.Id, Meeting));
        var read = await Database.SendAsAsync(guest, new GetMeetingDocument(assessment.Id, Meeting, agenda.Id));
        await Should.ThrowAsync<ForbiddenException>(() => Database.SendAsAsync(otherTsu, new GetMeetingDocument(assessment.Id, Meeting, agenda.Id)));
        await Should.ThrowAsync<NotFoundException>(() => Database.SendAsAsync(tsu, new GetMeetingDocument(assessment.Id, Meeting, Guid.CreateVersion7())));
        await Should.ThrowAsync<ForbiddenException>(() => Database.SendAsAsync(otherTsu, new ChangeParticipants(assessment.Id, Meeting, "guest@example.org", Remove: true)));
        await Should.ThrowAsync<ForbiddenException>(() => Database.SendAsAsync(otherTsu, new GetMeeting(assessment.Id, Meeting)));
        var removed = await Database.SendAsAsync(tsu, new ChangeParticipants(assessment.Id, Meeting, "guest@example.org", Remove: true));
        var unknown = await Should.ThrowAsync<ValidationFailedException>(() => Database.SendAsAsync(tsu, new ChangeParticipants(assessment.Id, Meeting, "nobody@example.org")));

        added.Participants.Single().ShouldSatisfyAllConditions(p => p.Name.ShouldBe("Contributing Author"), p => p.AddedByHand.ShouldBeTrue());
        seenByGuest.ShouldSatisfyAllConditions(
            m => m.Location.ShouldBe("Bonn, DE (and online: https://meet.example.org/first)"),
            m => m.Mine.ShouldNotBeNull(),
            m => m.Participants.ShouldBeEmpty("the list of participants is the TSU's"),
            m => m.MayRun.ShouldBeFalse());
        removed.Participants.Single().Removed.ShouldBeTrue();
        (read.FileName, seenByGuest.Documents.Single().FileName).ShouldBe(("agenda.pdf", "agenda.pdf"));
        await Should.ThrowAsync<ForbiddenException>(() => Database.SendAsAsync(guest, new GetMeetingDocument(assessment.Id, Meeting, agenda.Id)), "taken off the list, the agenda is no longer theirs");
        await Should.ThrowAsync<ForbiddenException>(() => Database.SendAsAsync(guest, new ReplyToMeeting(assessment.Id, Meeting, MeetingReply.Attending)));
        unknown.Errors.Single().Field.ShouldBe("email");
    }
}

[Collection(nameof(SqliteCollection))]
public sealed class MeetingTests_on_Sqlite(SqliteDatabase database) : MeetingTests<SqliteDatabase>(database);

[Collection(nameof(PostgresCollection))]
public sealed class MeetingTests_on_Postgres(PostgresDatabase database) : MeetingTests<PostgresDatabase>(database);
