using IpbesFlow.Configuration;
using IpbesFlow.Mail;
using MimeKit;

namespace IpbesFlow.Identity;

/// <summary>Mails a sign-in link. The link opens a page with a button (a POST), so that mail scanners which follow
/// links do not use it up before the person clicks.</summary>
internal sealed class SignInLinkMailer(IMailTransport transport, StorageSettings settings) : ISignInLinkMailer
{
    public Task SendAsync(UserAccount user, string secret, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var link = $"{settings.Mail.PublicUrl.TrimEnd('/')}/sign-in?token={Uri.EscapeDataString(secret)}";
        var message = new MimeMessage { Subject = "Your IpbesFlow sign-in link" };
        message.From.Add(MailboxAddress.Parse(settings.Mail.From));
        message.To.Add(new MailboxAddress(user.FullName, user.Email ?? throw new InvalidOperationException($"Account {user.Id} has no email.")));
        message.Body = new TextPart("plain")
        {
            Text = $"""
                Dear {user.FullName},

                Sign in to IpbesFlow with this link. It works once, until {expiresAt:yyyy-MM-dd HH:mm} UTC:

                {link}

                If you did not ask for it, ignore this message: nothing happens without the link.

                IPBES secretariat
                """,
        };
        return transport.SendAsync(message, cancellationToken);
    }
}
