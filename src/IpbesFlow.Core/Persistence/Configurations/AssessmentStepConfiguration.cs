using IpbesFlow.Assessments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpbesFlow.Persistence.Configurations;

internal sealed class AssessmentStepConfiguration : IEntityTypeConfiguration<AssessmentStep>
{
    public void Configure(EntityTypeBuilder<AssessmentStep> builder)
    {
        builder.ToTable("assessment_steps");
        builder.HasKey(s => new { s.AssessmentId, s.StepId });
        builder.Property(s => s.StepId).HasMaxLength(100);
        builder.Property(s => s.Kind).HasConversion<StepKindConverter>().HasMaxLength(20).IsRequired();
        builder.Property(s => s.Title).HasMaxLength(300).IsRequired();
        builder.Property(s => s.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.Owner).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.ChangedBy).HasMaxLength(256);
        builder.Property(s => s.ReminderDays).HasMaxLength(100);
        builder.Property(s => s.DecisionReference).HasMaxLength(PlenaryDecision.MaxReferenceLength);
        builder.Property(s => s.AdvanceError).HasMaxLength(AssessmentStep.MaxAdvanceErrorLength);
        builder.Ignore(s => s.IsPlenaryApproval);
        builder.Property(s => s.Revision).IsConcurrencyToken();
        // The timer path asks "what is due now": one range of one index. Steps with nothing left to do (most of them,
        // over an assessment's years) are not in it, and a transition updates this index and no other besides the key.
        builder.HasIndex(s => s.DueAt).HasFilter("due_at IS NOT NULL");
        // The readiness check asks which steps are failing: almost always none, so the index is almost always empty.
        builder.HasIndex(s => s.AdvanceFailures).HasFilter("advance_failures > 0");
    }
}
