using IpbesFlow.People;
using Shouldly;

namespace IpbesFlow.Tests.People;

public sealed class PersonTests
{
    private static readonly DateTimeOffset Now = new(2021, 1, 20, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Registration_trims_and_normalizes()
    {
        var person = Person.Register(Guid.NewGuid(), "  Ana Pérez ", " Ana.Perez@Example.org ", "es", " mx ", " UNAM ", Now);

        person.FullName.ShouldBe("Ana Pérez");
        person.Email.ShouldBe("Ana.Perez@Example.org");
        person.NormalizedEmail.ShouldBe("ANA.PEREZ@EXAMPLE.ORG");
        person.CountryCode.ShouldBe("MX");
        person.Organisation.ShouldBe("UNAM");
        person.RegisteredAt.ShouldBe(Now);
    }

    [Fact]
    public void A_language_outside_the_six_is_refused_by_the_domain_itself() =>
        Should.Throw<ArgumentException>(() => Person.Register(Guid.NewGuid(), "A", "a@example.org", "de", null, null, Now));

    [Fact]
    public void The_six_UN_languages_are_supported()
    {
        UnLanguages.All.ShouldBe(["ar", "zh", "en", "fr", "ru", "es"]);
        UnLanguages.IsSupported("pt").ShouldBeFalse();
        UnLanguages.IsSupported(null).ShouldBeFalse();
    }
}
