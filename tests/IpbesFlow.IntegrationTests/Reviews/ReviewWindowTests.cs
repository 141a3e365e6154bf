using IpbesFlow.Assessments;
using IpbesFlow.Common;
using IpbesFlow.Identity;
using IpbesFlow.IntegrationTests.Fixtures;
using IpbesFlow.Reviews;
using Microsoft.EntityFrameworkCore;
using Shouldly;

namespace IpbesFlow.IntegrationTests.Reviews;

/// <summary>A review window's edges as the people in it meet them, on both databases: at midnight where the assessment
/// says (Nairobi here), closed now by the secretariat in an emergency, and shortened by the TSU without losing its
/// "closing soon" mail.</summary>
public abstract class ReviewWindowTests<TDatabase>(TDatabase database) : DatabaseTest<TDatabase>(database)
    where TDatabase : DatabaseFixture
{
    private ReviewWorld World => new(Database);

    private Task<List<IpbesFlow.Notifications.OutboxMessage>> MailAsync(string kind) =>
        Database.QueryAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Kind == kind).OrderBy(m => m.ToAddress).ToListAsync());

    private async Task AdvanceAndDispatchAsync()
    {
        await Database.SendAsync(new AdvanceDueSteps());
        while (await Database.Dispatcher().RunOnceAsync(TestContext.Current.CancellationToken) > 0)
        {
        }
    }

    [Fact]
    public async Task A_review_given_in_Nairobi_takes_comments_until_midnight_there_and_says_so_in_its_refusals_and_mail()
    {
        var assessment = await Database.SendAsync(new CreateAssessment("single-review-deliverable", "Nairobi study", new DateOnly(2020, 1, 6), TimeZone: "Africa/Nairobi"));
        await Database.SendAsync(new ConfigureReview(assessment.Id, ReviewWorld.Step, ReviewWorld.Chapters));
        var review = ReviewWorld.Review(assessment);
        var lastDay = review.End;
        var midnightInNairobi = new DateTimeOffset(lastDay.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(3)).ToUniversalTime();
        World.During(assessment);
        await AdvanceAndDispatchAsync();
        var expert = await World.ExpertAsync(assessment);

        Database.Clock.SetUtcNow(midnightInNairobi.AddDays(-3));
        await AdvanceAndDispatchAsync();
        Database.Clock.SetUtcNow(midnightInNairobi.AddSeconds(-1));
        var last = await Database.SendAsAsync(expert, new SubmitComments(assessment.Id, ReviewWorld.Step, [ReviewWorld.Comment(text: "Sent at 23:59:59 in Nairobi.")]));
        Database.Clock.SetUtcNow(midnightInNairobi);
        var refused = await Should.ThrowAsync<ConflictException>(() => Database.SendAsAsync(expert, new SubmitComments(assessment.Id, ReviewWorld.Step, [ReviewWorld.Comment(text: "Too late.")])));
        var view = await Database.SendAsAsync(expert, new GetReview(assessment.Id, ReviewWorld.Step));

        (assessment.TimeZone, review.ClosesAt, review.OpensAt!.Value.Hour).ShouldBe(("Africa/Nairobi", midnightInNairobi, 21), "the window opens at 00:00 in Nairobi, 21:00 UTC the day before");
        last.Accepted.ShouldBe(1);
        refused.Message.ShouldBe($"Review external-review closed at {lastDay:yyyy-MM-dd}T21:00:00Z ({lastDay.AddDays(1):yyyy-MM-dd} 00:00 Africa/Nairobi); comments are no longer taken.");
        (view.TimeZone, view.End, view.ClosesAt).ShouldBe(("Africa/Nairobi", lastDay, midnightInNairobi));
        var reminder = (await MailAsync("review-closing-soon")).Single();
        reminder.Subject.ShouldBe("3 days left: External review – Nairobi study");
        reminder.TextBody.ShouldContain($"closes on {lastDay:yyyy-MM-dd} at 23:59 Africa/Nairobi, in 3 days.");
    }

    [Fact]
    public async Task The_secretariat_closes_an_open_review_now_saying_why_and_its_reviewers_and_authors_hear_it()
    {
        var assessment = await World.AssessmentAsync("Closed early");
        World.During(assessment);
        Database.Clock.Advance(TimeSpan.FromHours(10));
        await AdvanceAndDispatchAsync();
        var expert = await World.ExpertAsync(assessment);
        var tsu = await World.PersonAsync("tsu@example.org", new RoleScope(Role.TsuMember, assessment.Id));
        await Database.SendAsAsync(expert, new SubmitComments(assessment.Id, ReviewWorld.Step, [ReviewWorld.Comment()]));
        var today = DateOnly.FromDateTime(Database.Clock.GetUtcNow().UtcDateTime);

        var byTsu = await Should.ThrowAsync<ForbiddenException>(() => Database.SendAsAsync(tsu, new ActOnStep(assessment.Id, ReviewWorld.Step, StepAction.Close, "leaked")));
        var withoutReason = await Should.ThrowAsync<ValidationFailedException>(() => Database.SendAsync(new ActOnStep(assessment.Id, ReviewWorld.Step, StepAction.Close)));
        var closed = await Database.SendAsync(new ActOnStep(assessment.Id, ReviewWorld.Step, StepAction.Close, "The draft leaked; the review restarts on a new draft."));
        var late = await Should.ThrowAsync<ConflictException>(() => Database.SendAsAsync(expert, new SubmitComments(assessment.Id, ReviewWorld.Step, [ReviewWorld.Comment(text: "After the close.")])));
        await AdvanceAndDispatchAsync();

        byTsu.Message.ShouldBe("You may not close 'external-review' now: only the secretariat closes a window before its close, saying why.");
        withoutReason.Errors.Single().ShouldSatisfyAllConditions(e => e.Field.ShouldBe("note"), e => e.Message.ShouldBe("Say why the window is to close now."));
        (closed.State, closed.ClosesAt, closed.EndedAt, closed.End).ShouldBe((StepState.Closed, Database.Clock.GetUtcNow(), Database.Clock.GetUtcNow(), today));
        late.Message.ShouldBe($"Review external-review closed at {Database.Clock.GetUtcNow():yyyy-MM-dd'T'HH:mm:ss}Z; comments are no longer taken.");
        var journal = await Database.SendAsync(new GetJournal(assessment.Id));
        journal.Single(j => j.Action == "step.close").ShouldSatisfyAllConditions(
            j => (j.OldValue, j.NewValue, j.Actor).ShouldBe(("open", "closed", TestActor.Operator.Name)),
            j => j.Details.ShouldBe("The draft leaked; the review restarts on a new draft.; notification queued: closed"));
        journal.ShouldNotContain(j => j.Action == "step.closed" && j.Step == ReviewWorld.Step, "the timer finds it closed already");
        var closedMail = (await MailAsync("review-closed")).Single(m => m.ToAddress == "expert@example.org");
        closedMail.TextBody.ShouldContain($"closed on {today:yyyy-MM-dd}.");
        closedMail.TextBody.ShouldContain("It closed before its planned end: The draft leaked; the review restarts on a new draft.");
        (await MailAsync("review-comments-ready")).Select(m => m.ToAddress).ShouldContain("tsu@example.org", "the comments are ready to answer, as at a close by the clock");
    }

    [Fact]
    public async Task A_review_shortened_to_today_sends_its_closing_soon_mail_once_with_the_time_really_left()
    {
        var assessment = await World.AssessmentAsync("Shortened");
        World.During(assessment);
        Database.Clock.Advance(TimeSpan.FromHours(9));
        await AdvanceAndDispatchAsync();
        var expert = await World.ExpertAsync(assessment);
        var today = DateOnly.FromDateTime(Database.Clock.GetUtcNow().UtcDateTime);

        await Database.SendAsync(new RescheduleStep(assessment.Id, ReviewWorld.Step, null, today, "the Plenary was brought forward"));
        await AdvanceAndDispatchAsync();
        Database.Clock.Advance(TimeSpan.FromHours(1));
        await AdvanceAndDispatchAsync();

        var reminders = await MailAsync("review-closing-soon");
        reminders.Select(m => m.ToAddress).ShouldBe(["expert@example.org"], "one mail, not none (both reminders fell behind) and not two");
        reminders[0].Subject.ShouldBe("1 day left: External review – Shortened");
        reminders[0].TextBody.ShouldContain($"closes on {today:yyyy-MM-dd} at 23:59 UTC, in 1 day.");
        var journal = await Database.SendAsync(new GetJournal(assessment.Id));
        journal.Where(j => j.Action == "step.reminder").Select(j => j.NewValue).ShouldBe(["3 days before the close"]);
    }

    [Fact]
    public async Task The_TSU_gives_the_windows_in_another_time_zone_journaled_and_an_open_review_takes_its_new_close()
    {
        var assessment = await World.AssessmentAsync("Moved to Bonn");
        World.During(assessment);
        await Database.SendAsync(new AdvanceDueSteps());
        var tsu = await World.PersonAsync("tsu@example.org", new RoleScope(Role.TsuMember, assessment.Id));
        var otherTsu = await World.PersonAsync("tsu-b@example.org", new RoleScope(Role.TsuMember, (await World.AssessmentAsync("Other")).Id));
        var review = ReviewWorld.Review(assessment);

        var forbidden = await Should.ThrowAsync<ForbiddenException>(() => Database.SendAsAsync(otherTsu, new ChangeTimeZone(assessment.Id, "Europe/Berlin", "we work from Bonn")));
        var unknown = await Should.ThrowAsync<ValidationFailedException>(() => Database.SendAsAsync(tsu, new ChangeTimeZone(assessment.Id, "Europe/Bonn", "we work from Bonn")));
        var changed = await Database.SendAsAsync(tsu, new ChangeTimeZone(assessment.Id, "Europe/Berlin", "we work from Bonn"));

        forbidden.Message.ShouldBe("Only the assessment's TSU and the secretariat change the time zone of its windows.");
        unknown.Errors.Single().ShouldSatisfyAllConditions(e => e.Field.ShouldBe("timeZone"), e => e.Message.ShouldBe("'Europe/Bonn' is not a time zone; give an IANA name such as Europe/Berlin or Africa/Nairobi."));
        changed.TimeZone.ShouldBe("Europe/Berlin");
        var moved = ReviewWorld.Review(changed);
        (moved.OpensAt, moved.End).ShouldBe((review.OpensAt, review.End), "it opened when it opened, and its last day is the same");
        moved.ClosesAt.ShouldBe(WindowTimeZone.StartOf(review.End.AddDays(1), TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")), "midnight in Berlin");
        moved.ClosesAt!.Value.ShouldBeLessThan(review.ClosesAt!.Value);
        var journal = await Database.SendAsync(new GetJournal(assessment.Id));
        journal.Single(j => j.Action == "assessment.time-zone").ShouldSatisfyAllConditions(j => (j.OldValue, j.NewValue, j.Details, j.Actor).ShouldBe(("UTC", "Europe/Berlin", "we work from Bonn", "tsu@example.org")));
        (await Database.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == "assessment.time-zone"))).ShouldBe(1);
    }
}

[Collection(nameof(SqliteCollection))]
public sealed class ReviewWindowTests_on_Sqlite(SqliteDatabase database) : ReviewWindowTests<SqliteDatabase>(database);

[Collection(nameof(PostgresCollection))]
public sealed class ReviewWindowTests_on_Postgres(PostgresDatabase database) : ReviewWindowTests<PostgresDatabase>(database);
