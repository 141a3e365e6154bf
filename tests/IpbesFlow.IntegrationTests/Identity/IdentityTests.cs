using IpbesFlow.Common;
using IpbesFlow.Identity;
using IpbesFlow.IntegrationTests.Fixtures;
using IpbesFlow.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace IpbesFlow.IntegrationTests.Identity;

public abstract class IdentityTests<TDatabase>(TDatabase database) : DatabaseTest<TDatabase>(database)
    where TDatabase : DatabaseFixture
{
    [Fact]
    public async Task A_sign_in_link_works_once_within_24_hours()
    {
        var user = await Database.SendAsync(new CreateUser("reviewer@example.org", "Rev Iewer"));
        var secret = await Database.SendAsync(new IssueSignInLink(user.Id));

        Database.Clock.Advance(TimeSpan.FromHours(23));
        (await Database.SendAsync(new RedeemSignInLink(secret))).ShouldBe(user.Id);
        var reused = await Should.ThrowAsync<SignInRefusedException>(() => Database.SendAsync(new RedeemSignInLink(secret)));

        reused.Message.ShouldBe("This sign-in link was already used. Request a new one.");
    }

    [Fact]
    public async Task Of_two_requests_racing_with_one_link_exactly_one_signs_in()
    {
        for (var round = 0; round < 5; round++)
        {
            var user = await Database.SendAsync(new CreateUser($"racer{round}@example.org", "Link Racer"));
            var secret = await Database.SendAsync(new IssueSignInLink(user.Id));

            var outcomes = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
            {
                try
                {
                    return (await Database.SendAsync(new RedeemSignInLink(secret))).ToString();
                }
                catch (SignInRefusedException e)
                {
                    return e.Message;
                }
            }));

            outcomes.ShouldBe([user.Id.ToString(), "This sign-in link was already used. Request a new one."], ignoreOrder: true);
        }
    }

    [Fact]
    public async Task A_link_request_does_the_same_work_with_or_without_an_account_and_mails_only_to_an_account()
    {
        var user = await Database.SendAsync(new CreateUser("known@example.org", "Known Person"));

        var known = await Database.SendAsync(new RequestSignInLink(" Known@Example.org "));
        var unknown = await Database.SendAsync(new RequestSignInLink("unknown@example.org"));

        known.ShouldNotBeNull().UserId.ShouldBe(user.Id);
        unknown.ShouldBeNull("nothing to mail");
        var links = await Database.QueryAsync(db => db.SignInLinks.AsNoTracking().ToListAsync());
        links.Count.ShouldBe(2, "a link is recorded either way (the unknown address's for no one): the same work, the same time");
        links.Single(l => l.UserId is null).AddressHash.ShouldBe(SignInLink.HashOf("unknown@example.org"));
        await Should.ThrowAsync<SignInRefusedException>(() => Database.SendAsync(new RedeemSignInLink(known!.Secret + "x")));
        (await Database.SendAsync(new RedeemSignInLink(known!.Secret))).ShouldBe(user.Id);
    }

    [Fact]
    public async Task An_expired_sign_in_link_is_refused()
    {
        var user = await Database.SendAsync(new CreateUser("late@example.org", "Late Reviewer"));
        var secret = await Database.SendAsync(new IssueSignInLink(user.Id));

        Database.Clock.Advance(TimeSpan.FromHours(24));
        var expired = await Should.ThrowAsync<SignInRefusedException>(() => Database.SendAsync(new RedeemSignInLink(secret)));

        expired.Message.ShouldBe("This sign-in link has expired (links last 24 hours). Request a new one.");
    }

    [Fact]
    public async Task An_unknown_sign_in_link_is_refused()
    {
        var refused = await Should.ThrowAsync<SignInRefusedException>(() => Database.SendAsync(new RedeemSignInLink("ipbl_made-up")));

        refused.Message.ShouldBe("This sign-in link is not valid. Request a new one.");
    }

    [Fact]
    public async Task Secrets_are_stored_only_as_hashes()
    {
        var user = await Database.SendAsync(new CreateUser("hash@example.org", "Hash Check", "correct horse battery staple"));
        var link = await Database.SendAsync(new IssueSignInLink(user.Id));

        var stored = await Database.QueryAsync(async db => new
        {
            Password = await db.Users.Where(u => u.Id == user.Id).Select(u => u.PasswordHash).SingleAsync(),
            Link = await db.SignInLinks.Where(l => l.UserId == user.Id).Select(l => l.Hash).SingleAsync(),
        });

        stored.Password.ShouldNotBeNull().ShouldNotContain("correct horse");
        stored.Link.ShouldBe(SecretHash.Of(link));
        stored.Link.ShouldNotContain(link);
    }

    [Theory]
    [InlineData(Role.TsuMember, "assessmentId")]
    [InlineData(Role.Reviewer, "assessmentId")]
    [InlineData(Role.NationalFocalPoint, "countryCode")]
    [InlineData(Role.StakeholderOrganisation, "organisation")]
    public async Task A_role_without_its_scope_is_refused_and_nothing_is_stored(Role role, string field)
    {
        var user = await Database.SendAsync(new CreateUser($"{role}@example.org", "Scope Check"));

        var refused = await Should.ThrowAsync<ValidationFailedException>(() => Database.SendAsync(new GrantRole(user.Id, new RoleScope(role))));

        refused.Errors.Select(e => e.Field).ShouldContain(field);
        (await Database.QueryAsync(db => db.RoleAssignments.CountAsync(r => r.UserId == user.Id))).ShouldBe(0);
    }

    [Fact]
    public async Task Administrative_actions_are_audited_and_the_log_cannot_be_changed()
    {
        var user = await Database.SendAsync(new CreateUser("author@example.org", "An Author"));
        var assessment = Guid.CreateVersion7();
        await Database.SendAsync(new GrantRole(user.Id, new RoleScope(Role.Author, assessment, AuthorRole.LeadAuthor)));

        var log = await Database.SendAsync(new ListAuditEntries());

        log.Select(e => (e.Action, e.Target, e.Details)).ShouldBe(
        [
            ("role.granted", "author@example.org", $"author:{assessment}:lead-author"),
            ("user.created", "author@example.org", null),
        ]);
        log.ShouldAllBe(e => e.Actor.StartsWith("cli:", StringComparison.Ordinal));

        await using var scope = Database.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IpbesFlowDbContext>();
        var entry = await db.AuditEntries.FirstAsync(TestContext.Current.CancellationToken);
        db.AuditEntries.Remove(entry);
        (await Should.ThrowAsync<InvalidOperationException>(() => db.SaveChangesAsync(TestContext.Current.CancellationToken))).Message.ShouldContain("append-only");
    }

    [Fact]
    public async Task Someone_creates_their_own_account_confirmed_by_the_mailed_link_and_an_address_that_has_one_is_sent_a_link_alike()
    {
        var link = await Database.SendAsync(new RegisterAccount("  Amina.Odhiambo@example.org ", "Amina Odhiambo", "ke", "fr", ReviewAnnouncements: true));

        link.ShouldNotBeNull();
        link.Language.ShouldBe("fr", "the link is mailed in the language the person chose");
        var account = await Database.QueryAsync(db => db.Users.SingleAsync(u => u.Email == "Amina.Odhiambo@example.org"));
        account.EmailConfirmed.ShouldBeFalse("until the link comes back");
        account.ReviewAnnouncements.ShouldBeTrue();
        account.PasswordHash.ShouldBeNull("the mailed link is how this account signs in");
        var person = await Database.QueryAsync(db => db.People.SingleAsync(p => p.NormalizedEmail == "AMINA.ODHIAMBO@EXAMPLE.ORG"));
        (person.FullName, person.CountryCode, person.PreferredLanguage).ShouldBe(("Amina Odhiambo", "KE", "fr"));

        (await Database.SendAsync(new RedeemSignInLink(link.Secret))).ShouldBe(account.Id);
        (await Database.QueryAsync(db => db.Users.SingleAsync(u => u.Id == account.Id))).EmailConfirmed.ShouldBeTrue();

        // Again, for an address that has an account: the same kind of answer (a link to mail), and no second account.
        var again = await Database.SendAsync(new RegisterAccount("amina.odhiambo@example.org", "Someone Else", null, "en"));
        again.ShouldNotBeNull();
        again.UserId.ShouldBe(account.Id);
        (await Database.QueryAsync(db => db.Users.CountAsync(u => u.NormalizedEmail == "AMINA.ODHIAMBO@EXAMPLE.ORG"))).ShouldBe(1);
        (await Database.QueryAsync(db => db.People.SingleAsync(p => p.Id == person.Id))).FullName.ShouldBe("Amina Odhiambo", "a stranger cannot rename someone by registering their address");
    }

    [Fact]
    public async Task An_account_asked_for_with_bad_values_or_past_the_address_limit_is_refused_and_nothing_is_kept()
    {
        var refused = await Should.ThrowAsync<ValidationFailedException>(() => Database.SendAsync(new RegisterAccount("not an address", "", "Kenya", "sw")));
        refused.Errors.Select(e => e.Field).ShouldBe(["email", "fullName", "countryCode", "language"], ignoreOrder: true);

        var limits = Database.Services.GetRequiredService<SignInLinkLimits>();
        for (var i = 0; i < limits.PerAddressPerHour; i++)
        {
            await Database.SendAsync(new RequestSignInLink("busy@example.org"));
        }

        await Should.ThrowAsync<TooManyRequestsException>(() => Database.SendAsync(new RegisterAccount("busy@example.org", "Busy Person", null, "en")));
        (await Database.QueryAsync(db => db.Users.AnyAsync(u => u.NormalizedEmail == "BUSY@EXAMPLE.ORG"))).ShouldBeFalse("the account is not made when its link cannot be sent");
        (await Database.QueryAsync(db => db.People.AnyAsync(p => p.NormalizedEmail == "BUSY@EXAMPLE.ORG"))).ShouldBeFalse();
    }

    [Fact]
    public async Task A_person_chooses_the_language_of_their_mail_and_sets_then_changes_their_password()
    {
        var user = await Database.SendAsync(new CreateUser("focal.point@example.org", "Focal Point"));
        var actor = TestActor.For(user);

        await Database.SendAsAsync(actor, new ChooseLanguage("es"));
        (await Database.QueryAsync(db => db.People.SingleAsync(p => p.NormalizedEmail == "FOCAL.POINT@EXAMPLE.ORG"))).PreferredLanguage.ShouldBe("es", "a record is made for an account that had none");
        await Database.SendAsAsync(actor, new ChooseLanguage("ar"));
        (await Database.QueryAsync(db => db.People.SingleAsync(p => p.NormalizedEmail == "FOCAL.POINT@EXAMPLE.ORG"))).PreferredLanguage.ShouldBe("ar");
        (await Should.ThrowAsync<ValidationFailedException>(() => Database.SendAsAsync(actor, new ChooseLanguage("sw")))).Errors.Single().Field.ShouldBe("language");

        await Database.SendAsAsync(actor, new SetPassword(null, "a first password 2026"));
        var stamp = (await Database.QueryAsync(db => db.Users.SingleAsync(u => u.Id == user.Id))).SecurityStamp;
        var wrong = await Should.ThrowAsync<ValidationFailedException>(() => Database.SendAsAsync(actor, new SetPassword("not it", "a second password 2026")));
        wrong.Errors.Single().Field.ShouldBe("current");
        await Database.SendAsAsync(actor, new SetPassword("a first password 2026", "a second password 2026"));
        (await Database.QueryAsync(db => db.Users.SingleAsync(u => u.Id == user.Id))).SecurityStamp.ShouldNotBe(stamp, "the person's other sessions end");
    }
}

[Collection(nameof(SqliteCollection))]
public sealed class IdentityTests_on_Sqlite(SqliteDatabase database) : IdentityTests<SqliteDatabase>(database);

[Collection(nameof(PostgresCollection))]
public sealed class IdentityTests_on_Postgres(PostgresDatabase database) : IdentityTests<PostgresDatabase>(database);
