using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Domain.Projects;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Projects;

internal static class ProjectLoading
{
    /// <summary>Loads a project alone (its name, dates and status), for the settings that change nothing below it.</summary>
    public static async Task<Project> LoadProjectAsync(this IAppDbContext db, Guid projectId, CancellationToken cancellationToken) =>
        await db.Projects.SingleOrDefaultAsync(p => p.Id == projectId, cancellationToken)
        ?? throw new NotFoundException("Project", projectId);

    /// <summary>Loads a project with its phases and tasks, whose planned dates re-planning shifts.</summary>
    public static async Task<Project> LoadProjectWithPlanAsync(this IAppDbContext db, Guid projectId, bool tracked, CancellationToken cancellationToken)
    {
        var projects = tracked ? db.Projects : db.Projects.AsNoTracking();
        return await projects
            .Include(p => p.Phases).ThenInclude(p => p.Tasks)
            .SingleOrDefaultAsync(p => p.Id == projectId, cancellationToken)
            ?? throw new NotFoundException("Project", projectId);
    }
}
