using DsProcess.Application.Common.Interfaces;
using DsProcess.Domain.Evidence;

namespace DsProcess.Application.Handoffs;

/// <summary>The project's versions a handoff may name, as the references it keeps: one statement of which and how labelled.</summary>
internal static class HandedVersions
{
    public static IQueryable<EvidenceRef> Datasets(IAppDbContext db, IQueryable<DatasetVersion> versions) =>
        versions.Join(db.Datasets, v => v.DatasetId, d => d.Id, (v, d) => new EvidenceRef(EvidenceKind.DatasetVersion, v.Id, d.Name + " " + v.Label));

    /// <summary>A retired model version is not handed over.</summary>
    public static IQueryable<ModelVersion> HandableModels(IAppDbContext db, Guid projectId) =>
        db.ModelVersions.Where(m => m.ProjectId == projectId && m.Stage != ModelStage.Retired);

    public static IQueryable<EvidenceRef> Models(IQueryable<ModelVersion> models) =>
        models.Select(m => new EvidenceRef(EvidenceKind.ModelVersion, m.Id, m.Name + " " + m.Label));
}
