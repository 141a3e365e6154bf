using IpbesFlow.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpbesFlow.Persistence.Configurations;

internal sealed class ReviewCommentConfiguration : IEntityTypeConfiguration<ReviewComment>
{
    public void Configure(EntityTypeBuilder<ReviewComment> builder)
    {
        builder.ToTable("review_comments");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.StepId).HasMaxLength(100).IsRequired();
        builder.Property(c => c.Chapter).HasMaxLength(ReviewChapter.MaxCodeLength).IsRequired();
        builder.Property(c => c.Text).HasMaxLength(ReviewRound.LongestCommentLimit).IsRequired();
        builder.Property(c => c.ReviewerType).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.ReviewerName).HasMaxLength(300).IsRequired();
        builder.Property(c => c.ReviewerCountry).HasMaxLength(2);
        builder.Property(c => c.ReviewerOrganisation).HasMaxLength(300);
        builder.Property(c => c.SubmittedBy).HasMaxLength(256).IsRequired();
        builder.Property(c => c.ResponseStatus).HasConversion<string>().HasMaxLength(30);
        builder.Property(c => c.ResponseText).HasMaxLength(ReviewComment.MaxResponseLength);
        builder.Property(c => c.RespondedBy).HasMaxLength(256);
        builder.Property(c => c.ErratumReason).HasMaxLength(ReviewComment.MaxErratumReasonLength);
        builder.Property(c => c.ErratumBy).HasMaxLength(256);
        builder.Ignore(c => c.IsAnswered);
        builder.HasIndex(c => new { c.RoundId, c.Number }).IsUnique();
        // The published order, and the authors' view of one chapter.
        builder.HasIndex(c => new { c.RoundId, c.Chapter, c.FromPage, c.FromLine });
        builder.HasIndex(c => c.RegistrationId);
        // The task lists and the close notification ask per assessment and review, chapter by chapter.
        builder.HasIndex(c => new { c.AssessmentId, c.StepId, c.Chapter });
        builder.HasOne<ReviewRound>().WithMany().HasForeignKey(c => c.RoundId).OnDelete(DeleteBehavior.Cascade);
    }
}
