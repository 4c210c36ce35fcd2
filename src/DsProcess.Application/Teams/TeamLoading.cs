using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Domain.People;
using DsProcess.Domain.Projects;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Teams;

internal static class TeamLoading
{
    /// <summary>Loads a project with its team and tasks: changing the team can hand tasks back to their roles.</summary>
    public static async Task<Project> LoadProjectWithTeamAsync(this IAppDbContext db, Guid projectId, CancellationToken cancellationToken) =>
        await db.Projects
            .Include(p => p.Members)
            .Include(p => p.Phases).ThenInclude(p => p.Tasks)
            .SingleOrDefaultAsync(p => p.Id == projectId, cancellationToken)
        ?? throw new NotFoundException("Project", projectId);

    public static async Task<Person> LoadPersonAsync(this IAppDbContext db, Guid personId, CancellationToken cancellationToken) =>
        await db.People.SingleOrDefaultAsync(p => p.Id == personId, cancellationToken)
        ?? throw new NotFoundException("Person", personId);
}
