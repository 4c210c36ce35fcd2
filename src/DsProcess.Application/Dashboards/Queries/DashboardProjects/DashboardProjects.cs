using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Models;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.People;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Dashboards.Queries.DashboardProjects;

/// <summary>The projects behind a dashboard number, of those the caller may see: filtered, optionally by health, nearest target date first, one page at a time.</summary>
[RequiresSystemRole(SystemRole.Admin, SystemRole.Viewer, SystemRole.TeamLead)]
public sealed record DashboardProjectsQuery(DashboardFilter Filter, ProjectHealth? Health = null, int Page = 1, int PageSize = 20)
    : IQuery<PagedList<DashboardProject>>;

public sealed class DashboardProjectsQueryHandler(IAppDbContext db, Access access) : IQueryHandler<DashboardProjectsQuery, PagedList<DashboardProject>>
{
    public async ValueTask<PagedList<DashboardProject>> Handle(DashboardProjectsQuery query, CancellationToken cancellationToken)
    {
        var scope = await DashboardScope.OfCallerAsync(access, cancellationToken);
        var projects = query.Filter.Apply(scope.Projects(db));
        if (query.Health is { } health)
        {
            projects = projects.Where(p => p.Health == health);
        }

        var pageSize = Math.Clamp(query.PageSize, 1, 10_000);
        var page = Math.Max(query.Page, 1);
        var total = await projects.CountAsync(cancellationToken);
        var items = await projects
            .OrderBy(p => p.TargetDate).ThenBy(p => p.Key)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .ToListAsync(cancellationToken);
        return new PagedList<DashboardProject>(items, total, page, pageSize);
    }
}
