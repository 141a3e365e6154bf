using IpbesFlow.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpbesFlow.Persistence.Configurations;

internal sealed class CommentUploadConfiguration : IEntityTypeConfiguration<CommentUpload>
{
    public void Configure(EntityTypeBuilder<CommentUpload> builder)
    {
        builder.ToTable("comment_uploads");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.SubmitterKey).HasMaxLength(400).IsRequired();
        builder.Property(u => u.Sha256).HasMaxLength(64).IsRequired();
        builder.Property(u => u.FileName).HasMaxLength(260).IsRequired();
        builder.Property(u => u.UploadedBy).HasMaxLength(256).IsRequired();
        builder.HasIndex(u => new { u.RoundId, u.SubmitterKey, u.Sha256 }).IsUnique();
        builder.HasOne<ReviewRound>().WithMany().HasForeignKey(u => u.RoundId).OnDelete(DeleteBehavior.Cascade);
    }
}
