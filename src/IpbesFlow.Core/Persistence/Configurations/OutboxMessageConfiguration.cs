using IpbesFlow.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpbesFlow.Persistence.Configurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox_messages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Kind).HasMaxLength(60).IsRequired();
        builder.Property(m => m.ToAddress).HasMaxLength(256).IsRequired();
        builder.Property(m => m.ToName).HasMaxLength(300);
        builder.Property(m => m.Language).HasMaxLength(5).IsRequired();
        builder.Property(m => m.Subject).HasMaxLength(500).IsRequired();
        builder.Property(m => m.TextBody).IsRequired();
        builder.Property(m => m.MessageId).HasMaxLength(200).IsRequired();
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.LastError).HasMaxLength(1000);
        builder.Property(m => m.ClaimedBy).HasMaxLength(200);
        builder.HasIndex(m => m.MessageId).IsUnique();
        // The worker takes what is due, oldest first, in the order of this index: with the id in it, a claim reads just
        // its batch even when thousands of messages were queued at the same instant (PostgreSQL sorted them all, each
        // claim, without it). It holds only pending messages: the sent ones, which pile up over an assessment's years,
        // never enter it, so recording a message as sent writes one index entry fewer and the index stays the size of
        // the backlog. (The worker's claim names the same status, as a literal, so both databases use it.)
        builder.HasIndex(m => new { m.NextAttemptAt, m.Id }, "ix_outbox_messages_pending").HasFilter($"status = '{nameof(DeliveryStatus.Pending)}'");
        builder.HasIndex(m => m.AssessmentId);
    }
}
