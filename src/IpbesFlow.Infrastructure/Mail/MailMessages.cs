using MimeKit;

namespace IpbesFlow.Mail;

/// <summary>Every message the service sends is made here, the same way: from the configured sender, in the language it
/// was written in (<c>Content-Language</c>), with a Message-ID on the service's public host, a plain-text part and an
/// HTML part, and a calendar entry when there is one.</summary>
public static class MailMessages
{
    /// <summary>The host Message-IDs (and calendar UIDs) are made on: where people reach the service.</summary>
    public static string Domain(string publicUrl) => new Uri(publicUrl).Host;

    public static MimeMessage Build(
        string from, string toAddress, string? toName, string subject, string language, string text, string? html, string messageId, string kind, string? calendarIcs = null)
    {
        var mime = new MimeMessage { Subject = subject, MessageId = messageId };
        mime.From.Add(MailboxAddress.Parse(from));
        mime.To.Add(new MailboxAddress(toName ?? string.Empty, toAddress));
        mime.Headers.Add("X-IpbesFlow-Notification", kind);
        var body = new BodyBuilder { TextBody = text, HtmlBody = html };
        if (calendarIcs is { } ics)
        {
            var invitation = new TextPart("calendar") { Text = ics };
            invitation.ContentType.Parameters.Add("method", ics.Contains("METHOD:CANCEL", StringComparison.Ordinal) ? "CANCEL" : "REQUEST");
            invitation.ContentType.Charset = "utf-8";
            invitation.ContentDisposition = new ContentDisposition(ContentDisposition.Attachment) { FileName = "invitation.ics" };
            body.Attachments.Add(invitation);
        }

        mime.Body = body.ToMessageBody();
        // A Content-* header belongs to the message's top entity: set on the body, it is written among the message's
        // own headers.
        mime.Body.Headers.Add(HeaderId.ContentLanguage, language);
        return mime;
    }
}
