using IpbesFlow.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpbesFlow.Persistence.Configurations;

internal sealed class RoleAssignmentConfiguration : IEntityTypeConfiguration<RoleAssignment>
{
    public void Configure(EntityTypeBuilder<RoleAssignment> builder)
    {
        builder.ToTable("role_assignments");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Role).HasConversion<string>().HasMaxLength(40);
        builder.Property(r => r.AuthorRole).HasConversion<string>().HasMaxLength(40);
        builder.Property(r => r.ReviewStepId).HasMaxLength(100);
        builder.Property(r => r.CountryCode).HasMaxLength(2);
        builder.Property(r => r.Organisation).HasMaxLength(300);
        builder.Property(r => r.Chapter).HasMaxLength(Reviews.ReviewChapter.MaxCodeLength);
        builder.HasIndex(r => r.UserId);
        builder.HasOne<UserAccount>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
