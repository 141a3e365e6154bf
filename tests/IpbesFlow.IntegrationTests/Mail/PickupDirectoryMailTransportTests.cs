using IpbesFlow.Mail;
using MimeKit;
using Shouldly;

namespace IpbesFlow.IntegrationTests.Mail;

public sealed class PickupDirectoryMailTransportTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("ipbesflow-mail-").FullName;

    [Fact]
    public async Task A_message_becomes_one_eml_file_named_by_its_Message_ID_that_reads_back_unchanged()
    {
        var transport = new PickupDirectoryMailTransport(folder);
        var message = new MimeMessage
        {
            MessageId = "review-opened.values.fod@ipbesflow",
            Subject = "Examen externe ouvert — حتى 22 سبتمبر",
            Body = new TextPart("plain") { Text = "La période d'examen est ouverte. 审查期已开始。" },
        };
        message.From.Add(new MailboxAddress("IpbesFlow", "no-reply@ipbesflow.localhost"));
        message.To.Add(new MailboxAddress("Élodie", "elodie@example.org"));

        await transport.SendAsync(message, TestContext.Current.CancellationToken);
        await transport.SendAsync(message, TestContext.Current.CancellationToken); // a resend after a crash

        var file = Directory.GetFiles(folder).ShouldHaveSingleItem();
        Path.GetFileName(file).ShouldBe("review-opened.values.fod@ipbesflow.eml");
        var read = await MimeMessage.LoadAsync(file, TestContext.Current.CancellationToken);
        read.Subject.ShouldBe(message.Subject);
        read.TextBody.ShouldNotBeNull().TrimEnd('\r', '\n').ShouldBe("La période d'examen est ouverte. 审查期已开始。");
        read.To.Mailboxes.Single().Address.ShouldBe("elodie@example.org");
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
