namespace IpbesFlow.Identity;

/// <summary>A single-use link mailed to an expert who only reviews: valid for 24 hours, good for one sign-in. A request
/// for an address without an account records a link too, for no one, that is never mailed: the request then does the
/// same work, takes the same time and counts against the same per-address limit whether or not the account exists.</summary>
public sealed class SignInLink
{
    public const string SecretPrefix = "ipbl_";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    private SignInLink()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>Whose link it is; none when the address asked for has no account.</summary>
    public Guid? UserId { get; private set; }

    /// <summary>SHA-256 of the address asked for (normalised), for the per-address limit; the address is not kept.</summary>
    public string AddressHash { get; private set; } = string.Empty;

    public string Hash { get; private set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? UsedAt { get; private set; }

    public static (SignInLink Link, string Secret) Issue(Guid? userId, string address, DateTimeOffset now)
    {
        var secret = SecretHash.NewSecret(SecretPrefix);
        return (new SignInLink
        {
            Id = Guid.CreateVersion7(now),
            UserId = userId,
            AddressHash = HashOf(address),
            Hash = SecretHash.Of(secret),
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
        }, secret);
    }

    public static string HashOf(string address) => SecretHash.Of("address:" + address.Trim().ToUpperInvariant());

    /// <summary>Why a link that could not be used up could not be: unknown, used, or expired.</summary>
    public static string Refusal(SignInLink? link, DateTimeOffset now) => link switch
    {
        null or { UserId: null } => "This sign-in link is not valid. Request a new one.",
        { UsedAt: not null } => "This sign-in link was already used. Request a new one.",
        _ when now >= link.ExpiresAt => "This sign-in link has expired (links last 24 hours). Request a new one.",
        _ => "This sign-in link could not be used. Request a new one.",
    };
}
