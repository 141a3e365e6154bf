using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpbesFlow.Assessments;

/// <summary>What happened to an assessment, who did it and when, with old and new values. Append-only, like the audit
/// log: the DbContext refuses to change or delete an entry.</summary>
public sealed class JournalEntry
{
    private JournalEntry()
    {
    }

    public long Id { get; private set; }

    public Guid AssessmentId { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string Actor { get; private set; } = string.Empty;

    public string Action { get; private set; } = string.Empty;

    public string? StepId { get; private set; }

    public string? OldValue { get; private set; }

    public string? NewValue { get; private set; }

    public string? Details { get; private set; }

    /// <summary>The same entry, not yet stored, with more said in its details (e.g. the notification it queued).</summary>
    public JournalEntry With(string more) => Record(AssessmentId, Actor, Action, StepId, OldValue, NewValue, Details is null ? more : $"{Details}; {more}", At);

    public static JournalEntry Record(Guid assessmentId, string actor, string action, string? stepId, string? oldValue, string? newValue, string? details, DateTimeOffset now) => new()
    {
        AssessmentId = assessmentId,
        At = now,
        Actor = actor,
        Action = action,
        StepId = stepId,
        OldValue = oldValue,
        NewValue = newValue,
        Details = details,
    };
}

internal sealed class JournalEntryConfiguration : IEntityTypeConfiguration<JournalEntry>
{
    public void Configure(EntityTypeBuilder<JournalEntry> builder)
    {
        builder.ToTable("journal_entries");
        builder.HasKey(j => j.Id);
        builder.Property(j => j.Actor).HasMaxLength(256).IsRequired();
        builder.Property(j => j.Action).HasMaxLength(60).IsRequired();
        builder.Property(j => j.StepId).HasMaxLength(100);
        builder.Property(j => j.OldValue).HasMaxLength(500);
        builder.Property(j => j.NewValue).HasMaxLength(500);
        builder.Property(j => j.Details).HasMaxLength(2000);
        builder.HasIndex(j => new { j.AssessmentId, j.Id });
        builder.HasOne<Assessment>().WithMany().HasForeignKey(j => j.AssessmentId).OnDelete(DeleteBehavior.Restrict);
    }
}
