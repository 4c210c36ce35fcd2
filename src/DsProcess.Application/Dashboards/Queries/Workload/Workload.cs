using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.People;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Dashboards.Queries.Workload;

/// <summary>Open and unassigned tasks per role, and the people with the most open and most overdue tasks, across active projects.</summary>
[RequiresSystemRole(SystemRole.Admin, SystemRole.Viewer, SystemRole.TeamLead)]
public sealed record WorkloadQuery(int Take = 10) : IQuery<WorkloadDto>;

public sealed record WorkloadDto(IReadOnlyList<RoleLoad> Roles, IReadOnlyList<PersonLoad> MostOpen, IReadOnlyList<PersonLoad> MostOverdue);

public sealed class WorkloadQueryHandler(IAppDbContext db) : IQueryHandler<WorkloadQuery, WorkloadDto>
{
    public async ValueTask<WorkloadDto> Handle(WorkloadQuery query, CancellationToken cancellationToken)
    {
        var take = Math.Clamp(query.Take, 1, 100);
        var roles = await db.RoleLoads.AsNoTracking().OrderBy(r => r.Role).ToListAsync(cancellationToken);
        var mostOpen = await db.PersonLoads.AsNoTracking()
            .Where(p => p.OpenTasks > 0)
            .OrderByDescending(p => p.OpenTasks).ThenBy(p => p.Name)
            .Take(take)
            .ToListAsync(cancellationToken);
        var mostOverdue = await db.PersonLoads.AsNoTracking()
            .Where(p => p.OverdueTasks > 0)
            .OrderByDescending(p => p.OverdueTasks).ThenBy(p => p.Name)
            .Take(take)
            .ToListAsync(cancellationToken);
        return new WorkloadDto(roles, mostOpen, mostOverdue);
    }
}
