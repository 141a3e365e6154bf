using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace IpbesFlow.Testing;

/// <summary>A real SMTP server on a loopback port (the SmtpServer package): MailKit talks real SMTP to it. A test says
/// how it answers each message (<see cref="Reply"/>: null accepts, a code refuses), can take it down and bring it
/// back on the same port, and reads what arrived.</summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<MimeKit.MimeMessage> received = new();
    private CancellationTokenSource? running;
    private Task? serving;
    private int sessions;
    private int accepted;

    private readonly System.Security.Cryptography.X509Certificates.X509Certificate2? certificate;

    private TestSmtpServer(int port, System.Security.Cryptography.X509Certificates.X509Certificate2? certificate)
    {
        Port = port;
        this.certificate = certificate;
    }

    /// <summary>With TLS: the SHA-256 fingerprint of the server's self-signed certificate, for a client to trust.</summary>
    public string? CertificateSha256 => certificate?.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256);

    public int Port { get; }

    /// <summary>Decides the answer to each message by its first recipient: null accepts (250); 451 defers; 550 refuses.</summary>
    public Func<string, int?> Reply { get; set; } = _ => null;

    /// <summary>How long it takes over each message before answering (a slow server, for tests that need time).</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>False for a sink that only counts (benchmarks): parsing every message would cost the sender's CPU too.</summary>
    public bool KeepMessages { get; set; } = true;

    /// <summary>Messages accepted, kept or not.</summary>
    public int Accepted => Volatile.Read(ref accepted);

    public IReadOnlyCollection<MimeKit.MimeMessage> Received => received;

    /// <summary>Connections opened to it since it first started.</summary>
    public int Sessions => Volatile.Read(ref sessions);

    /// <summary>Starts on a free loopback port; with <paramref name="tls"/> it offers STARTTLS with a self-signed
    /// certificate made for the run, as a real relay offers TLS.</summary>
    public static TestSmtpServer Start(bool tls = false)
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var server = new TestSmtpServer(port, tls ? SelfSigned() : null);
        server.Resume();
        return server;
    }

    private static System.Security.Cryptography.X509Certificates.X509Certificate2 SelfSigned()
    {
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=smtp.test.localhost", key, System.Security.Cryptography.HashAlgorithmName.SHA256);
        using var made = request.CreateSelfSigned(TimeProvider.System.GetUtcNow().AddDays(-1), TimeProvider.System.GetUtcNow().AddDays(1));
        // Through PKCS#12 so that the private key is usable by the TLS stack on every platform.
        return System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12(made.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx), null);
    }

    /// <summary>Listens again on the same port.</summary>
    public void Resume()
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("smtp.test.localhost")
            .Endpoint(endpoint =>
            {
                endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)).IsSecure(false);
                if (certificate is not null)
                {
                    endpoint.Certificate(certificate);
                }
            })
            .Build();
        var services = new ServiceProvider();
        services.Add(new Store(this));
        services.Add(new NoDelayListeners());
        var server = new SmtpServer.SmtpServer(options, services);
        server.SessionCreated += (_, _) => Interlocked.Increment(ref sessions);
        running = new CancellationTokenSource();
        serving = server.StartAsync(running.Token);
    }

    /// <summary>Goes down: the port refuses connections and open sessions are dropped.</summary>
    public async Task PauseAsync()
    {
        if (running is null || serving is null)
        {
            return;
        }

        await running.CancelAsync();
        try
        {
            await serving;
        }
        catch (OperationCanceledException)
        {
            // Stopped, as asked.
        }

        running.Dispose();
        (running, serving) = (null, null);
    }

    public ValueTask DisposeAsync() => new(PauseAsync());

    // Replies go out at once, as from a production MTA: with Nagle's algorithm on, each reply waits for the client's
    // delayed ACK (about 40 ms on Linux), and the sink, not the sender, would set the pace.
    private sealed class NoDelayListeners : SmtpServer.Net.IEndpointListenerFactory
    {
        public SmtpServer.Net.IEndpointListener CreateListener(IEndpointDefinition endpointDefinition)
        {
            var listener = new TcpListener(endpointDefinition.Endpoint);
            listener.Start();
            return new NoDelayListener(listener);
        }
    }

    private sealed class NoDelayListener(TcpListener listener) : SmtpServer.Net.IEndpointListener
    {
        public async Task<SmtpServer.IO.ISecurableDuplexPipe> GetPipeAsync(ISessionContext context, CancellationToken cancellationToken)
        {
            var client = await listener.AcceptTcpClientAsync(cancellationToken);
            client.NoDelay = true;
            return new SocketPipe(client);
        }

        public void Dispose() => listener.Stop();
    }

    // A session over the accepted socket, upgraded to TLS when the client asks (STARTTLS) and the server has a certificate.
    private sealed class SocketPipe(TcpClient client) : SmtpServer.IO.ISecurableDuplexPipe
    {
        private Stream stream = client.GetStream();

        public System.IO.Pipelines.PipeReader Input { get; private set; } = System.IO.Pipelines.PipeReader.Create(client.GetStream());

        public System.IO.Pipelines.PipeWriter Output { get; private set; } = System.IO.Pipelines.PipeWriter.Create(client.GetStream());

        public bool IsSecure { get; private set; }

        public System.Security.Authentication.SslProtocols SslProtocol { get; private set; } = System.Security.Authentication.SslProtocols.None;

        public async Task UpgradeAsync(System.Security.Cryptography.X509Certificates.X509Certificate certificate, System.Security.Authentication.SslProtocols protocols, CancellationToken cancellationToken = default)
        {
            var tls = new System.Net.Security.SslStream(stream, leaveInnerStreamOpen: false);
            await tls.AuthenticateAsServerAsync(new System.Net.Security.SslServerAuthenticationOptions { ServerCertificate = certificate, EnabledSslProtocols = protocols }, cancellationToken);
            stream = tls;
            Input = System.IO.Pipelines.PipeReader.Create(tls);
            Output = System.IO.Pipelines.PipeWriter.Create(tls);
            IsSecure = true;
            SslProtocol = tls.SslProtocol;
        }

        public void Dispose()
        {
            stream.Dispose();
            client.Dispose();
        }
    }

    private sealed class Store(TestSmtpServer owner) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (owner.Delay > TimeSpan.Zero)
            {
                await Task.Delay(owner.Delay, cancellationToken);
            }

            var to = transaction.To.Count > 0 ? $"{transaction.To[0].User}@{transaction.To[0].Host}" : string.Empty;
            if (owner.Reply(to) is { } code)
            {
                return new SmtpResponse((SmtpReplyCode)code, code >= 500 ? $"<{to}>: mailbox unavailable" : "Try again later");
            }

            Interlocked.Increment(ref owner.accepted);
            if (owner.KeepMessages)
            {
                await using var stream = new MemoryStream(buffer.ToArray());
                owner.received.Enqueue(await MimeKit.MimeMessage.LoadAsync(stream, cancellationToken));
            }

            return SmtpResponse.Ok;
        }
    }
}
