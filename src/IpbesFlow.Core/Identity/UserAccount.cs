using Microsoft.AspNetCore.Identity;

namespace IpbesFlow.Identity;

/// <summary>Someone who can sign in: with a password, a single-use email link, or a personal API token.
/// What they may do comes from their <see cref="RoleAssignment"/>s, most of them scoped to one assessment.</summary>
public sealed class UserAccount : IdentityUser<Guid>
{
    public string FullName { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set when an admin disabled the account: nothing signs it in, and its sessions and tokens stop working at
    /// their next request. (A lockout after failed passwords only stops password sign-in for a while.)</summary>
    public DateTimeOffset? DisabledAt { get; set; }

    public bool IsDisabled => DisabledAt is not null;

    /// <summary>The person asked to be told when a review opens for registration (as experts ask IPBES to be told of its
    /// external reviews), whether or not they have registered for one.</summary>
    public bool ReviewAnnouncements { get; set; }

    public static UserAccount Create(string email, string fullName, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        UserName = email.Trim(),
        Email = email.Trim(),
        EmailConfirmed = false,
        FullName = fullName.Trim(),
        CreatedAt = now,
        LockoutEnabled = true,
        SecurityStamp = Guid.NewGuid().ToString("N"),
    };
}
