using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpbesFlow.Identity;

/// <summary>A single-use link mailed to an expert who only reviews: valid for 24 hours, good for one sign-in.</summary>
public sealed class SignInLink
{
    public const string SecretPrefix = "ipbl_";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    private SignInLink()
    {
    }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    public string Hash { get; private set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? UsedAt { get; private set; }

    public static (SignInLink Link, string Secret) Issue(Guid userId, DateTimeOffset now)
    {
        var secret = SecretHash.NewSecret(SecretPrefix);
        return (new SignInLink { Id = Guid.CreateVersion7(now), UserId = userId, Hash = SecretHash.Of(secret), CreatedAt = now, ExpiresAt = now + Lifetime }, secret);
    }

    /// <summary>Uses the link up, or says why it cannot be used.</summary>
    public string? Redeem(DateTimeOffset now)
    {
        if (UsedAt is not null)
        {
            return "This sign-in link was already used. Request a new one.";
        }

        if (now >= ExpiresAt)
        {
            return "This sign-in link has expired (links last 24 hours). Request a new one.";
        }

        UsedAt = now;
        return null;
    }
}

internal sealed class SignInLinkConfiguration : IEntityTypeConfiguration<SignInLink>
{
    public void Configure(EntityTypeBuilder<SignInLink> builder)
    {
        builder.ToTable("sign_in_links");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Hash).HasMaxLength(64).IsUnicode(false).IsRequired();
        builder.HasIndex(l => l.Hash).IsUnique();
        builder.HasOne<UserAccount>().WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
