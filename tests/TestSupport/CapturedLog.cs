using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace DsProcess.Tests;

/// <summary>Keeps what the app logs, each event as its rendered message followed by its property values.</summary>
public sealed class CapturedLog : ILogEventSink
{
    private readonly ConcurrentQueue<string> _events = new();

    public IReadOnlyCollection<string> Events => _events;

    public void Emit(LogEvent logEvent) =>
        _events.Enqueue(string.Join(" | ", [logEvent.RenderMessage(), .. logEvent.Properties.Values.Select(v => v.ToString()), logEvent.Exception?.ToString() ?? ""]));
}
