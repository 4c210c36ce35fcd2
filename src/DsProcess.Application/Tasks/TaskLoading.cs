using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Domain.Projects;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Tasks;

internal static class TaskLoading
{
    /// <summary>Loads a task with the phase and project whose states its rules depend on.</summary>
    public static async Task<ProjectTask> LoadTaskAsync(this IAppDbContext db, Guid taskId, CancellationToken cancellationToken) =>
        await db.Tasks
            .Include(t => t.Phase).ThenInclude(p => p.Project)
            .SingleOrDefaultAsync(t => t.Id == taskId, cancellationToken)
        ?? throw new NotFoundException("Task", taskId);
}
