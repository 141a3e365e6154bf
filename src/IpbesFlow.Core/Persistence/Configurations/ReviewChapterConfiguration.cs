using IpbesFlow.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpbesFlow.Persistence.Configurations;

internal sealed class ReviewChapterConfiguration : IEntityTypeConfiguration<ReviewChapter>
{
    public void Configure(EntityTypeBuilder<ReviewChapter> builder)
    {
        builder.ToTable("review_chapters");
        builder.HasKey(c => new { c.RoundId, c.Code });
        builder.Property(c => c.Code).HasMaxLength(ReviewChapter.MaxCodeLength);
        builder.Property(c => c.Title).HasMaxLength(300).IsRequired();
        builder.Property(c => c.SignedOffBy).HasMaxLength(256);
        builder.Property(c => c.Version).IsConcurrencyToken();
    }
}
