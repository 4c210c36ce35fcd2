using DsProcess.Application.Common.Interfaces;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.Projects;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Gates;

internal static class EvidenceLoading
{
    /// <summary>The automatic criteria a project's phase gate uses (<see cref="ProjectPhase.AutomaticCriteria"/>), read.</summary>
    public static async Task<IReadOnlyList<AutomaticCriterionKind>> AutomaticCriteriaOfAsync(
        this IAppDbContext db, Guid projectId, PhaseKind phase, CancellationToken cancellationToken) =>
        await db.Phases.AsNoTracking()
            .Where(p => p.ProjectId == projectId && p.Kind == phase)
            .Select(p => p.AutomaticCriteriaChosen)
            .FirstOrDefaultAsync(cancellationToken)
        ?? GateEvidence.CriteriaOf(phase);

    /// <summary>
    /// A gate's automatic criteria, evaluated from the project's evidence as it is now. Reads only what the criteria
    /// need (dataset versions for the data criteria, model versions and targets for the model ones).
    /// </summary>
    public static async Task<IReadOnlyList<AutomaticCriterion>> AutomaticCriteriaAsync(
        this IAppDbContext db, Guid projectId, IReadOnlyList<AutomaticCriterionKind> kinds, CancellationToken cancellationToken)
    {
        if (kinds.Count == 0)
        {
            return [];
        }

        var reads = kinds.Select(GateEvidence.Reads).ToHashSet();
        var needsData = reads.Contains(EvidenceKind.DatasetVersion);
        var datasets = needsData
            ? await db.DatasetVersions.AsNoTracking().Where(v => v.ProjectId == projectId).ToListAsync(cancellationToken)
            : [];
        var names = needsData
            ? await db.Datasets.AsNoTracking().Where(d => d.ProjectId == projectId).ToDictionaryAsync(d => d.Id, d => d.Name, cancellationToken)
            : [];
        var models = !reads.Contains(EvidenceKind.ModelVersion)
            ? []
            : await db.ModelVersions.AsNoTracking().Where(m => m.ProjectId == projectId).ToListAsync(cancellationToken);
        var targets = kinds.Contains(AutomaticCriterionKind.ModelMeetsTargets)
            ? await db.MetricTargets.AsNoTracking().Where(t => t.ProjectId == projectId).ToListAsync(cancellationToken)
            : [];
        return GateEvidence.Evaluate(kinds, new ProjectEvidence(datasets, names, models, targets));
    }
}
