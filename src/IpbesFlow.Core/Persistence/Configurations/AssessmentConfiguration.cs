using IpbesFlow.Assessments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpbesFlow.Persistence.Configurations;

internal sealed class AssessmentConfiguration : IEntityTypeConfiguration<Assessment>
{
    public void Configure(EntityTypeBuilder<Assessment> builder)
    {
        builder.ToTable("assessments");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Title).HasMaxLength(300).IsRequired();
        builder.Property(a => a.WorkflowId).HasMaxLength(100).IsRequired();
        builder.Property(a => a.ParametersJson).HasMaxLength(4000).IsRequired();
        builder.Property(a => a.TimeZone).HasMaxLength(WindowTimeZone.MaxLength).IsRequired().HasDefaultValue(WindowTimeZone.Default);
        builder.Ignore(a => a.Zone);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.Ignore(a => a.Parameters);
        builder.Ignore(a => a.DomainEvents);
        builder.HasMany(a => a.Steps).WithOne().HasForeignKey(s => s.AssessmentId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.Steps).HasField("steps").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
