using IpbesFlow.Configuration;

namespace IpbesFlow.Web.Security;

/// <summary>The limits people's requests meet (<c>Security:*</c>), read and checked once at start: a value that is not
/// a positive whole number stops the start with one line naming it, instead of failing at the first request.</summary>
public sealed record SecurityLimits
{
    /// <summary>Password and link sign-ins per minute per client address.</summary>
    public int SignInAttemptsPerMinute { get; init; } = 10;

    /// <summary>Sign-in links mailed to one address per hour, whether or not it has an account.</summary>
    public int SignInLinksPerAddressPerHour { get; init; } = 5;

    /// <summary>Comment batches and uploads per minute per person.</summary>
    public int CommentSubmissionsPerMinute { get; init; } = 30;

    /// <summary>The largest request body, comment files included.</summary>
    public long MaxRequestBodyBytes { get; init; } = 10L * 1024 * 1024;

    /// <summary>The largest draft attached to a review: a chapter with its figures, or a whole second-order draft,
    /// runs to tens of megabytes.</summary>
    public long MaxDraftBytes { get; init; } = 100L * 1024 * 1024;

    /// <summary>Drafts streamed at once; each holds a database connection while it is sent.</summary>
    public int ConcurrentDraftDownloads { get; init; } = 16;

    /// <summary>Compilations of comments per minute, per person or (anonymous, once published) per client address:
    /// each reads a whole review from the database.</summary>
    public int ExportsPerMinute { get; init; } = 10;

    // A file is held in one array on its way to the database, and PostgreSQL keeps at most 1 GB in a column.
    private const long MaxFileBytes = 1L << 30;

    public static SecurityLimits FromConfiguration(IConfiguration configuration)
    {
        var defaults = new SecurityLimits();
        return new SecurityLimits
        {
            SignInAttemptsPerMinute = PositiveSetting.Read(configuration, "Security:SignInAttemptsPerMinute", defaults.SignInAttemptsPerMinute),
            SignInLinksPerAddressPerHour = PositiveSetting.Read(configuration, "Security:SignInLinksPerAddressPerHour", defaults.SignInLinksPerAddressPerHour),
            CommentSubmissionsPerMinute = PositiveSetting.Read(configuration, "Security:CommentSubmissionsPerMinute", defaults.CommentSubmissionsPerMinute),
            MaxRequestBodyBytes = PositiveSetting.Read(configuration, "Security:MaxRequestBodyBytes", defaults.MaxRequestBodyBytes, MaxFileBytes),
            MaxDraftBytes = PositiveSetting.Read(configuration, "Security:MaxDraftBytes", defaults.MaxDraftBytes, MaxFileBytes),
            ConcurrentDraftDownloads = PositiveSetting.Read(configuration, "Security:ConcurrentDraftDownloads", defaults.ConcurrentDraftDownloads, 10_000),
            ExportsPerMinute = PositiveSetting.Read(configuration, "Security:ExportsPerMinute", defaults.ExportsPerMinute),
        };
    }
}
