using DsProcess.Domain.Activity;
using DsProcess.Domain.Common;
using DsProcess.Domain.Evidence;

namespace DsProcess.Domain.Operations;

/// <summary>What a monitor is set to watch, as the ML engineer states it.</summary>
/// <param name="ReworkAfterMinutes">When set, an untriaged alert that has breached this long opens a rework by itself.</param>
public sealed record MonitorSettings(
    string Metric,
    TargetDirection Direction,
    double Threshold,
    AlertSeverity Severity,
    int? ReworkAfterMinutes = null);

/// <summary>What one signal did to its monitor: the alert it opened or the alert it closed, if any.</summary>
public sealed record SignalJudgement(Signal Signal, bool Newest, Alert? Opened, Alert? Closed);

/// <summary>
/// A monitor on a deployed model version: a metric that must stay at least (or at most) a threshold. Signals are
/// judged in order of their time: a breach opens one alert per episode, the first later signal that no longer breaches
/// closes it. A signal older than the latest one is kept as history and changes nothing.
/// </summary>
public sealed class ModelMonitor : Entity
{
    /// <summary>How far ahead of the server's clock a signal's time may be (clocks differ a little).</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private ModelMonitor()
    {
    }

    public Guid ProjectId { get; private set; }

    public Guid ModelVersionId { get; private set; }

    /// <summary>The model version's display name ("Churn model v3").</summary>
    public string ModelName { get; private set; } = "";

    public MonitorKind Kind { get; private set; }

    public string Metric { get; private set; } = "";

    public TargetDirection Direction { get; private set; }

    public double Threshold { get; private set; }

    public AlertSeverity Severity { get; private set; }

    public int? ReworkAfterMinutes { get; private set; }

    public double? LatestValue { get; private set; }

    public DateTimeOffset? LatestAt { get; private set; }

    /// <summary>When the current breach episode began (the time of its first breaching signal); null when not breaching.</summary>
    public DateTimeOffset? BreachingSince { get; private set; }

    /// <summary>The alert of the current episode; null when not breaching.</summary>
    public Guid? CurrentAlertId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public string CreatedByName { get; private set; } = "";

    public DateTimeOffset? RemovedAt { get; private set; }

    /// <summary>Concurrency token (PostgreSQL xmin).</summary>
    public uint Version { get; private set; }

    public bool IsRemoved => RemovedAt is not null;

    public bool IsBreaching => BreachingSince is not null;

    public string Describe() => $"{OperationsRules.Of(Kind)}: {Metric} {EvidenceNames.Of(Direction)} {Threshold:0.###} ({Severity})";

    /// <summary>Puts a monitor on a model version that is deployed somewhere (<paramref name="deployed"/>) and not retired.</summary>
    public static ModelMonitor Add(ModelVersion model, bool deployed, MonitorKind kind, MonitorSettings settings, Actor by, DateTimeOffset at)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new DomainRuleException("Choose a monitor kind from the list.");
        }

        if (!model.IsInPlay || !deployed)
        {
            throw new DomainRuleException($"{model.DisplayName} has no live deployment; monitors watch a deployed model version.");
        }

        var monitor = new ModelMonitor
        {
            ProjectId = model.ProjectId,
            ModelVersionId = model.Id,
            ModelName = model.DisplayName,
            Kind = kind,
            CreatedAt = at,
            CreatedByName = by.Name,
        };
        monitor.Apply(settings);
        monitor.Record(ActivityEntry.Create(monitor.ProjectId, ActivityKind.MonitorAdded, by, at, monitor.ModelName, to: monitor.Describe()));
        return monitor;
    }

    /// <summary>Changes what the monitor watches for; an episode under way is judged by the new settings from the next signal.</summary>
    public void Change(MonitorSettings settings, Actor by, DateTimeOffset at)
    {
        EnsureNotRemoved();
        var before = Describe();
        var beforeRework = ReworkAfterMinutes;
        Apply(settings);
        if (before != Describe() || beforeRework != ReworkAfterMinutes)
        {
            Record(ActivityEntry.Create(ProjectId, ActivityKind.MonitorChanged, by, at, ModelName, from: before, to: Describe()));
        }
    }

    /// <summary>Removes the monitor; the alert of an episode under way (<paramref name="current"/>) is closed with it.</summary>
    public Alert? Remove(Alert? current, Actor by, DateTimeOffset at)
    {
        EnsureNotRemoved();
        EnsureCurrent(current);
        RemovedAt = at;
        current?.Close(AlertClosure.MonitorRemoved, null, at, by, at);
        BreachingSince = null;
        CurrentAlertId = null;
        Record(ActivityEntry.Create(ProjectId, ActivityKind.MonitorRemoved, by, at, ModelName, from: Describe()));
        return current;
    }

    public bool Breaches(double value) => OperationsRules.Breaches(Direction, Threshold, value);

    /// <summary>
    /// Judges one signal. <paramref name="current"/> is the alert of the episode under way (<see cref="CurrentAlertId"/>).
    /// Only a signal newer than the latest changes the state: a breach when not breaching opens an alert, a value
    /// within the threshold while breaching closes the episode's alert; anything else only updates the latest value.
    /// </summary>
    public SignalJudgement Judge(double value, DateTimeOffset signalAt, Alert? current, Actor by, DateTimeOffset at)
    {
        EnsureNotRemoved();
        EnsureCurrent(current);
        if (!double.IsFinite(value))
        {
            throw new DomainRuleException("A signal's value must be a finite number.");
        }

        // Judged as stored: PostgreSQL keeps microseconds, so a repeat of the latest signal compares equal after a reload.
        signalAt = OperationsRules.AsStored(signalAt);
        if (signalAt > at + ClockSkew)
        {
            throw new DomainRuleException($"A signal at {signalAt:u} is in the future; send the time it was measured, in UTC.");
        }

        var signal = new Signal(this, value, signalAt, at);
        if (LatestAt is { } latest && signalAt <= latest)
        {
            return new SignalJudgement(signal, Newest: false, null, null);
        }

        LatestAt = signalAt;
        LatestValue = value;
        MarkChanged(at);
        var breach = Breaches(value);
        if (breach && BreachingSince is null)
        {
            var opened = Alert.Open(this, value, signalAt, by, at);
            BreachingSince = signalAt;
            CurrentAlertId = opened.Id;
            return new SignalJudgement(signal, Newest: true, opened, null);
        }

        if (!breach && current is not null)
        {
            current.Close(AlertClosure.Recovered, value, signalAt, by, at);
            BreachingSince = null;
            CurrentAlertId = null;
            return new SignalJudgement(signal, Newest: true, null, current);
        }

        return new SignalJudgement(signal, Newest: true, null, null);
    }

    /// <summary>
    /// Whether the episode's alert should open a rework by itself at <paramref name="now"/>: the monitor asks for it,
    /// the alert is not triaged, and the breach has lasted <see cref="ReworkAfterMinutes"/>, counted from its first
    /// breaching signal with no recovering signal since (a pipeline that stops posting does not stop the clock).
    /// </summary>
    public bool IsDueForRework(Alert? current, DateTimeOffset now) =>
        ReworkAfterMinutes is { } minutes && current is { Triage: AlertTriage.None, IsClosed: false } && current.MonitorId == Id
        && BreachingSince is { } since && now - since >= TimeSpan.FromMinutes(minutes);

    private void Apply(MonitorSettings settings)
    {
        if (!Enum.IsDefined(settings.Direction) || !Enum.IsDefined(settings.Severity) || !double.IsFinite(settings.Threshold))
        {
            throw new DomainRuleException("A monitor needs a direction and a severity from the lists and a finite threshold.");
        }

        if (settings.ReworkAfterMinutes is < 1 or > Limits.ReworkAfterMinutes)
        {
            throw new DomainRuleException($"Open rework after 1 to {Limits.ReworkAfterMinutes} minutes of breach, or not by itself.");
        }

        Metric = Guard.Text(settings.Metric, "Metric", Limits.MetricName);
        Direction = settings.Direction;
        Threshold = settings.Threshold;
        Severity = settings.Severity;
        ReworkAfterMinutes = settings.ReworkAfterMinutes;
    }

    private void EnsureNotRemoved()
    {
        if (IsRemoved)
        {
            throw new DomainRuleException($"The monitor {Describe()} on {ModelName} has been removed.");
        }
    }

    private void EnsureCurrent(Alert? current)
    {
        if (current?.Id != CurrentAlertId)
        {
            throw new DomainRuleException("Judge a signal with the monitor's own current alert.");
        }
    }
}
