using DsProcess.Application.Common;
using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Evidence.Datasets.Commands.RecordDatasetQuality;

/// <summary>
/// Records a dataset version's quality facts, replacing those recorded before. <see cref="Version"/> is the version the
/// user saw, so two people recording at once do not silently overwrite each other.
/// </summary>
public sealed record RecordDatasetQualityCommand(Guid VersionId, uint Version, DatasetQualityInput Quality) : ICommand;

public sealed class RecordDatasetQualityCommandHandler(IAppDbContext db, Access access, TimeProvider clock) : ICommandHandler<RecordDatasetQualityCommand>
{
    public async ValueTask<Unit> Handle(RecordDatasetQualityCommand command, CancellationToken cancellationToken)
    {
        var version = await db.DatasetVersions.SingleOrDefaultAsync(v => v.Id == command.VersionId, cancellationToken)
            ?? throw new NotFoundException("Dataset version", command.VersionId);
        var me = await access.ToProjectAsync(version.ProjectId, cancellationToken);
        me.EnsureCanRegisterData();
        db.ExpectVersion(version, command.Version);
        var datasetName = await db.Datasets.Where(d => d.Id == version.DatasetId).Select(d => d.Name).SingleAsync(cancellationToken);
        command.Quality.ApplyTo(version, datasetName, me.Actor, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
