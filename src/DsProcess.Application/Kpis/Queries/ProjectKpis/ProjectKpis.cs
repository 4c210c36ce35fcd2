using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.Kpis;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Kpis.Queries.ProjectKpis;

/// <summary>A project's business KPIs with their values over time, the latest against the target.</summary>
public sealed record ProjectKpisQuery(string Key) : IQuery<ProjectKpisDto>;

/// <param name="CanDefine">The caller may add, change and remove KPIs (team lead).</param>
/// <param name="CanRecord">The caller may record KPI values (team lead, data scientists).</param>
/// <param name="MeetsAll">There is at least one KPI and every one's latest value meets its target.</param>
public sealed record ProjectKpisDto(Guid ProjectId, string Key, string Name, bool CanDefine, bool CanRecord, IReadOnlyList<KpiRow> Kpis)
{
    public bool MeetsAll => Kpis.Count > 0 && Kpis.All(k => k.Result == TargetResult.Met);
}

/// <param name="Description">The definition in words ("Conversion rate ≥ 5 % (baseline 3.2 %)").</param>
/// <param name="Result">How the latest value stands against the target; <see cref="TargetResult.Missing"/> before the first value.</param>
/// <param name="Values">Oldest first by measurement time.</param>
public sealed record KpiRow(
    Guid Id,
    string Name,
    string Unit,
    double? Baseline,
    double Target,
    TargetDirection Direction,
    string Description,
    double? LatestValue,
    DateTimeOffset? LatestAt,
    TargetResult Result,
    IReadOnlyList<KpiValue> Values,
    uint Version)
{
    public static KpiRow Of(BusinessKpi kpi) => new(
        kpi.Id, kpi.Name, kpi.Unit, kpi.Baseline, kpi.Target, kpi.Direction, kpi.Describe(), kpi.LatestValue, kpi.LatestAt, kpi.Result, kpi.Values, kpi.Version);

    /// <summary>Reads a project's KPIs, ordered by name.</summary>
    internal static async Task<List<KpiRow>> OfProjectAsync(IAppDbContext db, Guid projectId, CancellationToken cancellationToken)
    {
        var kpis = await db.Kpis.AsNoTracking().Where(k => k.ProjectId == projectId).ToListAsync(cancellationToken);
        return [.. kpis.OrderBy(k => k.Name, StringComparer.OrdinalIgnoreCase).Select(Of)];
    }
}

public sealed class ProjectKpisQueryHandler(IAppDbContext db, Access access) : IQueryHandler<ProjectKpisQuery, ProjectKpisDto>
{
    public async ValueTask<ProjectKpisDto> Handle(ProjectKpisQuery query, CancellationToken cancellationToken)
    {
        var project = await access.ToProjectByKeyAsync(query.Key, cancellationToken);
        var me = project.Me;
        var kpis = await KpiRow.OfProjectAsync(db, project.Id, cancellationToken);
        return new ProjectKpisDto(project.Id, project.Key, project.Name, me.CanDefineKpis, me.CanRecordKpiValues, kpis);
    }
}
