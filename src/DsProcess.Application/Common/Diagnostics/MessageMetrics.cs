using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace DsProcess.Application.Common.Diagnostics;

/// <summary>How long each command and query takes, by message name (<c>dsprocess.message.duration</c>).</summary>
public sealed class MessageMetrics
{
    public const string DurationName = "dsprocess.message.duration";

    private readonly Histogram<double> _duration;

    public MessageMetrics(IMeterFactory meters)
    {
        _duration = meters.Create(Telemetry.MeterName).CreateHistogram(
            DurationName,
            unit: "s",
            description: "Time to handle a command or query through the whole pipeline (authorization and validation included).",
            advice: new InstrumentAdvice<double>
            {
                // Most messages take a few milliseconds; the slow-message warning starts at half a second.
                HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
            });
    }

    /// <param name="error">The exception's type name when the message was refused or failed; null when it succeeded.</param>
    public void Record(string message, TimeSpan elapsed, string? error)
    {
        if (!_duration.Enabled)
        {
            return;
        }

        var tags = new TagList { { "message", message } };
        if (error is not null)
        {
            tags.Add("error.type", error);
        }

        _duration.Record(elapsed.TotalSeconds, tags);
    }
}
