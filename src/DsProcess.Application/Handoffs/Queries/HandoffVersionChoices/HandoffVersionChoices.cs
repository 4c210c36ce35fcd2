using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.Evidence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Handoffs.Queries.HandoffVersionChoices;

/// <summary>The project's dataset and model versions a handoff can name, newest first.</summary>
public sealed record HandoffVersionChoicesQuery(Guid ProjectId) : IQuery<HandoffVersionChoices>;

public sealed record HandoffVersionChoices(IReadOnlyList<EvidenceRef> Datasets, IReadOnlyList<EvidenceRef> Models);

public sealed class HandoffVersionChoicesQueryHandler(IAppDbContext db, Access access) : IQueryHandler<HandoffVersionChoicesQuery, HandoffVersionChoices>
{
    /// <summary>How many of each are offered; older versions are on the Data and Models pages.</summary>
    public const int Offered = 100;

    public async ValueTask<HandoffVersionChoices> Handle(HandoffVersionChoicesQuery query, CancellationToken cancellationToken)
    {
        await access.ToProjectAsync(query.ProjectId, cancellationToken);
        var datasets = await HandedVersions.Datasets(
                db,
                db.DatasetVersions.AsNoTracking().Where(v => v.ProjectId == query.ProjectId).OrderByDescending(v => v.RegisteredAt).Take(Offered))
            .ToListAsync(cancellationToken);
        var models = await HandedVersions.Models(
                HandedVersions.HandableModels(db, query.ProjectId).AsNoTracking().OrderByDescending(m => m.RegisteredAt).Take(Offered))
            .ToListAsync(cancellationToken);
        return new HandoffVersionChoices(datasets, models);
    }
}
