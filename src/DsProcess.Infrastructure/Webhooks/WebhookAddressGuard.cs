using System.Net;
using System.Net.Sockets;
using DsProcess.Application.Common.Interfaces;
using Microsoft.Extensions.Options;

namespace DsProcess.Infrastructure.Webhooks;

/// <summary>
/// The SSRF guard: webhooks go to public addresses only, unless <see cref="WebhookOptions.AllowPrivateAddresses"/>.
/// Checked when a lead subscribes (every address the host resolves to) and again when the worker connects
/// (<see cref="ConnectAsync"/>: the address actually connected to), so a name that resolves to a public address at
/// subscription and to an internal one later (DNS rebinding) is still refused.
/// </summary>
public sealed class WebhookAddressGuard(IOptions<WebhookOptions> options) : IWebhookAddressGuard
{
    private static readonly (IPAddress Network, int Prefix, string What)[] Refused =
    [
        (IPAddress.Parse("0.0.0.0"), 8, "an unspecified address"),
        (IPAddress.Parse("10.0.0.0"), 8, "a private address"),
        (IPAddress.Parse("100.64.0.0"), 10, "a carrier-grade NAT address"),
        (IPAddress.Parse("127.0.0.0"), 8, "a loopback address"),
        (IPAddress.Parse("169.254.0.0"), 16, "a link-local address (cloud metadata lives there)"),
        (IPAddress.Parse("172.16.0.0"), 12, "a private address"),
        (IPAddress.Parse("192.0.0.0"), 24, "a reserved address"),
        (IPAddress.Parse("192.168.0.0"), 16, "a private address"),
        (IPAddress.Parse("198.18.0.0"), 15, "a reserved address"),
        (IPAddress.Parse("224.0.0.0"), 4, "a multicast address"),
        (IPAddress.Parse("240.0.0.0"), 4, "a reserved address"),
        (IPAddress.IPv6Any, 128, "an unspecified address"),
        (IPAddress.IPv6Loopback, 128, "a loopback address"),
        (IPAddress.Parse("64:ff9b:1::"), 48, "a reserved address"),
        (IPAddress.Parse("fc00::"), 7, "a unique-local (private) address"),
        (IPAddress.Parse("fe80::"), 10, "a link-local address"),
        (IPAddress.Parse("fec0::"), 10, "a site-local (private) address"),
        (IPAddress.Parse("ff00::"), 8, "a multicast address"),
    ];

    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(5);

    /// <summary>What kind of non-public address this is ("a private address"); null for a public one.</summary>
    public static string? NonPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        foreach (var (network, prefix, what) in Refused)
        {
            if (network.AddressFamily == address.AddressFamily && new IPNetwork(network, prefix).Contains(address))
            {
                return what;
            }
        }

        return null;
    }

    public async Task<string?> RefusalAsync(Uri address, CancellationToken cancellationToken)
    {
        if (options.Value.AllowPrivateAddresses)
        {
            return null;
        }

        IPAddress[] addresses;
        var host = address.IdnHost.Trim('[', ']');
        if (IPAddress.TryParse(host, out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(ResolveTimeout);
                addresses = await Dns.GetHostAddressesAsync(host, timeout.Token);
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                return $"{address.Host} could not be found; check the address.";
            }
        }

        if (addresses.Length == 0)
        {
            return $"{address.Host} could not be found; check the address.";
        }

        return addresses.Select(a => (Address: a, What: NonPublic(a))).FirstOrDefault(a => a.What is not null) is { What: { } kind } refused
            ? $"Webhooks go to public addresses only: {address.Host} is {refused.Address}, {kind}. An administrator can allow private addresses (DsProcess:Webhooks:AllowPrivateAddresses)."
            : null;
    }

    /// <summary>
    /// Connects the worker's HTTP client: resolves the host, connects only to an allowed address, and checks the address
    /// the socket is actually connected to. A refused one fails the attempt with <see cref="WebhookAddressRefusedException"/>.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, CancellationToken cancellationToken)
    {
        var allowPrivate = options.Value.AllowPrivateAddresses;
        var host = endpoint.Host.Trim('[', ']');
        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = allowPrivate ? addresses : [.. addresses.Where(a => NonPublic(a) is null)];
        if (allowed.Length == 0)
        {
            throw new WebhookAddressRefusedException(addresses.Length == 0
                ? $"{endpoint.Host} could not be found."
                : $"{endpoint.Host} is {addresses[0]}, {NonPublic(addresses[0])}: refused (public addresses only).");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endpoint.Port, cancellationToken);
            if (!allowPrivate && socket.RemoteEndPoint is IPEndPoint { Address: var connected } && NonPublic(connected) is { } kind)
            {
                throw new WebhookAddressRefusedException($"{endpoint.Host} connected to {connected}, {kind}: refused (public addresses only).");
            }

            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>The worker refused to connect to an address that is not public.</summary>
public sealed class WebhookAddressRefusedException(string message) : Exception(message);
