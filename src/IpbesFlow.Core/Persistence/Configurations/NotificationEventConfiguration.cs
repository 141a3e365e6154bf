using IpbesFlow.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpbesFlow.Persistence.Configurations;

internal sealed class NotificationEventConfiguration : IEntityTypeConfiguration<NotificationEvent>
{
    public void Configure(EntityTypeBuilder<NotificationEvent> builder)
    {
        builder.ToTable("notification_events");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Event).HasMaxLength(60).IsRequired();
        builder.Property(n => n.StepId).HasMaxLength(100);
        builder.Property(n => n.PayloadJson).IsRequired();
        builder.Property(n => n.QueuedBy).HasMaxLength(256).IsRequired();
        builder.Property(n => n.Error).HasMaxLength(NotificationEvent.MaxErrorLength);
        builder.HasIndex(n => n.FailedAt).HasFilter("failed_at IS NOT NULL");
        // The dispatcher takes the oldest waiting events first.
        builder.HasIndex(n => new { n.DispatchedAt, n.Id });
        builder.HasOne<Assessments.Assessment>().WithMany().HasForeignKey(n => n.AssessmentId).OnDelete(DeleteBehavior.Restrict);
    }
}
