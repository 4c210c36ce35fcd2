using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.People;
using DsProcess.Domain.Projects;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Dashboards.Queries.Portfolio;

/// <summary>Projects per current phase and per health, of those the caller may see, with the options of the dashboard's filters.</summary>
[RequiresSystemRole(SystemRole.Admin, SystemRole.Viewer, SystemRole.TeamLead)]
public sealed record PortfolioQuery(DashboardFilter Filter) : IQuery<PortfolioDto>;

/// <param name="MeetingTargets">Projects with a model version still in play that meets every one of their metric targets on a hold-out split.</param>
/// <param name="MeetingKpis">Projects with at least one business KPI whose KPIs all meet their targets (by their latest values): the business impact.</param>
/// <param name="OnHold">Projects on hold: paused by their team lead, so neither overdue nor at risk (their health is Not active).</param>
public sealed record PortfolioDto(
    int Projects,
    int OpenTasks,
    int OverdueTasks,
    int AwaitingGates,
    int OpenHandoffs,
    IReadOnlyList<PhaseCount> ByPhase,
    IReadOnlyList<HealthCount> ByHealth,
    IReadOnlyList<LeadOption> Leads,
    IReadOnlyList<int> Iterations,
    bool IsWholePortfolio,
    int MeetingTargets,
    int MeetingKpis,
    int OnHold);

/// <summary>Projects whose current phase is <see cref="Phase"/>; null counts completed projects.</summary>
public sealed record PhaseCount(PhaseKind? Phase, int Projects);

public sealed record HealthCount(ProjectHealth Health, int Projects);

public sealed record LeadOption(Guid Id, string Name);

internal sealed record Cell(int Phase, ProjectHealth Health, int Projects, int OpenTasks, int OverdueTasks, int AwaitingGates, int OpenHandoffs);

public sealed class PortfolioQueryHandler(IAppDbContext db, Access access) : IQueryHandler<PortfolioQuery, PortfolioDto>
{
    public async ValueTask<PortfolioDto> Handle(PortfolioQuery query, CancellationToken cancellationToken)
    {
        // On the whole portfolio without a lead filter the precomputed counts answer (a few hundred rows whatever the
        // portfolio); one lead's projects, or the projects a team lead is on, are few, so they are counted from their
        // own rows.
        var scope = await DashboardScope.OfCallerAsync(access, cancellationToken);
        var cells = query.Filter.LeadId is null && scope.IsWholePortfolio
            ? await query.Filter.Apply(db.Portfolio.AsNoTracking())
                .GroupBy(c => new { c.Phase, c.Health })
                .Select(g => new Cell(
                    g.Key.Phase,
                    g.Key.Health,
                    g.Sum(c => c.Projects),
                    g.Sum(c => c.OpenTasks),
                    g.Sum(c => c.OverdueTasks),
                    g.Sum(c => c.AwaitingGates),
                    g.Sum(c => c.OpenHandoffs)))
                .ToListAsync(cancellationToken)
            : await query.Filter.Apply(scope.Projects(db))
                .GroupBy(p => new { Phase = p.CurrentPhase == null ? 0 : (int)p.CurrentPhase, p.Health })
                .Select(g => new Cell(
                    g.Key.Phase,
                    g.Key.Health,
                    g.Count(),
                    g.Sum(p => p.OpenTasks),
                    g.Sum(p => p.OverdueTasks),
                    g.Sum(p => p.AwaitingGates),
                    g.Sum(p => p.OpenHandoffs)))
                .ToListAsync(cancellationToken);
        var leads = scope.IsWholePortfolio
            ? await db.DashboardLeads.AsNoTracking()
                .Where(l => l.Projects > 0)
                .OrderBy(l => l.Name)
                .Select(l => new LeadOption(l.LeadId, l.Name))
                .ToListAsync(cancellationToken)
            : await scope.Projects(db)
                .Where(p => p.LeadId != null)
                .Select(p => new { Id = p.LeadId!.Value, Name = p.LeadName! })
                .Distinct()
                .OrderBy(l => l.Name)
                .Select(l => new LeadOption(l.Id, l.Name))
                .ToListAsync(cancellationToken);
        var iterations = scope.IsWholePortfolio
            ? await db.Portfolio.AsNoTracking()
                .Where(c => c.Projects > 0)
                .Select(c => c.Iteration)
                .Distinct()
                .OrderBy(i => i)
                .ToListAsync(cancellationToken)
            : await scope.Projects(db)
                .Select(p => p.Iteration)
                .Distinct()
                .OrderBy(i => i)
                .ToListAsync(cancellationToken);

        // Few versions meet their targets, so the count starts from them (a partial index) and checks each one's project
        // against the filter and the caller's scope. A version counts as the gate counts it: in play and judged on a
        // hold-out split.
        var meeting = db.ModelVersions.Where(GateEvidence.MeetsTargetsOnHoldOut).Select(m => m.ProjectId);
        var meetingTargets = await query.Filter.Apply(scope.Projects(db)).CountAsync(p => meeting.Contains(p.ProjectId), cancellationToken);

        // A project meets its KPIs when it has one and none falls short; the latest value's verdict is stored on the KPI.
        var withKpis = db.Kpis.Select(k => k.ProjectId);
        var shortOfKpis = db.Kpis.Where(k => !k.IsMet).Select(k => k.ProjectId);
        var meetingKpis = await query.Filter.Apply(scope.Projects(db))
            .CountAsync(p => withKpis.Contains(p.ProjectId) && !shortOfKpis.Contains(p.ProjectId), cancellationToken);

        var onHold = query.Filter.LeadId is null && scope.IsWholePortfolio
            ? await query.Filter.Apply(db.Portfolio.AsNoTracking()).Where(c => c.Status == ProjectStatus.OnHold).SumAsync(c => c.Projects, cancellationToken)
            : await query.Filter.Apply(scope.Projects(db)).CountAsync(p => p.Status == ProjectStatus.OnHold, cancellationToken);

        return new PortfolioDto(
            cells.Sum(c => c.Projects),
            cells.Sum(c => c.OpenTasks),
            cells.Sum(c => c.OverdueTasks),
            cells.Sum(c => c.AwaitingGates),
            cells.Sum(c => c.OpenHandoffs),
            [.. Enum.GetValues<PhaseKind>().Select(k => new PhaseCount(k, cells.Where(c => c.Phase == (int)k).Sum(c => c.Projects))),
                new PhaseCount(null, cells.Where(c => c.Phase == 0).Sum(c => c.Projects))],
            [.. Enum.GetValues<ProjectHealth>().Select(h => new HealthCount(h, cells.Where(c => c.Health == h).Sum(c => c.Projects)))],
            leads,
            iterations,
            scope.IsWholePortfolio,
            meetingTargets,
            meetingKpis,
            onHold);
    }
}
