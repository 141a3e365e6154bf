namespace IpbesFlow.People;

public sealed record PersonView(Guid Id, string FullName, string Email, string PreferredLanguage, string? CountryCode, string? Organisation, DateTimeOffset RegisteredAt)
{
    public static PersonView From(Person p) => new(p.Id, p.FullName, p.Email, p.PreferredLanguage, p.CountryCode, p.Organisation, p.RegisteredAt);
}
