using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace DsProcess.Application.Tests;

/// <summary>A real SMTP server on a free local port that keeps what it is sent, and can refuse the next few messages.</summary>
public sealed class SmtpReceiver : MessageStore, IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private int _refuse;

    public SmtpReceiver()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build();
        var services = new ServiceProvider();
        services.Add(this);
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    public int Port { get; }

    public ConcurrentQueue<MimeMessage> Received { get; } = new();

    /// <summary>Answers "transaction failed" to the next <paramref name="count"/> messages.</summary>
    public void RefuseNext(int count) => Interlocked.Exchange(ref _refuse, count);

    public override async Task<SmtpResponse> SaveAsync(
        ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        if (Interlocked.Decrement(ref _refuse) >= 0)
        {
            return SmtpResponse.TransactionFailed;
        }

        await using var stream = new MemoryStream(buffer.ToArray());
        Received.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
        return SmtpResponse.Ok;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }
}

/// <summary>The app sending e-mail to a <see cref="SmtpReceiver"/>: quick polls and retries, digests due from midnight UTC.</summary>
public sealed class EmailAppFixture : AppFixture
{
    public SmtpReceiver Smtp { get; } = new();

    protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        ["DsProcess:Email:SmtpHost"] = "127.0.0.1",
        ["DsProcess:Email:SmtpPort"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["DsProcess:Email:UseTls"] = "false",
        ["DsProcess:Email:From"] = "DsProcess <dsprocess@test.local>",
        ["DsProcess:Email:BaseUrl"] = "https://dsprocess.test",
        ["DsProcess:Email:DigestHourUtc"] = "0",
        ["DsProcess:Email:PollInterval"] = "00:00:00.100",
        ["DsProcess:Email:BackoffBase"] = "00:00:00.100",
    };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}
