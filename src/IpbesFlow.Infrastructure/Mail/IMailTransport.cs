using MimeKit;

namespace IpbesFlow.Mail;

/// <summary>Hands one finished message to the outside world: an SMTP server, or a folder of .eml files.</summary>
public interface IMailTransport
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}
