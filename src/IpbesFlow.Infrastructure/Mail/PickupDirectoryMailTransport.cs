using MimeKit;

namespace IpbesFlow.Mail;

/// <summary>The embedded default: each message becomes <c>&lt;Message-ID&gt;.eml</c> in the pickup folder. The file is
/// written under a temporary name and renamed, so a reader never sees half a message, and writing the same
/// Message-ID twice leaves one file.</summary>
public sealed class PickupDirectoryMailTransport(string directory) : IMailTransport
{
    public string Directory { get; } = directory;

    public int Parallelism => 1;

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(message.MessageId))
        {
            message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId();
        }

        var name = string.Concat(message.MessageId.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' or '@' ? c : '_'));
        var path = Path.Combine(Directory, name + ".eml");
        var temporary = path + ".tmp";
        await message.WriteToAsync(temporary, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }
}
