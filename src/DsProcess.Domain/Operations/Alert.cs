using DsProcess.Domain.Activity;
using DsProcess.Domain.Common;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.Projects;

namespace DsProcess.Domain.Operations;

/// <summary>
/// One breach episode of a monitor: opened by the first breaching signal, closed by the first later one within the
/// threshold. The team triages it once: dismissed (with a reason; the episode still runs until recovery, so no new
/// alert meanwhile) or turned into rework (a new iteration from the phase that fits the monitor's kind).
/// </summary>
public sealed class Alert : Entity
{
    private Alert()
    {
    }

    public Guid ProjectId { get; private set; }

    public Guid MonitorId { get; private set; }

    public Guid ModelVersionId { get; private set; }

    public string ModelName { get; private set; } = "";

    public MonitorKind Kind { get; private set; }

    public string Metric { get; private set; } = "";

    /// <summary>The monitor's rule when the alert opened ("accuracy ≥ 0.8").</summary>
    public string Rule { get; private set; } = "";

    public AlertSeverity Severity { get; private set; }

    /// <summary>The time of the first breaching signal.</summary>
    public DateTimeOffset OpenedAt { get; private set; }

    public double OpeningValue { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public AlertClosure? ClosedBecause { get; private set; }

    public double? ClosingValue { get; private set; }

    public AlertTriage Triage { get; private set; }

    public string TriageReason { get; private set; } = "";

    public string TriagedByName { get; private set; } = "";

    public DateTimeOffset? TriagedAt { get; private set; }

    /// <summary>The project iteration the rework started, for an alert triaged as rework.</summary>
    public int? ReworkIteration { get; private set; }

    /// <summary>Concurrency token (PostgreSQL xmin).</summary>
    public uint Version { get; private set; }

    public bool IsClosed => ClosedAt is not null;

    /// <summary>Needs someone's attention: the episode is under way and nobody has triaged it.</summary>
    public bool IsOpen => !IsClosed && Triage == AlertTriage.None;

    /// <summary>The phase a rework of this alert starts from.</summary>
    public PhaseKind ReworkPhase => OperationsRules.ReworkPhase(Kind);

    /// <summary>What the alert says, in words: also the reason of a rework opened from it.</summary>
    public string Summary => $"{OperationsRules.Of(Kind)} alert on {ModelName}: {Metric} was {OpeningValue:0.###} at {OpenedAt:u}, the rule is {Rule}";

    /// <summary>Whether the alert may still be dismissed or turned into rework: once, by someone.</summary>
    public bool CanBeTriaged => Triage == AlertTriage.None;

    internal static Alert Open(ModelMonitor monitor, double value, DateTimeOffset signalAt, Actor by, DateTimeOffset at)
    {
        var alert = new Alert
        {
            ProjectId = monitor.ProjectId,
            MonitorId = monitor.Id,
            ModelVersionId = monitor.ModelVersionId,
            ModelName = monitor.ModelName,
            Kind = monitor.Kind,
            Metric = monitor.Metric,
            Rule = $"{monitor.Metric} {EvidenceNames.Of(monitor.Direction)} {monitor.Threshold:0.###}",
            Severity = monitor.Severity,
            OpenedAt = signalAt,
            OpeningValue = value,
        };
        alert.Record(ActivityEntry.Create(
            alert.ProjectId, ActivityKind.AlertOpened, by, at, $"{alert.Metric} on {alert.ModelName}", to: $"{value:0.###} ({alert.Severity}; the rule is {alert.Rule})"));
        return alert;
    }

    internal void Close(AlertClosure because, double? value, DateTimeOffset closedAt, Actor by, DateTimeOffset at)
    {
        if (IsClosed)
        {
            throw new DomainRuleException("This alert's episode has already ended.");
        }

        ClosedAt = closedAt;
        ClosedBecause = because;
        ClosingValue = value;
        Record(ActivityEntry.Create(
            ProjectId,
            ActivityKind.AlertClosed,
            by,
            at,
            $"{Metric} on {ModelName}",
            to: because == AlertClosure.Recovered ? $"Recovered: {value:0.###}" : "Monitor removed"));
    }

    /// <summary>Dismisses the alert with a reason; the episode goes on until a signal recovers, with no new alert meanwhile.</summary>
    public void Dismiss(string reason, Actor by, DateTimeOffset at)
    {
        var why = Guard.Text(reason, "The reason for dismissing", Limits.Reason);
        EnsureUntriaged();
        Triage = AlertTriage.Dismissed;
        Triaged(why, by, at);
        Record(ActivityEntry.Create(ProjectId, ActivityKind.AlertTriaged, by, at, $"{Metric} on {ModelName}", to: "Dismissed", reason: why));
    }

    /// <summary>
    /// Turns the alert into rework: the project starts a new iteration from <see cref="ReworkPhase"/>, its reason taken
    /// from the alert (and the note, if any).
    /// </summary>
    public void OpenRework(Project project, string? note, Actor by, DateTimeOffset at)
    {
        if (project.Id != ProjectId)
        {
            throw new DomainRuleException("That alert belongs to another project.");
        }

        EnsureUntriaged();
        var trimmed = Guard.OptionalText(note, "The note", Limits.Reason);
        var reason = trimmed.Length == 0 ? Summary : $"{Summary}. {trimmed}";
        if (reason.Length > Limits.Reason)
        {
            reason = reason[..Limits.Reason];
        }

        project.StartReworkFromOperations(ReworkPhase, reason, by, at);
        Triage = AlertTriage.ReworkOpened;
        ReworkIteration = project.Iteration;
        Triaged(reason, by, at);
        Record(ActivityEntry.Create(
            ProjectId, ActivityKind.AlertTriaged, by, at, $"{Metric} on {ModelName}", ReworkPhase, to: $"Rework from {DisplayNames.Of(ReworkPhase)}, iteration {project.Iteration}", reason: trimmed));
    }

    private void Triaged(string reason, Actor by, DateTimeOffset at)
    {
        TriageReason = reason;
        TriagedByName = by.Name;
        TriagedAt = at;
    }

    private void EnsureUntriaged()
    {
        if (!CanBeTriaged)
        {
            throw new DomainRuleException(Triage == AlertTriage.Dismissed
                ? $"This alert was dismissed by {TriagedByName}."
                : $"This alert already opened a rework (iteration {ReworkIteration}).");
        }
    }
}
