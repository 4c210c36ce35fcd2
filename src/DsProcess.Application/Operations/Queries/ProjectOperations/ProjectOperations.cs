using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.Operations;
using DsProcess.Domain.Projects;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Operations.Queries.ProjectOperations;

/// <summary>
/// A project's operations: its deployments, its three pipelines, its monitors with their latest value and state, and
/// its open and recent alerts. <see cref="RecentAlerts"/> alerts at most are listed besides the open ones.
/// </summary>
public sealed record ProjectOperationsQuery(string Key, int RecentAlerts = 50) : IQuery<ProjectOperationsDto>;

/// <param name="CanOperate">The caller may record deployments and pipeline runs, and add, change or remove monitors and send their signals.</param>
/// <param name="CanTriage">The caller may dismiss alerts or turn them into rework.</param>
/// <param name="Deployments">Live ones first, then the ended ones; newest first within each.</param>
/// <param name="Pipelines">The three pipelines in order (data, ML, DevOps), each with its latest run, if any.</param>
/// <param name="OpenAlerts">Alerts needing someone: the episode is under way and nobody has triaged it; most severe first.</param>
/// <param name="RecentAlerts">The latest alerts in any state, newest first.</param>
/// <param name="DeployableVersions">The project's model versions in play, to deploy or put a monitor on, newest first.</param>
public sealed record ProjectOperationsDto(
    Guid ProjectId,
    string Key,
    string Name,
    ProjectStatus Status,
    bool CanOperate,
    bool CanTriage,
    IReadOnlyList<DeploymentRow> Deployments,
    IReadOnlyList<PipelineRow> Pipelines,
    IReadOnlyList<MonitorRow> Monitors,
    IReadOnlyList<AlertRow> OpenAlerts,
    IReadOnlyList<AlertRow> RecentAlerts,
    IReadOnlyList<ModelVersionChoice> DeployableVersions);

public sealed record DeploymentRow(
    Guid Id,
    Guid ModelVersionId,
    string ModelName,
    ModelStage ModelStage,
    DeploymentEnvironment Environment,
    string Endpoint,
    string DeployedByName,
    DateTimeOffset DeployedAt,
    DateTimeOffset? EndedAt,
    string EndedByName,
    string EndReason,
    bool IsLive,
    uint Version);

/// <param name="LastRunAt">Null when no run has been recorded yet (and so <paramref name="State"/> too).</param>
public sealed record PipelineRow(PipelineKind Kind, string Name, DateTimeOffset? LastRunAt, PipelineState? State, string Note, string Link, string RecordedByName);

/// <param name="Description">The rule in words: "Model performance: accuracy ≥ 0.8 (Critical)".</param>
public sealed record MonitorRow(
    Guid Id,
    Guid ModelVersionId,
    string ModelName,
    MonitorKind Kind,
    string Metric,
    TargetDirection Direction,
    double Threshold,
    AlertSeverity Severity,
    int? ReworkAfterMinutes,
    double? LatestValue,
    DateTimeOffset? LatestAt,
    bool IsBreaching,
    DateTimeOffset? BreachingSince,
    Guid? CurrentAlertId,
    string Description,
    uint Version);

/// <param name="IsOpen">Needs someone: the episode is under way and nobody has triaged it.</param>
/// <param name="CanTriage">The caller may dismiss it or turn it into rework now.</param>
/// <param name="ReworkPhase">The phase a rework of this alert starts from.</param>
public sealed record AlertRow(
    Guid Id,
    Guid MonitorId,
    Guid ModelVersionId,
    string ModelName,
    MonitorKind Kind,
    string Metric,
    string Rule,
    AlertSeverity Severity,
    DateTimeOffset OpenedAt,
    double OpeningValue,
    DateTimeOffset? ClosedAt,
    AlertClosure? ClosedBecause,
    double? ClosingValue,
    AlertTriage Triage,
    string TriageReason,
    string TriagedByName,
    DateTimeOffset? TriagedAt,
    int? ReworkIteration,
    PhaseKind ReworkPhase,
    bool IsOpen,
    bool CanTriage,
    uint Version);

public sealed record ModelVersionChoice(Guid Id, string DisplayName, ModelStage Stage);

public sealed class ProjectOperationsQueryHandler(IAppDbContext db, Access access) : IQueryHandler<ProjectOperationsQuery, ProjectOperationsDto>
{
    public async ValueTask<ProjectOperationsDto> Handle(ProjectOperationsQuery query, CancellationToken cancellationToken)
    {
        var project = await access.ToProjectByKeyAsync(query.Key, cancellationToken);
        var me = project.Me;

        var deployments = await db.Deployments.AsNoTracking()
            .Where(d => d.ProjectId == project.Id)
            .Join(db.ModelVersions, d => d.ModelVersionId, m => m.Id, (d, m) => new { d, m.Stage })
            .OrderByDescending(x => x.d.DeployedAt)
            .Select(x => new DeploymentRow(
                x.d.Id,
                x.d.ModelVersionId,
                x.d.ModelName,
                x.Stage,
                x.d.Environment,
                x.d.Endpoint,
                x.d.DeployedByName,
                x.d.DeployedAt,
                x.d.EndedAt,
                x.d.EndedByName,
                x.d.EndReason,
                false,
                x.d.Version))
            .ToListAsync(cancellationToken);
        var pipelines = await db.Pipelines.AsNoTracking().Where(p => p.ProjectId == project.Id).ToListAsync(cancellationToken);
        var monitors = await db.Monitors.AsNoTracking()
            .Where(m => m.ProjectId == project.Id && m.RemovedAt == null)
            .OrderBy(m => m.ModelName).ThenBy(m => m.Kind).ThenBy(m => m.Metric)
            .ToListAsync(cancellationToken);
        var openAlerts = await db.Alerts.AsNoTracking()
            .Where(a => a.ProjectId == project.Id && a.ClosedAt == null && a.Triage == AlertTriage.None)
            .OrderByDescending(a => a.Severity).ThenBy(a => a.OpenedAt)
            .ToListAsync(cancellationToken);
        var recentAlerts = await db.Alerts.AsNoTracking()
            .Where(a => a.ProjectId == project.Id)
            .OrderByDescending(a => a.OpenedAt).ThenByDescending(a => a.Id)
            .Take(Math.Clamp(query.RecentAlerts, 0, 500))
            .ToListAsync(cancellationToken);
        var versions = await db.ModelVersions.AsNoTracking()
            .Where(m => m.ProjectId == project.Id && m.Stage != ModelStage.Retired)
            .OrderByDescending(m => m.RegisteredAt)
            .Select(m => new ModelVersionChoice(m.Id, m.Name + " " + m.Label, m.Stage))
            .ToListAsync(cancellationToken);

        return new ProjectOperationsDto(
            project.Id,
            project.Key,
            project.Name,
            project.Status,
            me.CanOperate,
            me.CanTriageAlerts,
            [.. deployments
                .Select(d => d with { IsLive = OperationsRules.IsLive(d.EndedAt, d.ModelStage) })
                .OrderByDescending(d => d.IsLive)
                .ThenByDescending(d => d.DeployedAt)],
            [.. Enum.GetValues<PipelineKind>().Select(kind => pipelines.SingleOrDefault(p => p.Kind == kind) is { } p
                ? new PipelineRow(kind, OperationsRules.Of(kind), p.LastRunAt, p.State, p.Note, p.Link, p.RecordedByName)
                : new PipelineRow(kind, OperationsRules.Of(kind), null, null, "", "", ""))],
            [.. monitors.Select(m => new MonitorRow(
                m.Id,
                m.ModelVersionId,
                m.ModelName,
                m.Kind,
                m.Metric,
                m.Direction,
                m.Threshold,
                m.Severity,
                m.ReworkAfterMinutes,
                m.LatestValue,
                m.LatestAt,
                m.IsBreaching,
                m.BreachingSince,
                m.CurrentAlertId,
                m.Describe(),
                m.Version))],
            [.. openAlerts.Select(a => Row(a, me))],
            [.. recentAlerts.Select(a => Row(a, me))],
            versions);
    }

    internal static AlertRow Row(Alert a, ProjectAccess me) => new(
        a.Id,
        a.MonitorId,
        a.ModelVersionId,
        a.ModelName,
        a.Kind,
        a.Metric,
        a.Rule,
        a.Severity,
        a.OpenedAt,
        a.OpeningValue,
        a.ClosedAt,
        a.ClosedBecause,
        a.ClosingValue,
        a.Triage,
        a.TriageReason,
        a.TriagedByName,
        a.TriagedAt,
        a.ReworkIteration,
        a.ReworkPhase,
        a.IsOpen,
        a.CanBeTriaged && me.CanTriageAlerts,
        a.Version);
}
