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

    private TestSmtpServer(int port) => Port = port;

    public int Port { get; }

    /// <summary>Decides the answer to each message by its first recipient: null accepts (250); 451 defers; 550 refuses.</summary>
    public Func<string, int?> Reply { get; set; } = _ => null;

    /// <summary>How long it takes over each message before answering (a slow server, for tests that need time).</summary>
    public TimeSpan Delay { get; set; }

    public IReadOnlyCollection<MimeKit.MimeMessage> Received => received;

    /// <summary>Connections opened to it since it first started.</summary>
    public int Sessions => Volatile.Read(ref sessions);

    public static TestSmtpServer Start()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var server = new TestSmtpServer(port);
        server.Resume();
        return server;
    }

    /// <summary>Listens again on the same port.</summary>
    public void Resume()
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("smtp.test.localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)).IsSecure(false))
            .Build();
        var services = new ServiceProvider();
        services.Add(new Store(this));
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

            await using var stream = new MemoryStream(buffer.ToArray());
            owner.received.Enqueue(await MimeKit.MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
