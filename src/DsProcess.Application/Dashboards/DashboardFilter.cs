using DsProcess.Application.Common.Interfaces;
using DsProcess.Domain.Projects;

namespace DsProcess.Application.Dashboards;

/// <summary>The dashboard's filters; each applies when set.</summary>
public sealed record DashboardFilter(Guid? LeadId = null, ProjectStatus? Status = null, PhaseKind? Phase = null, int? Iteration = null)
{
    public IQueryable<DashboardProject> Apply(IQueryable<DashboardProject> projects)
    {
        if (LeadId is { } lead)
        {
            projects = projects.Where(p => p.LeadId == lead);
        }

        if (Status is { } status)
        {
            projects = projects.Where(p => p.Status == status);
        }

        if (Phase is { } phase)
        {
            projects = projects.Where(p => p.CurrentPhase == phase);
        }

        if (Iteration is { } iteration)
        {
            projects = projects.Where(p => p.Iteration == iteration);
        }

        return projects;
    }

    /// <summary>Filters the portfolio counts; they carry no lead, so a lead filter reads <see cref="DashboardProject"/> rows instead.</summary>
    public IQueryable<PortfolioCell> Apply(IQueryable<PortfolioCell> cells)
    {
        if (Status is { } status)
        {
            cells = cells.Where(c => c.Status == status);
        }

        if (Phase is { } phase)
        {
            cells = cells.Where(c => c.Phase == (int)phase);
        }

        if (Iteration is { } iteration)
        {
            cells = cells.Where(c => c.Iteration == iteration);
        }

        return cells;
    }

    /// <summary>The projects in scope that the filters select, as ids for joining the waiting lists.</summary>
    public IQueryable<Guid> ProjectIds(IAppDbContext db, DashboardScope scope) => Apply(scope.Projects(db)).Select(p => p.ProjectId);

    public bool IsEmpty => LeadId is null && Status is null && Phase is null && Iteration is null;
}
