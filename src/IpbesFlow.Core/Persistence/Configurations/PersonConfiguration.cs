using IpbesFlow.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpbesFlow.Persistence.Configurations;

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> builder)
    {
        builder.ToTable("people");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.FullName).HasMaxLength(Person.MaxNameLength).IsRequired();
        builder.Property(p => p.Email).HasMaxLength(Person.MaxEmailLength).IsRequired();
        builder.Property(p => p.NormalizedEmail).HasMaxLength(Person.MaxEmailLength).IsRequired();
        builder.HasIndex(p => p.NormalizedEmail).IsUnique();
        builder.Property(p => p.PreferredLanguage).HasMaxLength(2).IsUnicode(false).IsRequired();
        builder.Property(p => p.CountryCode).HasMaxLength(2).IsUnicode(false);
        builder.Property(p => p.Organisation).HasMaxLength(Person.MaxOrganisationLength);
    }
}
