using System.Collections.Concurrent;
using IpbesFlow.Configuration;
using MailKit.Net.Smtp;
using MimeKit;

namespace IpbesFlow.Mail;

/// <summary>Sends through the configured SMTP server over at most <see cref="SmtpSettings.PoolSize"/> connections,
/// each opened (and authenticated) once and reused for message after message: a connection costs a TCP and often a
/// TLS handshake, a message on an open one a few round trips. A connection that fails is thrown away, never reused;
/// the caller sees the failure as it was (MailKit's exception) and decides what it means.</summary>
public sealed class PooledSmtpMailTransport(SmtpSettings settings) : IMailTransport, IAsyncDisposable
{
    private readonly SemaphoreSlim slots = new(settings.PoolSize, settings.PoolSize);
    private readonly ConcurrentBag<SmtpClient> idle = [];
    private int opened;

    /// <summary>Connections opened since start (for the benchmark and the tests: reuse keeps this near the pool size).</summary>
    public int ConnectionsOpened => Volatile.Read(ref opened);

    /// <summary>One message per pooled connection at a time.</summary>
    public int Parallelism => settings.PoolSize;

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        await slots.WaitAsync(cancellationToken);
        SmtpClient? client = null;
        try
        {
            client = idle.TryTake(out var reused) && reused.IsConnected ? reused : await ConnectAsync(reused, cancellationToken);
            await client.SendAsync(message, cancellationToken);
            idle.Add(client);
            client = null;
        }
        catch (SmtpCommandException) when (client is { IsConnected: true })
        {
            // The server refused this message but the session is sound: keep the connection.
            idle.Add(client);
            client = null;
            throw;
        }
        finally
        {
            client?.Dispose();
            slots.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        while (idle.TryTake(out var client))
        {
            try
            {
                await client.DisconnectAsync(quit: true);
            }
            catch (Exception e) when (e is IOException or MailKit.ServiceNotConnectedException or MailKit.Net.Smtp.SmtpProtocolException or OperationCanceledException)
            {
                // Closing anyway.
            }

            client.Dispose();
        }

        slots.Dispose();
    }

    private async Task<SmtpClient> ConnectAsync(SmtpClient? stale, CancellationToken cancellationToken)
    {
        stale?.Dispose();
        var client = new SmtpClient { Timeout = 30_000 };
        if (settings.TrustedCertificateSha256 is { } pinned)
        {
            client.ServerCertificateValidationCallback = (_, certificate, _, errors) =>
                errors == System.Net.Security.SslPolicyErrors.None
                || (certificate is not null && string.Equals(certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256), pinned, StringComparison.OrdinalIgnoreCase));
        }

        try
        {
            await client.ConnectAsync(settings.Host, settings.Port, settings.Security, cancellationToken);
            if (!string.IsNullOrEmpty(settings.UserName))
            {
                await client.AuthenticateAsync(settings.UserName, settings.Password ?? string.Empty, cancellationToken);
            }

            Interlocked.Increment(ref opened);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }
}
