using IpbesFlow.Configuration;
using MailKit.Net.Smtp;
using MimeKit;

namespace IpbesFlow.Mail;

/// <summary>Sends through the configured SMTP server, one connection per message. The outbox worker (issue 6)
/// replaces this with a pool of reused connections; the contract stays the same.</summary>
public sealed class SmtpMailTransport(SmtpSettings settings) : IMailTransport
{
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient();
        await client.ConnectAsync(settings.Host, settings.Port, settings.Security, cancellationToken);
        if (!string.IsNullOrEmpty(settings.UserName))
        {
            await client.AuthenticateAsync(settings.UserName, settings.Password ?? string.Empty, cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
