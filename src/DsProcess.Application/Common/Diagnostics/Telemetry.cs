using System.Diagnostics;

namespace DsProcess.Application.Common.Diagnostics;

/// <summary>
/// The names under which the app reports its own traces and metrics; OpenTelemetry subscribes to them by these names
/// when an exporter is configured. Without a listener, starting an activity returns null and recording a measurement
/// does nothing.
/// </summary>
public static class Telemetry
{
    /// <summary>The source of one span per command or query, named after the message's type.</summary>
    public const string ActivitySourceName = "DsProcess.Application";

    /// <summary>The meter of the app's own metrics (messages, change feed, webhook queue).</summary>
    public const string MeterName = "DsProcess";

    internal static readonly ActivitySource Messages = new(ActivitySourceName);
}
