using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.People;
using DsProcess.Domain.Projects;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Dashboards.Queries.Portfolio;

/// <summary>Projects per current phase and per health, with the options of the dashboard's filters.</summary>
[RequiresSystemRole(SystemRole.Admin, SystemRole.Viewer, SystemRole.TeamLead)]
public sealed record PortfolioQuery(DashboardFilter Filter) : IQuery<PortfolioDto>;

public sealed record PortfolioDto(
    int Projects,
    int OpenTasks,
    int OverdueTasks,
    int AwaitingGates,
    int OpenHandoffs,
    IReadOnlyList<PhaseCount> ByPhase,
    IReadOnlyList<HealthCount> ByHealth,
    IReadOnlyList<LeadOption> Leads,
    IReadOnlyList<int> Iterations);

/// <summary>Projects whose current phase is <see cref="Phase"/>; null counts completed projects.</summary>
public sealed record PhaseCount(PhaseKind? Phase, int Projects);

public sealed record HealthCount(ProjectHealth Health, int Projects);

public sealed record LeadOption(Guid Id, string Name);

public sealed class PortfolioQueryHandler(IAppDbContext db) : IQueryHandler<PortfolioQuery, PortfolioDto>
{
    public async ValueTask<PortfolioDto> Handle(PortfolioQuery query, CancellationToken cancellationToken)
    {
        var cells = await query.Filter.Apply(db.Portfolio.AsNoTracking())
            .GroupBy(c => new { c.Phase, c.Health })
            .Select(g => new
            {
                g.Key.Phase,
                g.Key.Health,
                Projects = g.Sum(c => c.Projects),
                OpenTasks = g.Sum(c => c.OpenTasks),
                OverdueTasks = g.Sum(c => c.OverdueTasks),
                AwaitingGates = g.Sum(c => c.AwaitingGates),
                OpenHandoffs = g.Sum(c => c.OpenHandoffs),
            })
            .ToListAsync(cancellationToken);
        var leadIds = await db.Portfolio.AsNoTracking()
            .Where(c => c.Projects > 0 && c.LeadId != Guid.Empty)
            .Select(c => c.LeadId)
            .Distinct()
            .ToListAsync(cancellationToken);
        var leads = await db.People.AsNoTracking()
            .Where(p => leadIds.Contains(p.Id))
            .OrderBy(p => p.DisplayName)
            .Select(p => new LeadOption(p.Id, p.DisplayName))
            .ToListAsync(cancellationToken);
        var iterations = await db.Portfolio.AsNoTracking()
            .Where(c => c.Projects > 0)
            .Select(c => c.Iteration)
            .Distinct()
            .OrderBy(i => i)
            .ToListAsync(cancellationToken);

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
            iterations);
    }
}
