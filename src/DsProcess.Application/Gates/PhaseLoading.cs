using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Domain.Projects;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Gates;

internal static class PhaseLoading
{
    /// <summary>Loads a phase with its tasks (they say which roles work the phase) and its project (whose status says whether it takes work).</summary>
    public static async Task<ProjectPhase> LoadPhaseAsync(this IAppDbContext db, Guid projectId, PhaseKind kind, CancellationToken cancellationToken) =>
        await db.Phases.Include(p => p.Tasks).Include(p => p.Project).SingleOrDefaultAsync(p => p.ProjectId == projectId && p.Kind == kind, cancellationToken)
        ?? throw new NotFoundException("Phase", kind);
}
