using IpbesFlow.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpbesFlow.Persistence.Configurations;

internal sealed class EarlierResponseConfiguration : IEntityTypeConfiguration<EarlierResponse>
{
    public void Configure(EntityTypeBuilder<EarlierResponse> builder)
    {
        builder.ToTable("earlier_responses");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(30);
        builder.Property(r => r.Text).HasMaxLength(ReviewComment.MaxResponseLength).IsRequired();
        builder.Property(r => r.RespondedBy).HasMaxLength(256).IsRequired();
        builder.HasIndex(r => r.CommentId);
        builder.HasOne<ReviewComment>().WithMany().HasForeignKey(r => r.CommentId).OnDelete(DeleteBehavior.Restrict);
    }
}
