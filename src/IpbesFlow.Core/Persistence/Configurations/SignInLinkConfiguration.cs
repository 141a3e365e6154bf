using IpbesFlow.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpbesFlow.Persistence.Configurations;

internal sealed class SignInLinkConfiguration : IEntityTypeConfiguration<SignInLink>
{
    public void Configure(EntityTypeBuilder<SignInLink> builder)
    {
        builder.ToTable("sign_in_links");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Hash).HasMaxLength(64).IsUnicode(false).IsRequired();
        builder.HasIndex(l => l.Hash).IsUnique();
        builder.Property(l => l.AddressHash).HasMaxLength(64).IsUnicode(false).IsRequired();
        builder.HasIndex(l => new { l.AddressHash, l.CreatedAt });
        builder.HasIndex(l => l.ExpiresAt);
        builder.HasOne<UserAccount>().WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
