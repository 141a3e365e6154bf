using IpbesFlow.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpbesFlow.Persistence.Configurations;

internal sealed class ReviewDraftConfiguration : IEntityTypeConfiguration<ReviewDraft>
{
    public void Configure(EntityTypeBuilder<ReviewDraft> builder)
    {
        builder.ToTable("review_drafts");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.FileName).HasMaxLength(ReviewDraft.MaxFileNameLength).IsRequired();
        builder.Property(d => d.ContentType).HasMaxLength(200).IsRequired();
        builder.Property(d => d.Sha256).HasMaxLength(64).IsRequired();
        builder.Property(d => d.UploadedBy).HasMaxLength(256).IsRequired();
        builder.HasIndex(d => d.RoundId);
        builder.HasOne<ReviewRound>().WithMany().HasForeignKey(d => d.RoundId).OnDelete(DeleteBehavior.Cascade);
    }
}
