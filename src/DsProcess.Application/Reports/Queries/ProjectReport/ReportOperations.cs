using System.Globalization;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.Operations;
using DsProcess.Domain.Projects;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Reports.Queries.ProjectReport;

/// <summary>
/// The report's "Deployment, monitors and alerts" section: the deployments (live ones first), the three pipelines, the
/// monitors on the deployed versions with their state, the alert counts and the latest <see cref="AlertHistory"/>
/// alerts. Read in five SQL round trips whatever the number of deployments, monitors or alerts.
/// </summary>
/// <param name="Deployments">Live ones first, then the ended ones; newest first within each.</param>
/// <param name="Pipelines">The three pipelines in order (data, ML, DevOps), each with its latest run, if any.</param>
/// <param name="Monitors">The monitors in place (not removed), by model version, kind and metric.</param>
/// <param name="Alerts">The latest <see cref="AlertHistory"/> alerts at most, newest first.</param>
/// <param name="EarlierAlerts">How many older alerts the history leaves out.</param>
public sealed record ReportOperations(
    IReadOnlyList<ReportDeployment> Deployments,
    IReadOnlyList<ReportPipeline> Pipelines,
    IReadOnlyList<ReportMonitor> Monitors,
    ReportAlertCounts AlertCounts,
    IReadOnlyList<ReportAlert> Alerts,
    int EarlierAlerts)
{
    /// <summary>The most alerts the report lists: it is a document, the operations page has the rest.</summary>
    public const int AlertHistory = 20;

    /// <summary>Shown instead of the section's tables when no deployment was ever recorded.</summary>
    public const string NeverDeployed = "This project has never been deployed: no deployment has been recorded.";

    public bool EverDeployed => Deployments.Count > 0;

    internal static async Task<ReportOperations> OfProjectAsync(IAppDbContext db, Guid projectId, CancellationToken cancellationToken)
    {
        var deployments = await db.Deployments.AsNoTracking()
            .Where(d => d.ProjectId == projectId)
            .Join(db.ModelVersions, d => d.ModelVersionId, m => m.Id, (d, m) => new { Deployment = d, m.Stage })
            .ToListAsync(cancellationToken);
        var pipelines = await db.Pipelines.AsNoTracking().Where(p => p.ProjectId == projectId).ToListAsync(cancellationToken);
        var monitors = await db.Monitors.AsNoTracking()
            .Where(m => m.ProjectId == projectId && m.RemovedAt == null)
            .OrderBy(m => m.ModelName).ThenBy(m => m.Kind).ThenBy(m => m.Metric)
            .ToListAsync(cancellationToken);
        var groups = await db.Alerts.AsNoTracking()
            .Where(a => a.ProjectId == projectId)
            .GroupBy(a => new { a.Triage, Closed = a.ClosedAt != null, a.ClosedBecause })
            .Select(g => new { g.Key.Triage, g.Key.Closed, g.Key.ClosedBecause, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var latest = await db.Alerts.AsNoTracking()
            .Where(a => a.ProjectId == projectId)
            .OrderByDescending(a => a.OpenedAt).ThenByDescending(a => a.Id)
            .Take(AlertHistory)
            .ToListAsync(cancellationToken);

        var byOutcome = groups
            .GroupBy(g => Outcome(g.Triage, g.Closed, g.ClosedBecause))
            .ToDictionary(g => g.Key, g => g.Sum(x => x.Count));
        var counts = new ReportAlertCounts(
            byOutcome.GetValueOrDefault(ReportAlertOutcome.Open),
            byOutcome.GetValueOrDefault(ReportAlertOutcome.Recovered),
            byOutcome.GetValueOrDefault(ReportAlertOutcome.Dismissed),
            byOutcome.GetValueOrDefault(ReportAlertOutcome.Reworked),
            byOutcome.GetValueOrDefault(ReportAlertOutcome.MonitorRemoved));

        return new ReportOperations(
            [.. deployments
                .Select(d => new ReportDeployment(
                    d.Deployment.ModelName,
                    d.Deployment.Environment,
                    d.Deployment.Endpoint,
                    d.Deployment.DeployedByName,
                    d.Deployment.DeployedAt,
                    d.Deployment.EndedAt,
                    d.Deployment.EndedByName,
                    d.Deployment.EndReason,
                    OperationsRules.IsLive(d.Deployment.EndedAt, d.Stage)))
                .OrderByDescending(d => d.IsLive)
                .ThenByDescending(d => d.DeployedAt)],
            [.. Enum.GetValues<PipelineKind>().Select(kind => pipelines.SingleOrDefault(p => p.Kind == kind) is { } p
                ? new ReportPipeline(kind, OperationsRules.Of(kind), p.LastRunAt, p.State)
                : new ReportPipeline(kind, OperationsRules.Of(kind), null, null))],
            [.. monitors.Select(m => new ReportMonitor(
                m.ModelName,
                m.Kind,
                m.Metric,
                m.Direction,
                m.Threshold,
                m.Severity,
                m.ReworkAfterMinutes,
                m.LatestValue,
                m.LatestAt,
                m.BreachingSince))],
            counts,
            [.. latest.Select(a => new ReportAlert(
                a.OpenedAt,
                a.ModelName,
                a.Kind,
                a.Metric,
                a.Rule,
                a.Severity,
                a.OpeningValue,
                Outcome(a.Triage, a.IsClosed, a.ClosedBecause),
                Ending(a)))],
            Math.Max(0, counts.Total - latest.Count));
    }

    /// <summary>A time in the report: "2026-12-03 10:40 UTC".</summary>
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    /// <summary>A monitored value as the operations page shows it: "0.742".</summary>
    public static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static ReportAlertOutcome Outcome(AlertTriage triage, bool closed, AlertClosure? closedBecause) => triage switch
    {
        AlertTriage.ReworkOpened => ReportAlertOutcome.Reworked,
        AlertTriage.Dismissed => ReportAlertOutcome.Dismissed,
        _ when !closed => ReportAlertOutcome.Open,
        _ when closedBecause == AlertClosure.MonitorRemoved => ReportAlertOutcome.MonitorRemoved,
        _ => ReportAlertOutcome.Recovered,
    };

    // How the alert ended, in words: the triage (if any), then the end of its episode (if it ended).
    private static string Ending(Alert alert)
    {
        var triage = alert.Triage switch
        {
            AlertTriage.Dismissed => $"Dismissed by {alert.TriagedByName}{At(alert.TriagedAt)}: {alert.TriageReason}",
            AlertTriage.ReworkOpened => $"Rework iteration {alert.ReworkIteration} from {DisplayNames.Of(alert.ReworkPhase)}, opened by {alert.TriagedByName}{At(alert.TriagedAt)}",
            _ => null,
        };
        var episode = alert.ClosedAt switch
        {
            null => triage is null ? "Open" : null,
            { } closed when alert.ClosedBecause == AlertClosure.MonitorRemoved => $"Ended {Time(closed)}: monitor removed",
            { } closed => $"Recovered {Time(closed)}{(alert.ClosingValue is { } value ? $" ({Number(value)})" : "")}",
        };
        return (triage, episode) switch
        {
            (null, { } e) => e,
            ({ } t, null) => t,
            ({ } t, { } e) => $"{t}. {e}",
            _ => "Open",
        };
    }

    private static string At(DateTimeOffset? at) => at is { } a ? $" on {Time(a)}" : "";
}

/// <param name="IsLive">Not ended, and its model version not retired.</param>
/// <param name="EndedByName">Empty while the deployment runs.</param>
/// <param name="EndReason">Empty while the deployment runs.</param>
public sealed record ReportDeployment(
    string ModelName,
    DeploymentEnvironment Environment,
    string Endpoint,
    string DeployedByName,
    DateTimeOffset DeployedAt,
    DateTimeOffset? EndedAt,
    string EndedByName,
    string EndReason,
    bool IsLive)
{
    /// <summary>"Live", "Ended 2026-12-03 10:40 UTC by Lea Lead: replaced by v2", or "Model version retired".</summary>
    public string State => EndedAt switch
    {
        { } ended => $"Ended {ReportOperations.Time(ended)} by {EndedByName}: {EndReason}",
        null when IsLive => "Live",
        _ => "Model version retired",
    };
}

/// <param name="LastRunAt">Null when no run has been recorded (and so <paramref name="State"/> too).</param>
public sealed record ReportPipeline(PipelineKind Kind, string Name, DateTimeOffset? LastRunAt, PipelineState? State)
{
    public string LastRun => LastRunAt is { } at ? ReportOperations.Time(at) : "Never run";

    public string StateText => State?.ToString() ?? "—";
}

/// <param name="ReworkAfterMinutes">A rework opens by itself after this many minutes in breach; null when it never does.</param>
/// <param name="BreachingSince">When the current breach started; null when the monitor is within its threshold.</param>
public sealed record ReportMonitor(
    string ModelName,
    MonitorKind Kind,
    string Metric,
    TargetDirection Direction,
    double Threshold,
    AlertSeverity Severity,
    int? ReworkAfterMinutes,
    double? LatestValue,
    DateTimeOffset? LatestAt,
    DateTimeOffset? BreachingSince)
{
    /// <summary>"accuracy ≥ 0.8".</summary>
    public string Rule => $"{Metric} {EvidenceNames.Of(Direction)} {ReportOperations.Number(Threshold)}";

    public string ReworkAfter => ReworkAfterMinutes is { } minutes ? $"after {minutes} min" : "—";

    /// <summary>"Healthy", "Breaching since 2026-12-03 10:40 UTC", or "No signal yet".</summary>
    public string StateText => BreachingSince switch
    {
        { } since => $"Breaching since {ReportOperations.Time(since)}",
        null when LatestAt is null => "No signal yet",
        _ => "Healthy",
    };

    public string Latest => LatestValue is { } value ? $"{ReportOperations.Number(value)} ({ReportOperations.Time(LatestAt!.Value)})" : "—";
}

/// <summary>How an alert stands: the team's triage first, else its episode.</summary>
public enum ReportAlertOutcome
{
    /// <summary>Under way and not triaged.</summary>
    Open = 0,

    /// <summary>Not triaged; a later signal was within the threshold.</summary>
    Recovered = 1,

    Dismissed = 2,

    /// <summary>Turned into rework: a new iteration.</summary>
    Reworked = 3,

    /// <summary>Not triaged; the monitor was removed during the episode.</summary>
    MonitorRemoved = 4,
}

/// <param name="MonitorRemoved">Untriaged alerts ended because their monitor was removed.</param>
public sealed record ReportAlertCounts(int Open, int Recovered, int Dismissed, int Reworked, int MonitorRemoved)
{
    public int Total => Open + Recovered + Dismissed + Reworked + MonitorRemoved;

    /// <summary>"3 alerts: 1 open, 1 recovered, 1 dismissed, 0 reworked", or "No alerts."</summary>
    public string Describe() => Total == 0
        ? "No alerts."
        : $"{Total} alert{(Total == 1 ? "" : "s")}: {Open} open, {Recovered} recovered, {Dismissed} dismissed, {Reworked} reworked{(MonitorRemoved > 0 ? $", {MonitorRemoved} ended with their monitor" : "")}.";
}

/// <param name="Rule">The monitor's rule when the alert opened ("accuracy ≥ 0.8").</param>
/// <param name="Ending">How it ended, in words: "Recovered 2026-12-03 10:40 UTC (0.85)", "Dismissed by Lea Lead on …: reason", "Rework iteration 2 from Model Development, …", or "Open".</param>
public sealed record ReportAlert(
    DateTimeOffset OpenedAt,
    string ModelName,
    MonitorKind Kind,
    string Metric,
    string Rule,
    AlertSeverity Severity,
    double OpeningValue,
    ReportAlertOutcome Outcome,
    string Ending)
{
    /// <summary>"Model performance on churn-gbm v1".</summary>
    public string Monitor => $"{OperationsRules.Of(Kind)} on {ModelName}";

    /// <summary>"0.62 vs accuracy ≥ 0.8".</summary>
    public string ValueAgainstRule => $"{ReportOperations.Number(OpeningValue)} vs {Rule}";
}
