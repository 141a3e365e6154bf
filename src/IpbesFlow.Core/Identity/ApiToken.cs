namespace IpbesFlow.Identity;

/// <summary>A personal token for scripts: shown once, stored hashed, limited to read or write, revocable, expiring.</summary>
public sealed class ApiToken
{
    public const string SecretPrefix = "ipbf_";

    private ApiToken()
    {
    }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    public string Name { get; private set; } = string.Empty;

    /// <summary>The first characters of the secret, so a person can tell tokens apart.</summary>
    public string Hint { get; private set; } = string.Empty;

    public string Hash { get; private set; } = string.Empty;

    public TokenScope Scope { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public static (ApiToken Token, string Secret) Issue(Guid userId, string name, TokenScope scope, TimeSpan lifetime, DateTimeOffset now)
    {
        var secret = SecretHash.NewSecret(SecretPrefix);
        var token = new ApiToken
        {
            Id = Guid.CreateVersion7(now),
            UserId = userId,
            Name = name.Trim(),
            Hint = secret[..(SecretPrefix.Length + 4)] + "…",
            Hash = SecretHash.Of(secret),
            Scope = scope,
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        };
        return (token, secret);
    }

    public bool IsUsable(DateTimeOffset now) => RevokedAt is null && now < ExpiresAt;

    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;
}
