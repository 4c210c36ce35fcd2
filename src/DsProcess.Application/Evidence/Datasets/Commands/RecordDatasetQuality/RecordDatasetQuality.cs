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
        // The version is tracked (it is changed below); its dataset's name comes along for the activity entry.
        var found = await db.DatasetVersions
            .Where(v => v.Id == command.VersionId)
            .Join(db.Datasets, v => v.DatasetId, d => d.Id, (v, d) => new { Version = v, DatasetName = d.Name })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Dataset version", command.VersionId);
        var version = found.Version;
        var me = await access.ToProjectAsync(version.ProjectId, cancellationToken);
        me.EnsureCanRegisterData();
        db.ExpectVersion(version, command.Version);
        command.Quality.ApplyTo(version, found.DatasetName, me.Actor, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
