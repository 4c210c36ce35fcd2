using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace DsProcess.Web.Tests;

/// <summary>One measurement an instrument reported, with its tags.</summary>
public sealed record RecordedMeasurement(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags);

/// <summary>
/// Listens in-process, as an OpenTelemetry SDK would, without one: the activities of some sources (every host in the
/// process reports to the same static sources, so tests tell theirs apart by trace) and the measurements of one app's
/// meters (those its own meter factory made, so other hosts in the process do not count).
/// </summary>
public sealed class TelemetryRecorder : IDisposable
{
    private readonly ActivityListener _activities;
    private readonly MeterListener _meters;
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ConcurrentQueue<RecordedMeasurement> _measurements = new();

    public TelemetryRecorder(IServiceProvider app, string[] sources, string[] instruments)
    {
        _activities = new ActivityListener
        {
            ShouldListenTo = source => sources.Contains(source.Name),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_activities);

        var factory = app.GetRequiredService<IMeterFactory>();
        _meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Scope == factory && instruments.Contains(instrument.Name))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meters.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meters.Start();
    }

    public IReadOnlyList<Activity> Stopped => [.. _stopped];

    /// <summary>The measurements so far; observable instruments are asked for theirs first.</summary>
    public IReadOnlyList<RecordedMeasurement> Measurements(string instrument)
    {
        _meters.RecordObservableInstruments();
        return [.. _measurements.Where(m => m.Instrument == instrument)];
    }

    public void Dispose()
    {
        _activities.Dispose();
        _meters.Dispose();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var (key, tagValue) in tags)
        {
            copy[key] = tagValue;
        }

        _measurements.Enqueue(new RecordedMeasurement(instrument.Name, value, copy));
    }
}
