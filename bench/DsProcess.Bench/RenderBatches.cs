using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace DsProcess.Bench;

/// <summary>
/// When the app hands a circuit's render batch to SignalR, by connection (Blazor's own debug event "Sending render
/// batch …", read from the app's log): the server's part of a fan-out, apart from the viewers' browsers, which here share the server's cores.
/// </summary>
internal sealed class RenderBatches : ILogEventSink
{
    /// <summary>The settings that let the event through to this sink only.</summary>
    public static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?>
    {
        ["Serilog:MinimumLevel:Override:Microsoft.AspNetCore.Components.Server.Circuits.RemoteRenderer"] = "Debug",
        ["Serilog:WriteTo:0:Args:restrictedToMinimumLevel"] = "Warning",
    };

    private readonly ConcurrentDictionary<string, double> _first = new();
    private volatile bool _armed;

    /// <summary>Watches for each connection's first batch from now on.</summary>
    public void Arm()
    {
        _first.Clear();
        _armed = true;
    }

    /// <summary>The wall-clock time (ms since the Unix epoch) of each connection's first batch since <see cref="Arm"/>.</summary>
    public IReadOnlyCollection<double> Disarm()
    {
        _armed = false;
        return [.. _first.Values];
    }

    public void Emit(LogEvent logEvent)
    {
        if (_armed && logEvent.MessageTemplate.Text.StartsWith("Sending render batch", StringComparison.Ordinal)
            && logEvent.Properties.TryGetValue("ConnectionId", out var connection))
        {
            _first.TryAdd(connection.ToString(), (logEvent.Timestamp.UtcDateTime - DateTime.UnixEpoch).TotalMilliseconds);
        }
    }
}
