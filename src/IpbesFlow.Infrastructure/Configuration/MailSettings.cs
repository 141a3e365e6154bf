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

    public static MailSettings FromConfiguration(IConfiguration configuration, string dataDirectory)
    {
        var from = configuration["Mail:From"] is { Length: > 0 } f ? f : "IpbesFlow <no-reply@ipbesflow.localhost>";
        var publicUrl = configuration["Service:PublicUrl"] is { Length: > 0 } u ? u : "http://localhost:5080";
        if (!Uri.TryCreate(publicUrl, UriKind.Absolute, out _))
        {
            throw new StartupCheckException($"Service:PublicUrl is '{publicUrl}', which is not an absolute URL. Fix Service__PublicUrl, e.g. https://ipbesflow.example.org.");
        }

        var host = configuration["Mail:Smtp:Host"];
        if (string.IsNullOrWhiteSpace(host))
        {
            var pickup = configuration["Mail:PickupDirectory"] is { Length: > 0 } p ? p : "mail";
            return new MailSettings { From = from, PublicUrl = publicUrl, PickupDirectory = Path.GetFullPath(pickup, dataDirectory) };
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

        return new MailSettings
        {
            From = from,
            PublicUrl = publicUrl,
            Smtp = new SmtpSettings(host.Trim(), port, security, configuration["Mail:Smtp:UserName"], configuration["Mail:Smtp:Password"]),
        };
    }
}

public sealed record SmtpSettings(string Host, int Port, SecureSocketOptions Security, string? UserName, string? Password)
{
    // The password never reaches logs or messages.
    public override string ToString() => $"{Host}:{Port} ({Security}{(UserName is null ? string.Empty : ", user " + UserName)})";
}
