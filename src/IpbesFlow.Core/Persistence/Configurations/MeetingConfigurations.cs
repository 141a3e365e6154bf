using IpbesFlow.Assessments;
using IpbesFlow.Meetings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpbesFlow.Persistence.Configurations;

internal sealed class MeetingVenueConfiguration : IEntityTypeConfiguration<MeetingVenue>
{
    public void Configure(EntityTypeBuilder<MeetingVenue> builder)
    {
        builder.ToTable("meeting_venues");
        builder.HasKey(v => new { v.AssessmentId, v.StepId });
        builder.Property(v => v.StepId).HasMaxLength(100);
        builder.Property(v => v.Mode).HasConversion<string>().HasMaxLength(20);
        builder.Property(v => v.City).HasMaxLength(MeetingVenue.MaxTextLength);
        builder.Property(v => v.CountryCode).HasMaxLength(2);
        builder.Property(v => v.Address).HasMaxLength(MeetingVenue.MaxTextLength);
        builder.Property(v => v.Host).HasMaxLength(MeetingVenue.MaxTextLength);
        builder.Property(v => v.OnlineLink).HasMaxLength(1000);
        builder.Property(v => v.TimeZone).HasMaxLength(64).IsRequired();
        builder.Property(v => v.ChangedBy).HasMaxLength(300).IsRequired();
        builder.Ignore(v => v.Location);
        builder.HasOne<Assessment>().WithMany().HasForeignKey(v => v.AssessmentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MeetingParticipantConfiguration : IEntityTypeConfiguration<MeetingParticipant>
{
    public void Configure(EntityTypeBuilder<MeetingParticipant> builder)
    {
        builder.ToTable("meeting_participants");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.StepId).HasMaxLength(100).IsRequired();
        builder.Property(p => p.Name).HasMaxLength(People.Person.MaxNameLength).IsRequired();
        builder.Property(p => p.Email).HasMaxLength(People.Person.MaxEmailLength).IsRequired();
        builder.Property(p => p.CountryCode).HasMaxLength(2);
        builder.Property(p => p.Reply).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.TravelSupport).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.TravelNote).HasMaxLength(1000);
        builder.Property(p => p.TravelDecidedBy).HasMaxLength(300);
        // One row per person and meeting, even when the TSU and the audience add them at once.
        builder.HasIndex(p => new { p.AssessmentId, p.StepId, p.UserId }).IsUnique();
        builder.HasIndex(p => p.UserId);
        builder.HasOne<MeetingVenue>().WithMany().HasForeignKey(p => new { p.AssessmentId, p.StepId }).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MeetingDocumentConfiguration : IEntityTypeConfiguration<MeetingDocument>
{
    public void Configure(EntityTypeBuilder<MeetingDocument> builder)
    {
        builder.ToTable("meeting_documents");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.StepId).HasMaxLength(100).IsRequired();
        builder.Property(d => d.FileName).HasMaxLength(Reviews.ReviewDraft.MaxFileNameLength).IsRequired();
        builder.Property(d => d.ContentType).HasMaxLength(100).IsRequired();
        builder.Property(d => d.Sha256).HasMaxLength(64).IsRequired();
        builder.Property(d => d.UploadedBy).HasMaxLength(300).IsRequired();
        builder.HasIndex(d => new { d.AssessmentId, d.StepId });
        builder.HasOne<MeetingVenue>().WithMany().HasForeignKey(d => new { d.AssessmentId, d.StepId }).OnDelete(DeleteBehavior.Cascade);
    }
}
