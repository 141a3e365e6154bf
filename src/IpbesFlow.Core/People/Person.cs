namespace IpbesFlow.People;

/// <summary>Someone the secretariat deals with: an expert, a reviewer, a national focal point, a TSU member.
/// Not every person has an account; notifications, nominations and comments all point at a person.</summary>
public sealed class Person
{
    public const int MaxNameLength = 200;
    public const int MaxEmailLength = 254;
    public const int MaxOrganisationLength = 300;

    private Person(Guid id, string fullName, string email, string preferredLanguage, string? countryCode, string? organisation, DateTimeOffset registeredAt)
    {
        Id = id;
        FullName = fullName;
        Email = email;
        NormalizedEmail = NormalizeEmail(email);
        PreferredLanguage = preferredLanguage;
        CountryCode = countryCode;
        Organisation = organisation;
        RegisteredAt = registeredAt;
    }

    public Guid Id { get; private set; }

    public string FullName { get; private set; }

    public string Email { get; private set; }

    /// <summary>Upper-case invariant form of <see cref="Email"/>: unique, so one address is one person.</summary>
    public string NormalizedEmail { get; private set; }

    /// <summary>ISO 639-1 code, one of <see cref="UnLanguages.All"/>.</summary>
    public string PreferredLanguage { get; private set; }

    /// <summary>ISO 3166-1 alpha-2, upper case.</summary>
    public string? CountryCode { get; private set; }

    public string? Organisation { get; private set; }

    public DateTimeOffset RegisteredAt { get; private set; }

    public static Person Register(Guid id, string fullName, string email, string preferredLanguage, string? countryCode, string? organisation, DateTimeOffset now)
    {
        if (!UnLanguages.IsSupported(preferredLanguage))
        {
            throw new ArgumentException($"'{preferredLanguage}' is not one of the six UN languages.", nameof(preferredLanguage));
        }

        return new Person(id, fullName.Trim(), email.Trim(), preferredLanguage, countryCode?.Trim().ToUpperInvariant(), organisation?.Trim(), now);
    }

    /// <summary>The person's UN language, for their mail and pages.</summary>
    public void ChooseLanguage(string language) =>
        PreferredLanguage = UnLanguages.IsSupported(language) ? language : throw new ArgumentException($"'{language}' is not a UN language.", nameof(language));

    public static string NormalizeEmail(string email) => email.Trim().ToUpperInvariant();
}
