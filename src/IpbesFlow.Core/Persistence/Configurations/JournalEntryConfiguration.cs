using IpbesFlow.Assessments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpbesFlow.Persistence.Configurations;

internal sealed class JournalEntryConfiguration : IEntityTypeConfiguration<JournalEntry>
{
    public void Configure(EntityTypeBuilder<JournalEntry> builder)
    {
        builder.ToTable("journal_entries");
        builder.HasKey(j => j.Id);
        builder.Property(j => j.Actor).HasMaxLength(256).IsRequired();
        builder.Property(j => j.Action).HasMaxLength(60).IsRequired();
        builder.Property(j => j.StepId).HasMaxLength(100);
        builder.Property(j => j.OldValue).HasMaxLength(JournalEntry.MaxValueLength);
        builder.Property(j => j.NewValue).HasMaxLength(JournalEntry.MaxValueLength);
        builder.Property(j => j.Details).HasMaxLength(JournalEntry.MaxDetailsLength);
        builder.HasIndex(j => new { j.AssessmentId, j.Id });
        builder.HasOne<Assessment>().WithMany().HasForeignKey(j => j.AssessmentId).OnDelete(DeleteBehavior.Restrict);
    }
}
