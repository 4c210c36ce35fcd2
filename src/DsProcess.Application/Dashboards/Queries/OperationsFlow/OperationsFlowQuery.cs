using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.Operations;
using DsProcess.Domain.People;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Dashboards.Queries.OperationsFlow;

/// <summary>
/// Flow in operation over a period, for the alerts opened in it: hours from an alert to the rework it started, hours
/// to recovery (the value back within the threshold), and alerts per monitored model version per month. For the same
/// callers and projects as the other flow metrics.
/// </summary>
[RequiresSystemRole(SystemRole.Admin, SystemRole.Viewer, SystemRole.TeamLead)]
public sealed record OperationsFlowQuery(int PeriodDays = 90) : IQuery<OperationsFlowDto>;

/// <param name="Alerts">Alerts opened in the period.</param>
/// <param name="MonitoredModels">Model versions with a monitor in the projects in scope.</param>
/// <param name="AlertsPerModelPerMonth">Alerts per monitored model version per 30 days; null without a monitored model.</param>
public sealed record OperationsFlowDto(
    int PeriodDays,
    int Alerts,
    int MonitoredModels,
    double? AlertsPerModelPerMonth,
    Spread ToReworkHours,
    Spread ToRecoveryHours);

/// <summary>Mean and 85th percentile (interpolated, as PostgreSQL's <c>percentile_cont</c>) of a set of durations.</summary>
public sealed record Spread(double? Mean, double? P85, int Samples)
{
    public static Spread Of(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
        {
            return new Spread(null, null, 0);
        }

        var sorted = values.Order().ToArray();
        var position = (sorted.Length - 1) * 0.85;
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        var p85 = sorted[below] + ((sorted[above] - sorted[below]) * (position - below));
        return new Spread(sorted.Average(), p85, sorted.Length);
    }
}

public sealed class OperationsFlowQueryHandler(IAppDbContext db, Access access, TimeProvider clock) : IQueryHandler<OperationsFlowQuery, OperationsFlowDto>
{
    public async ValueTask<OperationsFlowDto> Handle(OperationsFlowQuery query, CancellationToken cancellationToken)
    {
        var since = clock.GetUtcNow().AddDays(-query.PeriodDays);
        var scope = await DashboardScope.OfCallerAsync(access, cancellationToken);
        var alerts = db.Alerts.AsNoTracking().Where(a => a.OpenedAt >= since);
        var monitors = db.Monitors.AsNoTracking();
        if (scope.ProjectIds is { } ids)
        {
            alerts = alerts.Where(a => ids.Contains(a.ProjectId));
            monitors = monitors.Where(m => ids.Contains(m.ProjectId));
        }

        var opened = await alerts
            .Select(a => new
            {
                a.OpenedAt,
                ReworkAt = a.Triage == AlertTriage.ReworkOpened ? a.TriagedAt : null,
                RecoveredAt = a.ClosedBecause == AlertClosure.Recovered ? a.ClosedAt : null,
            })
            .ToListAsync(cancellationToken);
        var models = await monitors.Select(m => m.ModelVersionId).Distinct().CountAsync(cancellationToken);
        static double Hours(DateTimeOffset from, DateTimeOffset to) => (to - from).TotalHours;
        return new OperationsFlowDto(
            query.PeriodDays,
            opened.Count,
            models,
            models == 0 ? null : opened.Count / (double)models / (query.PeriodDays / 30.0),
            Spread.Of([.. opened.Where(a => a.ReworkAt is not null).Select(a => Hours(a.OpenedAt, a.ReworkAt!.Value))]),
            Spread.Of([.. opened.Where(a => a.RecoveredAt is not null).Select(a => Hours(a.OpenedAt, a.RecoveredAt!.Value))]));
    }
}
