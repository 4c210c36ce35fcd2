using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace DsProcess.Tests;

/// <summary>
/// A loopback TCP relay in front of the test database server that a test can cut and restore: cut, every relayed
/// connection drops and new ones are refused, which is what an app sees when its database goes down or restarts.
/// Only the app behind the relay is affected; the test and other tests keep their direct connections.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly DnsEndPoint _target;
    private readonly Lock _gate = new();
    private readonly List<TcpClient> _open = [];
    private TcpListener? _listener;
    private CancellationTokenSource _stop = new();

    private TcpRelay(DnsEndPoint target, int port)
    {
        _target = target;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Starts a relay to the server of <paramref name="connectionString"/> on a free loopback port.</summary>
    public static TcpRelay StartFor(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var relay = new TcpRelay(new DnsEndPoint(builder.Host!, builder.Port), port);
        relay.Restore();
        return relay;
    }

    /// <summary>The same connection string, through the relay.</summary>
    public string Through(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Host = "127.0.0.1", Port = Port }.ConnectionString;

    /// <summary>Drops every relayed connection and refuses new ones until <see cref="Restore"/>.</summary>
    public void Cut()
    {
        lock (_gate)
        {
            _stop.Cancel();
            _listener?.Stop();
            _listener = null;
            foreach (var client in _open)
            {
                client.Dispose();
            }

            _open.Clear();
        }
    }

    /// <summary>Accepts connections again, on the same port.</summary>
    public void Restore()
    {
        lock (_gate)
        {
            _stop = new CancellationTokenSource();
            _listener = new TcpListener(IPAddress.Loopback, Port);
            _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            _listener.Start();
            _ = AcceptAsync(_listener, _stop.Token);
        }
    }

    public ValueTask DisposeAsync()
    {
        Cut();
        return ValueTask.CompletedTask;
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = RelayAsync(client, stop);
        }
    }

    private async Task RelayAsync(TcpClient client, CancellationToken stop)
    {
        var server = new TcpClient();
        lock (_gate)
        {
            if (stop.IsCancellationRequested)
            {
                client.Dispose();
                server.Dispose();
                return;
            }

            _open.Add(client);
            _open.Add(server);
        }

        try
        {
            await server.ConnectAsync(_target.Host, _target.Port, stop);
            await Task.WhenAny(
                client.GetStream().CopyToAsync(server.GetStream(), stop),
                server.GetStream().CopyToAsync(client.GetStream(), stop));
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // Cut, or one side closed: both sides are closed below.
        }
        finally
        {
            client.Dispose();
            server.Dispose();
            lock (_gate)
            {
                _open.Remove(client);
                _open.Remove(server);
            }
        }
    }
}
