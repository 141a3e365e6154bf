using System.Threading.Channels;
using IpbesFlow.Configuration;
using IpbesFlow.Mail;
using IpbesFlow.Notifications;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace IpbesFlow.Identity;

/// <summary>Mails sign-in links, one after another, outside any request and any transaction: the person asking is
/// answered at once, whether or not their address has an account and however slow the mail relay is. Links are never
/// stored in clear, so they are not in the outbox: a link lost with the process (or refused by the relay) is asked for
/// again. The link opens a page with a button (a POST), so that mail scanners which follow links do not use it up.</summary>
internal sealed partial class SignInLinkMailer(IMailTransport transport, NotificationTemplates templates, StorageSettings settings, ILogger<SignInLinkMailer> logger) : BackgroundService, ISignInLinkMailer
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

    // In the person's language, from the same templates as every other message; never stored.
    private MimeMessage Message(PendingSignInLink pending)
    {
        var link = $"{settings.Mail.PublicUrl.TrimEnd('/')}/sign-in?token={Uri.EscapeDataString(pending.Secret)}";
        var rendered = templates.Render(PendingSignInLink.Template, pending.Language, new MailModel
        {
            Recipient = new(pending.Name, pending.Email, pending.Language),
            SignIn = new(link, pending.ExpiresAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)),
        });
        return MailMessages.Build(settings.Mail.From, pending.Email, pending.Name, rendered.Subject, rendered.Language, rendered.Text, rendered.Html,
            $"{PendingSignInLink.Template}.{Guid.NewGuid():N}@{MailMessages.Domain(settings.Mail.PublicUrl)}", PendingSignInLink.Template);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A sign-in link for account {UserId} was not mailed: too many are waiting to be sent")]
    private static partial void LogDropped(ILogger logger, Guid userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The sign-in link for account {UserId} could not be mailed; the person can ask for another")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid userId);
}
