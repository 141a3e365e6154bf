using IpbesFlow.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpbesFlow.Persistence.Configurations;

internal sealed class ReviewRoundConfiguration : IEntityTypeConfiguration<ReviewRound>
{
    public void Configure(EntityTypeBuilder<ReviewRound> builder)
    {
        builder.ToTable("review_rounds");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.StepId).HasMaxLength(100).IsRequired();
        builder.Property(r => r.Terms).HasMaxLength(4000).IsRequired();
        builder.Property(r => r.ConfiguredBy).HasMaxLength(256).IsRequired();
        builder.HasIndex(r => new { r.AssessmentId, r.StepId }).IsUnique();
        builder.HasOne<Assessments.Assessment>().WithMany().HasForeignKey(r => r.AssessmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Chapters).WithOne().HasForeignKey(c => c.RoundId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Chapters).HasField("chapters").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
