using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Dashboards;

/// <summary>
/// The projects a dashboard shows its reader. Admins and system viewers see the whole portfolio, answered from the
/// precomputed aggregates; a team lead sees only the projects whose team they are on (in any role), counted from
/// those projects' own read-model rows (a lead is on tens of projects, not thousands).
/// </summary>
public sealed record DashboardScope(IReadOnlyList<Guid>? ProjectIds)
{
    public bool IsWholePortfolio => ProjectIds is null;

    public static async Task<DashboardScope> OfCallerAsync(Access access, CancellationToken cancellationToken)
    {
        var readable = await access.ReadableProjectIdsAsync(cancellationToken);
        return new DashboardScope(readable is null ? null : await readable.ToListAsync(cancellationToken));
    }

    /// <summary>The read-model rows of the projects in scope.</summary>
    public IQueryable<DashboardProject> Projects(IAppDbContext db)
    {
        var projects = db.DashboardProjects.AsNoTracking();
        return ProjectIds is { } ids ? projects.Where(p => ids.Contains(p.ProjectId)) : projects;
    }
}
