using IpbesFlow.Common;
using IpbesFlow.IntegrationTests.Fixtures;
using IpbesFlow.People;
using Microsoft.EntityFrameworkCore;
using Shouldly;

namespace IpbesFlow.IntegrationTests.People;

public abstract class RegisterPersonTests<TDatabase>(TDatabase database) : DatabaseTest<TDatabase>(database)
    where TDatabase : DatabaseFixture
{
    [Theory]
    [InlineData("ar", "ليلى عبد الله", "المنظمة العربية للتنمية الزراعية")]
    [InlineData("zh", "王小明", "中国科学院")]
    [InlineData("en", "Ann O'Neill", "Natural History Museum")]
    [InlineData("fr", "Élodie Lefèvre-Dupré", "Muséum national d'Histoire naturelle")]
    [InlineData("ru", "Анна Кузнецова", "Российская академия наук")]
    [InlineData("es", "José Núñez Peña", "Universidad de Córdoba")]
    public async Task Registered_person_is_stored_exactly_in_every_UN_language(string language, string name, string organisation)
    {
        var registered = await Database.SendAsync(new RegisterPerson($"  {name} ", $"expert.{language}@example.org", language, "ke", organisation));

        var stored = await Database.QueryAsync(db => db.People.AsNoTracking().SingleAsync(p => p.Id == registered.Id));
        stored.FullName.ShouldBe(name);
        stored.Organisation.ShouldBe(organisation);
        stored.PreferredLanguage.ShouldBe(language);
        stored.CountryCode.ShouldBe("KE");
        stored.RegisteredAt.ShouldBe(Database.Clock.GetUtcNow());
        (await Database.SendAsync(new GetPerson(registered.Id))).ShouldBe(registered);
    }

    [Fact]
    public async Task Same_email_in_another_case_is_a_conflict_and_stores_nothing_more()
    {
        await Database.SendAsync(new RegisterPerson("Ann Smith", "ann.smith@example.org", "en"));

        var conflict = await Should.ThrowAsync<ConflictException>(() => Database.SendAsync(new RegisterPerson("Ann Smith (2)", "  ANN.Smith@Example.org", "fr")));

        conflict.Field.ShouldBe("email");
        conflict.Message.ShouldContain("already registered");
        (await Database.QueryAsync(db => db.People.CountAsync())).ShouldBe(1);
    }

    [Fact]
    public async Task Invalid_person_names_every_bad_field_and_stores_nothing()
    {
        var refused = await Should.ThrowAsync<ValidationFailedException>(() =>
            Database.SendAsync(new RegisterPerson("", "not-an-email", "de", "Kenya", new string('x', Person.MaxOrganisationLength + 1))));

        refused.Errors.Select(e => e.Field).Distinct().Order(StringComparer.Ordinal)
            .ShouldBe(["countryCode", "email", "fullName", "organisation", "preferredLanguage"]);
        refused.Errors.Single(e => e.Field == "preferredLanguage").Message.ShouldContain("ar, zh, en, fr, ru, es");
        (await Database.QueryAsync(db => db.People.CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task Two_simultaneous_registrations_of_one_email_store_one_person()
    {
        var attempts = Enumerable.Range(0, 2)
            .Select(i => Task.Run(async () =>
            {
                try
                {
                    await Database.SendAsync(new RegisterPerson($"Racer {i}", "race@example.org", "en"));
                    return true;
                }
                catch (Exception e) when (e is ConflictException || IpbesFlow.Persistence.DatabaseErrors.IsUniqueViolation(e) || IsBusy(e))
                {
                    return false;
                }
            }))
            .ToList();

        var outcomes = await Task.WhenAll(attempts);

        outcomes.Count(won => won).ShouldBeGreaterThanOrEqualTo(1);
        (await Database.QueryAsync(db => db.People.CountAsync(p => p.NormalizedEmail == "RACE@EXAMPLE.ORG"))).ShouldBe(1);
    }

    [Fact]
    public async Task Listing_finds_people_by_name_email_or_organisation_in_name_order()
    {
        await Database.SendAsync(new RegisterPerson("Zhang Wei", "zhang@example.cn", "zh", "CN", "Peking University"));
        await Database.SendAsync(new RegisterPerson("Amina Diallo", "amina@example.sn", "fr", "SN", "IRD Dakar"));
        await Database.SendAsync(new RegisterPerson("Pedro Alves", "pedro@example.br", "es", "BR", "Universidade de São Paulo"));

        (await Database.SendAsync(new ListPeople())).Select(p => p.FullName).ShouldBe(["Amina Diallo", "Pedro Alves", "Zhang Wei"]);
        (await Database.SendAsync(new ListPeople("Dakar"))).Single().FullName.ShouldBe("Amina Diallo");
        (await Database.SendAsync(new ListPeople("PEDRO@"))).Single().FullName.ShouldBe("Pedro Alves");
        (await Database.SendAsync(new ListPeople(Skip: 1, Take: 1))).Single().FullName.ShouldBe("Pedro Alves");
    }

    // SQLite allows one writer: a racing writer may be told the database is busy instead of seeing the unique index.
    private static bool IsBusy(Exception e) => e.GetBaseException() is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 };
}

[Collection(nameof(SqliteCollection))]
public sealed class RegisterPersonTests_on_Sqlite(SqliteDatabase database) : RegisterPersonTests<SqliteDatabase>(database);

[Collection(nameof(PostgresCollection))]
public sealed class RegisterPersonTests_on_Postgres(PostgresDatabase database) : RegisterPersonTests<PostgresDatabase>(database);
