using MimeKit;

namespace IpbesFlow.Mail;

/// <summary>Hands one finished message to the outside world: an SMTP server, or a folder of .eml files.</summary>
public interface IMailTransport
{
    /// <summary>How many messages it sends at once (the outbox sends a batch this many at a time).</summary>
    int Parallelism { get; }

    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}
