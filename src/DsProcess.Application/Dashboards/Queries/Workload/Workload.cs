using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.People;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Dashboards.Queries.Workload;

/// <summary>
/// Open and unassigned tasks per role, and the people with the most open and most overdue tasks, across the active
/// projects the caller may see (a team lead: counted on their own projects only).
/// </summary>
[RequiresSystemRole(SystemRole.Admin, SystemRole.Viewer, SystemRole.TeamLead)]
public sealed record WorkloadQuery(int Take = 10) : IQuery<WorkloadDto>;

public sealed record WorkloadDto(IReadOnlyList<RoleLoad> Roles, IReadOnlyList<PersonLoad> MostOpen, IReadOnlyList<PersonLoad> MostOverdue);

public sealed class WorkloadQueryHandler(IAppDbContext db, Access access) : IQueryHandler<WorkloadQuery, WorkloadDto>
{
    public async ValueTask<WorkloadDto> Handle(WorkloadQuery query, CancellationToken cancellationToken)
    {
        var take = Math.Clamp(query.Take, 1, 100);
        var scope = await DashboardScope.OfCallerAsync(access, cancellationToken);
        var (roleLoads, personLoads) = scope.ProjectIds is { } ids ? Summed(ids) : (db.RoleLoads.AsNoTracking(), db.PersonLoads.AsNoTracking());

        var roles = await roleLoads.OrderBy(r => r.Role).ToListAsync(cancellationToken);
        var mostOpen = await personLoads
            .Where(p => p.OpenTasks > 0)
            .OrderByDescending(p => p.OpenTasks).ThenBy(p => p.Name)
            .Take(take)
            .ToListAsync(cancellationToken);
        var mostOverdue = await personLoads
            .Where(p => p.OverdueTasks > 0)
            .OrderByDescending(p => p.OverdueTasks).ThenBy(p => p.Name)
            .Take(take)
            .ToListAsync(cancellationToken);
        return new WorkloadDto(roles, mostOpen, mostOverdue);
    }

    /// <summary>The load of some projects, summed from their per-project rows as the portfolio totals are.</summary>
    private (IQueryable<RoleLoad> Roles, IQueryable<PersonLoad> People) Summed(IReadOnlyList<Guid> ids) =>
        (db.ProjectRoleLoads.AsNoTracking()
                .Where(r => ids.Contains(r.ProjectId))
                .GroupBy(r => r.Role)
                .Select(g => new RoleLoad
                {
                    Role = g.Key,
                    OpenTasks = g.Sum(r => r.OpenTasks),
                    UnassignedTasks = g.Sum(r => r.UnassignedTasks),
                    Holders = g.Sum(r => r.Holders),
                }),
            db.ProjectPersonLoads.AsNoTracking()
                .Where(p => ids.Contains(p.ProjectId))
                .GroupBy(p => p.PersonId)
                .Select(g => new { PersonId = g.Key, OpenTasks = g.Sum(p => p.OpenTasks), OverdueTasks = g.Sum(p => p.OverdueTasks) })
                .Join(db.People, l => l.PersonId, p => p.Id, (l, p) => new PersonLoad
                {
                    PersonId = l.PersonId,
                    Name = p.DisplayName,
                    OpenTasks = l.OpenTasks,
                    OverdueTasks = l.OverdueTasks,
                }));
}
