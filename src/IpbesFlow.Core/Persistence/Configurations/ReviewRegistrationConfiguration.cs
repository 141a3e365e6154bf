using IpbesFlow.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpbesFlow.Persistence.Configurations;

internal sealed class ReviewRegistrationConfiguration : IEntityTypeConfiguration<ReviewRegistration>
{
    public void Configure(EntityTypeBuilder<ReviewRegistration> builder)
    {
        builder.ToTable("review_registrations");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.StepId).HasMaxLength(100).IsRequired();
        builder.Property(r => r.ReviewerType).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.ReviewerKey).HasMaxLength(400).IsRequired();
        builder.Property(r => r.ReviewerName).HasMaxLength(300).IsRequired();
        builder.Property(r => r.CountryCode).HasMaxLength(2);
        builder.Property(r => r.Organisation).HasMaxLength(300);
        builder.Property(r => r.Chapters).HasMaxLength(2000).IsRequired();
        builder.Ignore(r => r.ChapterCodes);
        // Two sign-ups of one government (or one expert) at the same moment still give one registration.
        builder.HasIndex(r => new { r.RoundId, r.ReviewerKey }).IsUnique();
        builder.HasIndex(r => r.RegisteredBy);
        builder.HasOne<ReviewRound>().WithMany().HasForeignKey(r => r.RoundId).OnDelete(DeleteBehavior.Cascade);
    }
}
