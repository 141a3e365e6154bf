using IpbesFlow.Startup;
using MailKit.Security;
using Microsoft.Extensions.Configuration;

namespace IpbesFlow.Configuration;

/// <summary>SMTP when <c>Mail:Smtp:Host</c> is set; otherwise every message is written as an .eml file to
/// <see cref="PickupDirectory"/> (<c>data/mail/</c> by default), where a person can open it.</summary>
public sealed record MailSettings
{
    public required string From { get; init; }

    /// <summary>Where people reach the service, for links in mail (<c>Service:PublicUrl</c>).</summary>
    public string PublicUrl { get; init; } = "http://localhost:5080";

    public string? PickupDirectory { get; init; }

    public SmtpSettings? Smtp { get; init; }

    public OutboxSettings Outbox { get; init; } = new();

    public static MailSettings FromConfiguration(IConfiguration configuration, string dataDirectory)
    {
        var from = configuration["Mail:From"] is { Length: > 0 } f ? f : "IpbesFlow <no-reply@ipbesflow.localhost>";
        if (!MimeKit.MailboxAddress.TryParse(from, out var sender) || !sender.Address.Contains('@', StringComparison.Ordinal))
        {
            throw new StartupCheckException($"Mail:From is '{from}', which is not a mail address. Fix Mail__From, e.g. 'IPBES <no-reply@ipbes.net>'.");
        }
        var publicUrl = configuration["Service:PublicUrl"] is { Length: > 0 } u ? u : "http://localhost:5080";
        if (!Uri.TryCreate(publicUrl, UriKind.Absolute, out _))
        {
            throw new StartupCheckException($"Service:PublicUrl is '{publicUrl}', which is not an absolute URL. Fix Service__PublicUrl, e.g. https://ipbesflow.example.org.");
        }

        var outbox = OutboxSettings.FromConfiguration(configuration);
        var host = configuration["Mail:Smtp:Host"];
        if (string.IsNullOrWhiteSpace(host))
        {
            var pickup = configuration["Mail:PickupDirectory"] is { Length: > 0 } p ? p : "mail";
            return new MailSettings { From = from, PublicUrl = publicUrl, PickupDirectory = Path.GetFullPath(pickup, dataDirectory), Outbox = outbox };
        }

        var portText = configuration["Mail:Smtp:Port"];
        var port = 25;
        if (!string.IsNullOrWhiteSpace(portText) && (!int.TryParse(portText, System.Globalization.CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
        {
            throw new StartupCheckException($"Mail:Smtp:Port is '{portText}', which is not a port number. Fix Mail__Smtp__Port.");
        }

        var securityText = configuration["Mail:Smtp:Security"];
        var security = SecureSocketOptions.Auto;
        if (!string.IsNullOrWhiteSpace(securityText) && !Enum.TryParse(securityText, ignoreCase: true, out security))
        {
            throw new StartupCheckException(
                $"Mail:Smtp:Security is '{securityText}'. Use one of {string.Join(", ", Enum.GetNames<SecureSocketOptions>())}.");
        }

        var poolText = configuration["Mail:Smtp:PoolSize"];
        var poolSize = 4;
        if (!string.IsNullOrWhiteSpace(poolText) && (!int.TryParse(poolText, System.Globalization.CultureInfo.InvariantCulture, out poolSize) || poolSize is < 1 or > 64))
        {
            throw new StartupCheckException($"Mail:Smtp:PoolSize is '{poolText}'; give a number of connections from 1 to 64. Fix Mail__Smtp__PoolSize.");
        }

        var pinned = configuration["Mail:Smtp:TrustedCertificateSha256"]?.Replace(":", string.Empty, StringComparison.Ordinal).Trim();
        if (!string.IsNullOrEmpty(pinned) && (pinned.Length != 64 || !pinned.All(char.IsAsciiHexDigit)))
        {
            throw new StartupCheckException($"Mail:Smtp:TrustedCertificateSha256 is '{pinned}'; give the SHA-256 fingerprint of the server's certificate (64 hexadecimal digits). Fix Mail__Smtp__TrustedCertificateSha256.");
        }

        return new MailSettings
        {
            From = from,
            PublicUrl = publicUrl,
            Smtp = new SmtpSettings(host.Trim(), port, security, configuration["Mail:Smtp:UserName"], configuration["Mail:Smtp:Password"], poolSize)
            {
                TrustedCertificateSha256 = string.IsNullOrEmpty(pinned) ? null : pinned.ToUpperInvariant(),
            },
            Outbox = outbox,
        };
    }
}

/// <summary>Where and how to send; <c>PoolSize</c> is how many connections are kept open and reused (<c>Mail:Smtp:PoolSize</c>).</summary>
public sealed record SmtpSettings(string Host, int Port, SecureSocketOptions Security, string? UserName, string? Password, int PoolSize = 4)
{
    /// <summary>An internal relay's own certificate, trusted by its SHA-256 fingerprint although no public authority
    /// signed it (<c>Mail:Smtp:TrustedCertificateSha256</c>). Any other certificate must be valid as usual.</summary>
    public string? TrustedCertificateSha256 { get; init; }

    // The password never reaches logs or messages.
    public override string ToString() => $"{Host}:{Port} ({Security}{(UserName is null ? string.Empty : ", user " + UserName)}, {PoolSize} connection(s))";
}

/// <summary>How the outbox worker paces itself (<c>Mail:Outbox:*</c>): it looks for due messages every
/// <see cref="Poll"/>, takes up to <see cref="BatchSize"/> at a time under a lease of <see cref="Lease"/>, and after a
/// passing failure waits <see cref="RetryBase"/>, doubling up to <see cref="RetryMax"/>, for at most
/// <see cref="MaxAttempts"/> attempts before it dead-letters a message.</summary>
public sealed record OutboxSettings
{
    public TimeSpan Poll { get; init; } = TimeSpan.FromSeconds(1);

    public int BatchSize { get; init; } = 100;

    /// <summary>How long a batch is a round's alone: on SQLite the lease written to its rows; on PostgreSQL how long
    /// the transaction holding it may sit idle before the server ends it. No message of a batch is begun after half of
    /// it.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(2);

    public TimeSpan RetryBase { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan RetryMax { get; init; } = TimeSpan.FromHours(1);

    public int MaxAttempts { get; init; } = 12;

    /// <summary>The wait before attempt <paramref name="attempts"/> + 1: doubling from the base, capped, with a little
    /// jitter so that many messages deferred together do not all come back at the same instant.</summary>
    public TimeSpan Backoff(int attempts)
    {
        var seconds = Math.Min(RetryBase.TotalSeconds * Math.Pow(2, Math.Max(0, attempts - 1)), RetryMax.TotalSeconds);
#pragma warning disable CA5394 // jitter, not security
        return TimeSpan.FromSeconds(seconds * (0.9 + (Random.Shared.NextDouble() * 0.2)));
#pragma warning restore CA5394
    }

    internal static OutboxSettings FromConfiguration(IConfiguration configuration)
    {
        var defaults = new OutboxSettings();
        return new OutboxSettings
        {
            Poll = TimeSpan.FromMilliseconds(PositiveSetting.Read(configuration, "Mail:Outbox:PollMilliseconds", (int)defaults.Poll.TotalMilliseconds)),
            BatchSize = PositiveSetting.Read(configuration, "Mail:Outbox:BatchSize", defaults.BatchSize),
            Lease = TimeSpan.FromSeconds(PositiveSetting.Read(configuration, "Mail:Outbox:LeaseSeconds", (int)defaults.Lease.TotalSeconds)),
            RetryBase = TimeSpan.FromSeconds(PositiveSetting.Read(configuration, "Mail:Outbox:RetrySeconds", (int)defaults.RetryBase.TotalSeconds)),
            RetryMax = TimeSpan.FromSeconds(PositiveSetting.Read(configuration, "Mail:Outbox:MaxRetrySeconds", (int)defaults.RetryMax.TotalSeconds)),
            MaxAttempts = PositiveSetting.Read(configuration, "Mail:Outbox:MaxAttempts", defaults.MaxAttempts),
        };
    }
}
