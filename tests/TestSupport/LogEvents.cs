using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace DsProcess.Tests;

/// <summary>
/// Keeps what an app host logs (<see cref="DsProcessApp"/>'s <c>log</c>), so a test can wait for something to have
/// happened inside it or check what was written.
/// </summary>
public sealed class LogEvents : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    public IEnumerable<string> Messages => _events.Select(e => e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Each event in full: its message, every property value and its exception.</summary>
    public IEnumerable<string> Events => _events.Select(e => string.Join(
        " | ",
        [e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture), .. e.Properties.Values.Select(v => v.ToString()), e.Exception?.ToString() ?? ""]));

    /// <summary>Waits until <paramref name="times"/> messages containing <paramref name="text"/> were logged, failing after <paramref name="timeout"/>.</summary>
    public async Task WaitForAsync(string text, TimeSpan timeout, int times = 1)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (Messages.Count(m => m.Contains(text, StringComparison.Ordinal)) < times)
        {
            try
            {
                await Task.Delay(25, cancel.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"\"{text}\" was not logged {times} time(s) within {timeout.TotalSeconds:0} s.");
            }
        }
    }
}
