using DsProcess.Application.Common.Interfaces;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.Projects;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Gates;

internal static class EvidenceLoading
{
    /// <summary>
    /// A phase's automatic gate criteria, evaluated from the project's evidence as it is now. Reads only what the
    /// phase's criteria need (dataset versions for Data Development, model versions and targets after it).
    /// </summary>
    public static async Task<IReadOnlyList<AutomaticCriterion>> AutomaticCriteriaAsync(
        this IAppDbContext db, Guid projectId, PhaseKind phase, CancellationToken cancellationToken)
    {
        var kinds = GateEvidence.CriteriaOf(phase);
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
        return GateEvidence.Evaluate(phase, new ProjectEvidence(datasets, names, models, targets));
    }
}
