namespace DsProcess.Domain.Operations;

/// <summary>One measurement of a monitor's metric at a time (UTC); kept as the monitor's history.</summary>
public sealed class Signal
{
    private Signal()
    {
    }

    internal Signal(ModelMonitor monitor, double value, DateTimeOffset at, DateTimeOffset receivedAt)
    {
        MonitorId = monitor.Id;
        ProjectId = monitor.ProjectId;
        Value = value;
        At = at;
        ReceivedAt = receivedAt;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid MonitorId { get; private set; }

    public Guid ProjectId { get; private set; }

    public double Value { get; private set; }

    /// <summary>When the value was measured.</summary>
    public DateTimeOffset At { get; private set; }

    public DateTimeOffset ReceivedAt { get; private set; }
}
