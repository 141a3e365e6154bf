using System.Threading.Channels;
using IpbesFlow.Configuration;
using IpbesFlow.Mail;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace IpbesFlow.Identity;

/// <summary>Mails sign-in links, one after another, outside any request and any transaction: the person asking is
/// answered at once, whether or not their address has an account and however slow the mail relay is. Links are never
/// stored in clear, so they are not in the outbox: a link lost with the process (or refused by the relay) is asked for
/// again. The link opens a page with a button (a POST), so that mail scanners which follow links do not use it up.</summary>
internal sealed partial class SignInLinkMailer(IMailTransport transport, StorageSettings settings, ILogger<SignInLinkMailer> logger) : BackgroundService, ISignInLinkMailer
{
    // Far more than a minute of sign-in requests at their rate limits; past it, a link is dropped and logged.
    private readonly Channel<PendingSignInLink> queue = Channel.CreateBounded<PendingSignInLink>(new BoundedChannelOptions(1000) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });

    public void Enqueue(PendingSignInLink link)
    {
        if (!queue.Writer.TryWrite(link))
        {
            LogDropped(logger, link.UserId);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var link in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await transport.SendAsync(Message(link), stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e, link.UserId);
            }
        }
    }

    private MimeMessage Message(PendingSignInLink pending)
    {
        var link = $"{settings.Mail.PublicUrl.TrimEnd('/')}/sign-in?token={Uri.EscapeDataString(pending.Secret)}";
        var message = new MimeMessage { Subject = "Your IpbesFlow sign-in link" };
        message.From.Add(MailboxAddress.Parse(settings.Mail.From));
        message.To.Add(new MailboxAddress(pending.Name, pending.Email));
        message.Body = new TextPart("plain")
        {
            Text = $"""
                Dear {pending.Name},

                Sign in to IpbesFlow with this link. It works once, until {pending.ExpiresAt:yyyy-MM-dd HH:mm} UTC:

                {link}

                If you did not ask for it, ignore this message: nothing happens without the link.

                IPBES secretariat
                """,
        };
        return message;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A sign-in link for account {UserId} was not mailed: too many are waiting to be sent")]
    private static partial void LogDropped(ILogger logger, Guid userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The sign-in link for account {UserId} could not be mailed; the person can ask for another")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid userId);
}
