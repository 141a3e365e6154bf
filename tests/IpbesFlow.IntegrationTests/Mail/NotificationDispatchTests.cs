using IpbesFlow.Assessments;
using IpbesFlow.Configuration;
using IpbesFlow.Identity;
using IpbesFlow.IntegrationTests.Fixtures;
using IpbesFlow.Mail;
using IpbesFlow.Notifications;
using IpbesFlow.People;
using IpbesFlow.Testing;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Shouldly;

namespace IpbesFlow.IntegrationTests.Mail;

/// <summary>A schedule change, from the reschedule command to the mail each person concerned receives, in their
/// language, through a real SMTP server on loopback.</summary>
public abstract class NotificationDispatchTests<TDatabase>(TDatabase database) : DatabaseTest<TDatabase>(database)
    where TDatabase : DatabaseFixture
{
    private static readonly NotificationTemplates Templates = NotificationTemplates.Load(Path.Combine(RepositoryPaths.WorkflowsDirectory, "templates"));

    private NotificationDispatcher Dispatcher(StorageSettings settings) => Database.Dispatcher(settings);

    private async Task<Guid> PersonAsync(string email, string name, string? language, RoleScope role)
    {
        var user = await Database.SendAsync(new CreateUser(email, name, Role: role));
        if (language is not null)
        {
            await Database.SendAsync(new RegisterPerson(name, email, language));
        }

        return user.Id;
    }

    [Fact]
    public async Task A_schedule_change_reaches_the_TSU_the_authors_and_the_reviewers_of_moved_steps_each_in_their_language()
    {
        var assessment = await Database.SendAsync(new CreateAssessment("single-review-deliverable", "Nexus study", new DateOnly(2030, 1, 7)));
        var other = await Database.SendAsync(new CreateAssessment("single-review-deliverable", "Other study", new DateOnly(2030, 1, 7)));
        await PersonAsync("tsu@example.org", "Claire Martin", "fr", new RoleScope(Role.TsuMember, assessment.Id));
        await PersonAsync("author@example.org", "Layla Haddad", "ar", new RoleScope(Role.Author, assessment.Id, AuthorRole.LeadAuthor));
        await PersonAsync("reviewer@example.org", "Ken Sato", null, new RoleScope(Role.Reviewer, assessment.Id, ReviewStepId: "external-review"));
        await PersonAsync("elsewhere@example.org", "Not Concerned", "es", new RoleScope(Role.Reviewer, other.Id, ReviewStepId: "external-review"));
        await PersonAsync("mep@example.org", "Mep Member", "en", new RoleScope(Role.MepMember));
        var drafting = assessment.Steps.Single(s => s.Id == "drafting");
        await Database.SendAsync(new RescheduleStep(assessment.Id, "drafting", null, drafting.End.AddDays(14), "le groupe d'experts s'est réuni tard"));

        var dispatcher = Dispatcher(Database.Settings);
        (await dispatcher.RunOnceAsync(TestContext.Current.CancellationToken)).ShouldBe(1);
        (await dispatcher.RunOnceAsync(TestContext.Current.CancellationToken)).ShouldBe(0, "an event becomes its messages once");

        var queued = await Database.QueryAsync(db => db.OutboxMessages.AsNoTracking().OrderBy(m => m.ToAddress).ToListAsync());
        queued.Select(m => (m.ToAddress, m.Language)).ShouldBe([("author@example.org", "ar"), ("reviewer@example.org", "en"), ("tsu@example.org", "fr")]);
        queued.ShouldAllBe(m => m.Kind == "schedule-changed" && m.AssessmentId == assessment.Id && m.Status == DeliveryStatus.Pending);
        queued.Single(m => m.Language == "fr").Subject.ShouldBe("Calendrier modifié : Nexus study");
        queued.Single(m => m.Language == "fr").TextBody.ShouldContain("le groupe d'experts s'est réuni tard");
        queued.Single(m => m.Language == "en").TextBody.ShouldContain($"External review: {assessment.Steps.Single(s => s.Id == "external-review").Start:yyyy-MM-dd}..");
        queued.Single(m => m.Language == "ar").HtmlBody.ShouldNotBeNull().ShouldContain("dir=\"rtl\"");
        var dispatched = await Database.QueryAsync(db => db.NotificationEvents.AsNoTracking().SingleAsync());
        (dispatched.Recipients, dispatched.DispatchedAt).ShouldBe((3, Database.Clock.GetUtcNow()));

        // Through a real SMTP server: each text arrives as written, Arabic included.
        await using var smtp = TestSmtpServer.Start();
        var smtpSettings = new SmtpSettings("127.0.0.1", smtp.Port, SecureSocketOptions.None, null, null, 2);
        await using var transport = new PooledSmtpMailTransport(smtpSettings);
        var worker = new OutboxWorker(Database.Services.GetRequiredService<IServiceScopeFactory>(), transport, Database.Settings with { Mail = Database.Settings.Mail with { Smtp = smtpSettings } }, Database.Clock, NullLogger<OutboxWorker>.Instance);
        await worker.RunOnceAsync(TestContext.Current.CancellationToken);

        smtp.Received.Count.ShouldBe(3);
        var arabic = smtp.Received.Single(m => m.To.Mailboxes.Single().Address == "author@example.org");
        arabic.Subject.ShouldBe(queued.Single(m => m.Language == "ar").Subject);
        arabic.TextBody.ShouldNotBeNull().Replace("\r\n", "\n", StringComparison.Ordinal).ShouldBe(queued.Single(m => m.Language == "ar").TextBody);
        arabic.HtmlBody.ShouldNotBeNull().ShouldContain("<html lang=\"ar\" dir=\"rtl\">");
        arabic.Body.ShouldNotBeNull().Headers[MimeKit.HeaderId.ContentLanguage].ShouldBe("ar");
        arabic.MessageId.ShouldEndWith($"@{new Uri(Database.Settings.Mail.PublicUrl).Host}");
        var link = $"{Database.Settings.Mail.PublicUrl.TrimEnd('/')}/assessments/{assessment.Id}";
        arabic.HtmlBody.ShouldContain($"<a href=\"{link}\">{link}</a>", customMessage: "a link people can click");
    }

    [Fact]
    public async Task A_review_that_opens_and_closes_on_its_own_tells_its_audience_and_a_task_that_opens_tells_its_owner()
    {
        var assessment = await Database.SendAsync(new CreateAssessment("single-review-deliverable", "Values study", new DateOnly(2030, 1, 7)));
        await PersonAsync("reviewer@example.org", "Registered Reviewer", "es", new RoleScope(Role.Reviewer, assessment.Id, ReviewStepId: "external-review"));
        await PersonAsync("focal.ke@example.org", "Kenya Focal Point", "fr", new RoleScope(Role.NationalFocalPoint, CountryCode: "KE"));
        await PersonAsync("cla@example.org", "Chapter Lead", null, new RoleScope(Role.Author, assessment.Id, AuthorRole.CoordinatingLeadAuthor));
        await PersonAsync("tsu@example.org", "Tsu Member", null, new RoleScope(Role.TsuMember, assessment.Id));
        await PersonAsync("other-reviewer@example.org", "Other Review", null, new RoleScope(Role.Reviewer, assessment.Id, ReviewStepId: "some-other-review"));
        var review = assessment.Steps.Single(s => s.Id == "external-review");
        var dispatcher = Dispatcher(Database.Settings);

        // As a running service would: the survey opens on its day (a jump over its whole window would be history).
        Database.Clock.SetUtcNow(assessment.Steps.Single(s => s.Id == "contributions-survey").OpensAt!.Value);
        await Database.SendAsync(new AdvanceDueSteps());
        await dispatcher.RunOnceAsync(TestContext.Current.CancellationToken);
        Database.Clock.SetUtcNow(assessment.Steps.Single(s => s.Id == "drafting").OpensAt!.Value);
        await Database.SendAsync(new AdvanceDueSteps());
        await dispatcher.RunOnceAsync(TestContext.Current.CancellationToken);
        Database.Clock.SetUtcNow(review.OpensAt!.Value);
        await Database.SendAsync(new AdvanceDueSteps());
        await dispatcher.RunOnceAsync(TestContext.Current.CancellationToken);
        Database.Clock.SetUtcNow(review.ClosesAt!.Value);
        await Database.SendAsync(new AdvanceDueSteps());
        await dispatcher.RunOnceAsync(TestContext.Current.CancellationToken);

        var queued = await Database.QueryAsync(db => db.OutboxMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync());
        // An opening goes to the audience, the TSU and, for a window open to experts, governments or stakeholders, to the
        // focal points and organisations who circulate it (and to whoever asked to be told of reviews).
        queued.Select(m => (m.Kind, m.ToAddress)).ShouldBe([
            ("call-opened", "focal.ke@example.org"),
            ("call-opened", "tsu@example.org"),
            ("task-assigned", "cla@example.org"),
            ("task-overdue", "cla@example.org"),
            ("task-overdue", "tsu@example.org"),
            ("review-opened", "focal.ke@example.org"),
            ("review-opened", "reviewer@example.org"),
            ("review-opened", "tsu@example.org"),
            ("review-closed", "focal.ke@example.org"),
            ("review-closed", "reviewer@example.org"),
            ("task-assigned", "cla@example.org"),
        ]);
        queued[^1].Subject.ShouldBe("For action: Revision considering every comment – Values study", "the revision opens as the review closes");
        queued.Select(m => m.Language).ShouldBe(["fr", "en", "en", "en", "en", "fr", "es", "en", "fr", "es", "en"], "each in the language on the person's record, English without one");
        queued[3].Subject.ShouldBe("Overdue: Drafting by the expert group – Values study", "the drafting was still open when the review began");
        queued[5].Subject.ShouldBe("Examen ouvert : External review – Values study");
        queued[5].TextBody.ShouldContain($"est ouvert du {review.Start:yyyy-MM-dd} au {review.End:yyyy-MM-dd} (23 h 59 UTC)");
        queued[6].Subject.ShouldBe("Examen abierto: External review – Values study");
        var journal = await Database.SendAsync(new GetJournal(assessment.Id));
        journal.Where(j => j.Details?.Contains("; notification queued: ", StringComparison.Ordinal) == true).Select(j => (j.Step, j.Details!.Split(' ')[^1])).ShouldBe([("contributions-survey", "opened"), ("contributions-survey", "closed"), ("drafting", "assigned"), ("drafting", "overdue"), ("external-review", "opened"), ("external-review", "closed"), ("revision", "assigned")]);
        journal.Where(j => j.Action == "notification.unsent").Select(j => (j.Step, j.OldValue)).ShouldBe([("contributions-survey", "closed")], "the survey's close reached nobody, and the journal says so");
        var events = await Database.QueryAsync(db => db.NotificationEvents.AsNoTracking().OrderBy(e => e.Id).Select(e => e.Recipients).ToListAsync());
        events.ShouldBe([2, 0, 1, 2, 3, 2, 1], "the survey's close goes to its audience (experts registered for it, stakeholders), empty here");
    }

    [Fact]
    public async Task The_opening_of_an_external_review_reaches_those_who_asked_to_be_told_and_not_the_others()
    {
        var assessment = await Database.SendAsync(new CreateAssessment("single-review-deliverable", "Announced", new DateOnly(2030, 1, 7), Parameters: new Dictionary<string, string> { ["survey"] = "false" }));
        var follower = await PersonAsync("follower@example.org", "Keen Expert", "es", new RoleScope(Role.MepMember));
        await PersonAsync("quiet@example.org", "Quiet Expert", null, new RoleScope(Role.BureauMember));
        await PersonAsync("org@example.org", "Stakeholder Org", null, new RoleScope(Role.StakeholderOrganisation, Organisation: "IUCN"));
        await Database.SendAsAsync(TestActor.Person(follower, "follower@example.org"), new FollowReviewAnnouncements(true));
        var review = assessment.Steps.Single(s => s.Id == "external-review");

        Database.Clock.SetUtcNow(review.OpensAt!.Value);
        await Database.SendAsync(new AdvanceDueSteps());
        await Dispatcher(Database.Settings).RunOnceAsync(TestContext.Current.CancellationToken);

        var opened = await Database.QueryAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Kind == "review-opened").OrderBy(m => m.ToAddress).Select(m => m.ToAddress).ToListAsync());
        opened.ShouldBe(["follower@example.org", "org@example.org"], "an external review is announced to organisations (to circulate) and to those who asked to be told; the quiet one hears nothing");
    }

    [Fact]
    public async Task A_registration_is_confirmed_to_the_reviewer_and_a_closed_review_sends_its_comments_to_the_authors_and_the_tsu()
    {
        var assessment = await Database.SendAsync(new CreateAssessment("single-review-deliverable", "Reviewed study", new DateOnly(2030, 1, 7)));
        var review = assessment.Steps.Single(s => s.Id == "external-review");
        await Database.SendAsync(new IpbesFlow.Reviews.ConfigureReview(assessment.Id, "external-review", [new("1", "Introduction")]));
        var expertId = await PersonAsync("expert@example.org", "Amina Diallo", "fr", new RoleScope(Role.MepMember));
        await PersonAsync("author@example.org", "Chapter Author", "es", new RoleScope(Role.Author, assessment.Id, AuthorRole.LeadAuthor));
        await PersonAsync("tsu@example.org", "Tsu Member", null, new RoleScope(Role.TsuMember, assessment.Id));
        var expert = TestActor.Person(expertId, "expert@example.org");
        var dispatcher = Dispatcher(Database.Settings);

        Database.Clock.SetUtcNow(review.OpensAt!.Value.AddDays(1));
        await Database.SendAsAsync(expert, new IpbesFlow.Reviews.RegisterForReview(assessment.Id, "external-review", IpbesFlow.Reviews.ReviewerType.Expert, ["1"], AcceptTerms: true, CountryCode: "SN"));
        await Database.SendAsAsync(expert, new IpbesFlow.Reviews.SubmitComments(assessment.Id, "external-review", [new("1", 2, 3, null, null, "Préciser la source.")]));
        await dispatcher.RunOnceAsync(TestContext.Current.CancellationToken);
        Database.Clock.SetUtcNow(review.ClosesAt!.Value);
        await Database.SendAsync(new AdvanceDueSteps());
        await dispatcher.RunOnceAsync(TestContext.Current.CancellationToken);

        var queued = await Database.QueryAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Kind != "task-assigned" && m.Kind != "task-overdue").OrderBy(m => m.Id).ToListAsync());
        // The timer's first run here is at the review's close: its opening (and the survey's whole window, and the drafting
        // due weeks before) is history by then, journaled as caught up and told to nobody; its close is news.
        queued.Select(m => (m.Kind, m.ToAddress, m.Language)).ShouldBe([
            ("registration-confirmed", "expert@example.org", "fr"),
            ("review-closed", "expert@example.org", "fr"),
            ("review-comments-ready", "author@example.org", "es"),
            ("review-comments-ready", "tsu@example.org", "en"),
        ]);
        queued[0].Subject.ShouldBe("Inscription confirmée : External review – Reviewed study");
        queued[2].Subject.ShouldBe("Comentarios por responder: External review – Reviewed study");
        var journal = await Database.SendAsync(new GetJournal(assessment.Id));
        journal.Where(j => j.Details?.EndsWith("caught up: nobody told", StringComparison.Ordinal) == true).Select(j => (j.Step, j.Action))
            .ShouldBe([("contributions-survey", "step.opened"), ("contributions-survey", "step.closed"), ("drafting", "step.opened"), ("drafting", "step.overdue"), ("external-review", "step.opened")],
                "the drafting was due weeks before: not news either");
    }

    [Fact]
    public async Task Events_that_cannot_become_messages_are_marked_failed_with_why_and_hold_up_nothing_else()
    {
        var assessment = await Database.SendAsync(new CreateAssessment("single-review-deliverable", "Broken events", new DateOnly(2030, 1, 7)));
        await PersonAsync("tsu@example.org", "Tsu Member", null, new RoleScope(Role.TsuMember, assessment.Id));
        // More broken events than a dispatcher round takes (a payload that is not JSON, as a bad data fix would leave),
        // and then one good event behind them.
        await Database.QueryAsync(async db =>
        {
            db.NotificationEvents.AddRange(Enumerable.Range(0, 250).Select(_ => NotificationEvent.Queue(assessment.Id, IpbesFlow.Assessments.Events.ScheduleChanged.Event, "drafting", new { }, "test", Database.Clock.GetUtcNow())));
            await db.SaveChangesAsync();
            return await db.Database.ExecuteSqlRawAsync("UPDATE notification_events SET payload_json = 'not json'");
        });
        var drafting = assessment.Steps.Single(s => s.Id == "drafting");
        await Database.SendAsync(new RescheduleStep(assessment.Id, "drafting", null, drafting.End.AddDays(7), "late"));

        var dispatcher = Dispatcher(Database.Settings);
        await dispatcher.RunOnceAsync(TestContext.Current.CancellationToken);
        await dispatcher.RunOnceAsync(TestContext.Current.CancellationToken);

        (await Database.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.Kind == "schedule-changed"))).ShouldBe(1, "the good event behind the broken ones became its message");
        (await Database.QueryAsync(db => db.NotificationEvents.CountAsync(e => e.DispatchedAt == null))).ShouldBe(0, "none is left to be taken again and again");
        var listed = await Database.SendAsync(new ListNotifications(assessment.Id, DeliveryStatus.Failed, 1000));
        listed.Count.ShouldBe(250);
        listed.ShouldAllBe(n => n.Id == null && n.EventId != null && n.To == null && n.LastError!.StartsWith("Not turned into messages: JsonException", StringComparison.Ordinal));

        await Database.SendAsync(new RedispatchNotification(listed[0].EventId!.Value));
        (await Database.QueryAsync(db => db.NotificationEvents.CountAsync(e => e.DispatchedAt == null))).ShouldBe(1, "sent back to the dispatcher once its cause is fixed");
        await Should.ThrowAsync<IpbesFlow.Common.ConflictException>(() => Database.SendAsync(new RedispatchNotification(listed[0].EventId!.Value)));
    }

    [Fact]
    public async Task A_review_not_set_up_is_announced_to_its_TSU_14_and_3_days_before_it_opens_and_no_more_once_set_up()
    {
        var assessment = await Database.SendAsync(new CreateAssessment("single-review-deliverable", "Unprepared", new DateOnly(2030, 1, 7)));
        var prepared = await Database.SendAsync(new CreateAssessment("single-review-deliverable", "Prepared", new DateOnly(2030, 1, 7)));
        await PersonAsync("tsu@example.org", "Claire Martin", "fr", new RoleScope(Role.TsuMember, assessment.Id));
        await PersonAsync("tsu.prepared@example.org", "Prepared Tsu", null, new RoleScope(Role.TsuMember, prepared.Id));
        await Database.SendAsync(new IpbesFlow.Reviews.ConfigureReview(prepared.Id, "external-review", [new("1", "Introduction")]));
        await Database.SendAsync(new IpbesFlow.Reviews.AttachDraft(prepared.Id, "external-review", "draft.pdf", "application/pdf", [1]));
        var opens = assessment.Steps.Single(s => s.Id == "external-review").OpensAt!.Value;
        var dispatcher = Dispatcher(Database.Settings);

        async Task<List<OutboxMessage>> NoticesAt(DateTimeOffset now)
        {
            Database.Clock.SetUtcNow(now);
            await Database.SendAsync(new AdvanceDueSteps());
            while (await dispatcher.RunOnceAsync(TestContext.Current.CancellationToken) > 0)
            {
            }

            return await Database.QueryAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Kind == IpbesFlow.Notifications.Recipes.SetUpDueRecipe.Template).OrderBy(m => m.Id).ToListAsync());
        }

        (await NoticesAt(opens.AddDays(-15))).ShouldBeEmpty();
        var first = await NoticesAt(opens.AddDays(-14));
        var second = await NoticesAt(opens.AddDays(-3).AddHours(6));
        var third = await NoticesAt(opens.AddDays(-1));

        first.Select(m => (m.ToAddress, m.Language)).ShouldBe([("tsu@example.org", "fr")], "the prepared review's TSU hears nothing");
        first[0].Subject.ShouldBe("À préparer avant l'ouverture : External review – Unprepared");
        first[0].TextBody.ShouldContain("dans 14 jours");
        second.Count.ShouldBe(2);
        second[1].TextBody.ShouldContain("dans 3 jours", customMessage: "the whole days left: it opens in 2 days and 18 hours");
        third.Count.ShouldBe(2, "two notices, no more");
        var journal = await Database.SendAsync(new GetJournal(assessment.Id));
        journal.Count(j => j.Action == "step.setup-notice").ShouldBe(2);

        Database.Clock.SetUtcNow(opens.AddHours(1));
        await Database.SendAsync(new AdvanceDueSteps());
        var reviewer = await Database.SendAsync(new CreateUser("late.reviewer@example.org", "Late Reviewer"));
        var refused = await Should.ThrowAsync<IpbesFlow.Common.ConflictException>(() => Database.SendAsAsync(TestActor.For(reviewer),
            new IpbesFlow.Reviews.RegisterForReview(assessment.Id, "external-review", IpbesFlow.Reviews.ReviewerType.Expert, ["1"], AcceptTerms: true, CountryCode: "KE")));
        refused.Message.ShouldBe($"Review 'External review' opened on {opens:yyyy-MM-dd} but its TSU has not set it up yet (the chapters under review and the drafts); its TSU has been told. Registration and comments open once it is set up.");
    }

    [Fact]
    public async Task A_completed_approval_announces_itself_to_its_owner_and_the_assessments_team()
    {
        var assessment = await Database.SendAsync(new CreateAssessment("single-review-deliverable", "Approved study", new DateOnly(2030, 1, 7)));
        await PersonAsync("mep@example.org", "Mep Member", "ru", new RoleScope(Role.MepMember));
        await PersonAsync("author@example.org", "Chapter Author", null, new RoleScope(Role.Author, assessment.Id, AuthorRole.CoordinatingLeadAuthor));
        await PersonAsync("editor@example.org", "Review Editor", null, new RoleScope(Role.Author, assessment.Id, AuthorRole.ReviewEditor));
        await PersonAsync("tsu@example.org", "Tsu Member", null, new RoleScope(Role.TsuMember, assessment.Id));
        await PersonAsync("focal.ke@example.org", "Kenya Focal Point", null, new RoleScope(Role.NationalFocalPoint, CountryCode: "KE"));

        await Database.SendAsync(new ActOnStep(assessment.Id, "mep-approval", StepAction.Start, "the MEP met early"));
        await Database.SendAsync(new ActOnStep(assessment.Id, "mep-approval", StepAction.Complete, "approved by the MEP with the Bureau"));
        await Dispatcher(Database.Settings).RunOnceAsync(TestContext.Current.CancellationToken);

        var queued = await Database.QueryAsync(db => db.OutboxMessages.AsNoTracking().OrderBy(m => m.ToAddress).ToListAsync());
        queued.Select(m => (m.Kind, m.ToAddress)).ShouldBe([
            ("plenary-approved", "author@example.org"),
            ("plenary-approved", "editor@example.org"),
            ("plenary-approved", "mep@example.org"),
            ("plenary-approved", "tsu@example.org"),
        ]);
        queued[0].Subject.ShouldBe("Approved: Approved study");
        (await Database.SendAsync(new GetJournal(assessment.Id))).Single(j => j.Action == "step.complete").Details.ShouldBe("approved by the MEP with the Bureau; notification queued: completed");
    }

    [Fact]
    public async Task An_open_review_reminds_its_audience_before_it_closes()
    {
        var assessment = await Database.SendAsync(new CreateAssessment("single-review-deliverable", "Reminded study", new DateOnly(2030, 1, 7)));
        await PersonAsync("focal.br@example.org", "Brazil Focal Point", "ru", new RoleScope(Role.NationalFocalPoint, CountryCode: "BR"));
        var review = assessment.Steps.Single(s => s.Id == "external-review");
        var dispatcher = Dispatcher(Database.Settings);
        Database.Clock.SetUtcNow(review.OpensAt!.Value);
        await Database.SendAsync(new AdvanceDueSteps());
        await dispatcher.RunOnceAsync(TestContext.Current.CancellationToken);

        Database.Clock.SetUtcNow(review.ClosesAt!.Value.AddDays(-14));
        (await Database.SendAsync(new AdvanceDueSteps())).Transitions.ShouldBe(1);
        (await Database.SendAsync(new AdvanceDueSteps())).Transitions.ShouldBe(0, "a reminder goes once");
        await dispatcher.RunOnceAsync(TestContext.Current.CancellationToken);

        var reminder = (await Database.QueryAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Kind == "review-closing-soon").ToListAsync())).ShouldHaveSingleItem();
        (reminder.ToAddress, reminder.Language).ShouldBe(("focal.br@example.org", "ru"));
        reminder.Subject.ShouldBe("Осталось дней: 14 – External review – Reminded study");
        reminder.TextBody.ShouldContain($"закрывается {review.End:yyyy-MM-dd} в 23:59 UTC; осталось дней: 14");
    }

    [Fact]
    public async Task A_meeting_invitation_its_change_and_its_cancellation_carry_one_UID_with_a_rising_SEQUENCE()
    {
        var assessment = await Database.SendAsync(new CreateAssessment("thematic-assessment", "Nexus assessment", new DateOnly(2030, 1, 7), new DateOnly(2033, 6, 1)));
        await PersonAsync("la@example.org", "Lead Author", "fr", new RoleScope(Role.Author, assessment.Id, AuthorRole.LeadAuthor));
        await PersonAsync("mep@example.org", "Mep Member", null, new RoleScope(Role.MepMember));
        var meeting = assessment.Steps.Single(s => s.Id == "first-author-meeting");
        var dispatcher = Dispatcher(Database.Settings);

        var invited = await Database.SendAsync(new ActOnStep(assessment.Id, "first-author-meeting", StepAction.Invite));
        var again = await Should.ThrowAsync<Common.ConflictException>(() => Database.SendAsync(new ActOnStep(assessment.Id, "first-author-meeting", StepAction.Invite)));
        await dispatcher.RunOnceAsync(TestContext.Current.CancellationToken);
        await Database.SendAsync(new RescheduleStep(assessment.Id, "first-author-meeting", meeting.Start.AddDays(7), meeting.End.AddDays(7), "venue not free"));
        await dispatcher.RunOnceAsync(TestContext.Current.CancellationToken);
        await Database.SendAsync(new ActOnStep(assessment.Id, "first-author-meeting", StepAction.Cancel, "held online with the second meeting instead"));
        await dispatcher.RunOnceAsync(TestContext.Current.CancellationToken);

        invited.ShouldSatisfyAllConditions(s => s.State.ShouldBe(StepState.Scheduled), s => again.Message.ShouldContain("has had its invitation sent (sequence 0)"));
        var queued = await Database.QueryAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.CalendarIcs != null).OrderBy(m => m.Id).ToListAsync());
        queued.Select(m => (m.Kind, m.ToAddress)).ShouldBe([
            ("meeting-invitation", "la@example.org"), ("meeting-invitation", "mep@example.org"),
            ("meeting-changed", "la@example.org"), ("meeting-changed", "mep@example.org"),
            ("meeting-cancelled", "la@example.org"), ("meeting-cancelled", "mep@example.org"),
        ]);
        var calendars = queued.Where(m => m.ToAddress == "la@example.org").Select(m => Ical.Net.Calendar.Load(m.CalendarIcs!)!).ToList();
        calendars.Select(c => c.Method).ShouldBe(["REQUEST", "REQUEST", "CANCEL"]);
        calendars.Select(c => c.Events.Single().Uid).Distinct().ShouldHaveSingleItem().ShouldBe($"{assessment.Id:N}.first-author-meeting@localhost");
        calendars.Select(c => c.Events.Single().Sequence).ShouldBe([0, 1, 2]);
        var first = calendars[0].Events.Single();
        (first.DtStart!.Year, first.DtStart.Month, first.DtStart.Day, first.DtStart.HasTime).ShouldBe((meeting.Start.Year, meeting.Start.Month, meeting.Start.Day, false));
        var moved = calendars[1].Events.Single().DtStart!;
        new DateOnly(moved.Year, moved.Month, moved.Day).ShouldBe(meeting.Start.AddDays(7));
        calendars[2].Events.Single().Status.ShouldBe("CANCELLED");
        // What strict clients check (RFC 5545/5546): one PRODID (ours), the ORGANIZER, this person as the ATTENDEE with
        // RSVP asked, and where: each once, in each message.
        foreach (var message in queued)
        {
            var lines = message.CalendarIcs!.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            foreach (var property in new[] { "PRODID", "ORGANIZER", "ATTENDEE", "LOCATION", "UID", "SEQUENCE", "DTSTAMP", "METHOD" })
            {
                lines.Count(l => l.StartsWith(property + ":", StringComparison.Ordinal) || l.StartsWith(property + ";", StringComparison.Ordinal)).ShouldBe(1, $"{property} in {message.Kind} to {message.ToAddress}");
            }

            var parsed = Ical.Net.Calendar.Load(message.CalendarIcs!)!;
            parsed.ProductId.ShouldBe("-//IPBES//IpbesFlow//EN");
            var invitation = parsed.Events.Single();
            invitation.Attendees.Single().Value.ShouldBe(new Uri($"mailto:{message.ToAddress}"));
            invitation.Attendees.Single().Rsvp.ShouldBe(message.Kind != "meeting-cancelled");
            invitation.Organizer!.Value.ShouldBe(new Uri($"mailto:{MimeKit.MailboxAddress.Parse(Database.Settings.Mail.From).Address}"), "the service's own address, as mail comes from it");
            invitation.Location.ShouldNotBeNullOrWhiteSpace();
        }
        queued[0].TextBody.ShouldContain("en un lieu que l'unité d'appui technique annoncera", customMessage: "no blank where the definition names no place");
        (await Database.SendAsync(new GetAssessment(assessment.Id))).Steps.Single(s => s.Id == "first-author-meeting").State.ShouldBe(StepState.Cancelled);
    }

    [Fact]
    public async Task Moving_to_a_version_that_moves_an_invited_meeting_sends_its_participants_the_changed_invitation()
    {
        // Version 2 of the thematic workflow holds the first author meeting two weeks later.
        var workflows = Directory.CreateTempSubdirectory("ipbesflow-versions-").FullName;
        try
        {
            foreach (var template in Directory.EnumerateFiles(Path.Combine(RepositoryPaths.WorkflowsDirectory, "templates"), "*", SearchOption.AllDirectories))
            {
                var copy = Path.Combine(workflows, Path.GetRelativePath(RepositoryPaths.WorkflowsDirectory, template));
                Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                File.Copy(template, copy);
            }

            var v1 = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.WorkflowsDirectory, "thematic-assessment.yaml"), TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(Path.Combine(workflows, "thematic-assessment.yaml"), v1, TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(Path.Combine(workflows, "thematic-assessment.v2.yaml"), v1.Replace("\nversion: 1\n", "\nversion: 2\n", StringComparison.Ordinal).Replace("lag: 12w", "lag: 14w", StringComparison.Ordinal), TestContext.Current.CancellationToken);
            await using var services = DatabaseFixture.BuildServices(Database.Settings with { WorkflowsDirectory = workflows }, Database.Clock);
            var assessment = await Database.SendAsync(new CreateAssessment("thematic-assessment", "Versioned assessment", new DateOnly(2030, 1, 7), new DateOnly(2033, 6, 1)));
            await PersonAsync("la@example.org", "Lead Author", "en", new RoleScope(Role.Author, assessment.Id, AuthorRole.LeadAuthor));
            var meeting = assessment.Steps.Single(s => s.Id == "first-author-meeting");
            var dispatcher = new NotificationDispatcher(services.GetRequiredService<IServiceScopeFactory>(), Templates, services.GetRequiredService<IpbesFlow.Workflows.IWorkflowCatalog>(), Database.Settings, Database.Clock, NullLogger<NotificationDispatcher>.Instance);

            await Database.SendAsync(new ActOnStep(assessment.Id, "first-author-meeting", StepAction.Invite));
            await dispatcher.RunOnceAsync(TestContext.Current.CancellationToken);
            await using (var scope = services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<Mediator.ISender>().Send(new MoveToVersion(assessment.Id, 2), TestContext.Current.CancellationToken);
            }

            await dispatcher.RunOnceAsync(TestContext.Current.CancellationToken);

            var sent = await Database.QueryAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.CalendarIcs != null && m.ToAddress == "la@example.org").OrderBy(m => m.Id).ToListAsync());
            sent.Select(m => m.Kind).ShouldBe(["meeting-invitation", "meeting-changed"]);
            var changed = Ical.Net.Calendar.Load(sent[1].CalendarIcs!)!.Events.Single();
            changed.Sequence.ShouldBe(1);
            new DateOnly(changed.DtStart!.Year, changed.DtStart.Month, changed.DtStart.Day).ShouldBe(meeting.Start.AddDays(14));
            changed.Uid.ShouldBe($"{assessment.Id:N}.first-author-meeting@localhost", "the same meeting, updated in people's calendars");
        }
        finally
        {
            Directory.Delete(workflows, recursive: true);
        }
    }
}

[Collection(nameof(SqliteCollection))]
public sealed class NotificationDispatchTests_on_Sqlite(SqliteDatabase database) : NotificationDispatchTests<SqliteDatabase>(database);

[Collection(nameof(PostgresCollection))]
public sealed class NotificationDispatchTests_on_Postgres(PostgresDatabase database) : NotificationDispatchTests<PostgresDatabase>(database);
