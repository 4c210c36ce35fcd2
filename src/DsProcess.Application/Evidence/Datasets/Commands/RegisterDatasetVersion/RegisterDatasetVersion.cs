using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.Projects;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Evidence.Datasets.Commands.RegisterDatasetVersion;

/// <summary>
/// Registers a version of a dataset with the versions it derives from (fixed from then on), the task that produced it
/// if any, and optionally its quality facts; returns its id.
/// </summary>
public sealed record RegisterDatasetVersionCommand : ICommand<Guid>
{
    public Guid DatasetId { get; init; }

    /// <summary>The project the caller addressed (the API's key), when they named one: a dataset of another project is not found there.</summary>
    public Guid? ProjectId { get; init; }

    public string Label { get; init; } = "";

    public string Location { get; init; } = "";

    public string? Format { get; init; }

    public long? Rows { get; init; }

    public long? SizeBytes { get; init; }

    public string? Checksum { get; init; }

    public IReadOnlyList<Guid> DerivedFrom { get; init; } = [];

    /// <summary>The task whose work produced the version; a task of the same project.</summary>
    public Guid? ProducedByTaskId { get; init; }

    /// <summary>Quality facts recorded with the registration, when known already.</summary>
    public DatasetQualityInput? Quality { get; init; }
}

public sealed class RegisterDatasetVersionCommandHandler(IAppDbContext db, Access access, TimeProvider clock)
    : ICommandHandler<RegisterDatasetVersionCommand, Guid>
{
    public async ValueTask<Guid> Handle(RegisterDatasetVersionCommand command, CancellationToken cancellationToken)
    {
        var dataset = await db.Datasets.AsNoTracking().SingleOrDefaultAsync(d => d.Id == command.DatasetId && (command.ProjectId == null || d.ProjectId == command.ProjectId), cancellationToken)
            ?? throw new NotFoundException("Dataset", command.DatasetId);
        var me = await access.ToProjectAsync(dataset.ProjectId, cancellationToken);
        me.EnsureCanRegisterData();

        // Only this project's versions are looked up, so another project's id reads as unknown and reveals nothing.
        var parentIds = command.DerivedFrom.Distinct().ToList();
        var parentRows = await db.DatasetVersions.AsNoTracking()
            .Where(v => v.ProjectId == dataset.ProjectId && parentIds.Contains(v.Id))
            .Join(db.Datasets, v => v.DatasetId, d => d.Id, (v, d) => new { Version = v, Dataset = d })
            .ToListAsync(cancellationToken);
        var parents = parentRows.ConvertAll(r => r.Version);
        if (parents.Count != parentIds.Count)
        {
            throw new ValidationException(nameof(command.DerivedFrom), "A version it derives from was not found in this project; choose from the list.");
        }

        if (command.ProducedByTaskId is { } taskId)
        {
            var task = await db.Tasks.AsNoTracking()
                .Where(t => t.Id == taskId && t.ProjectId == dataset.ProjectId)
                .Select(t => new { t.ResponsibleRole, Phase = t.Phase.Kind })
                .SingleOrDefaultAsync(cancellationToken)
                ?? throw new ValidationException(nameof(command.ProducedByTaskId), "The producing task was not found in this project.");
            if (!WorkRules.ProducesData(task.ResponsibleRole, task.Phase))
            {
                throw new ValidationException(nameof(command.ProducedByTaskId), "That task does not produce data; choose one of the project's data tasks.");
            }
        }

        var now = clock.GetUtcNow();
        var version = DatasetVersion.Register(
            dataset,
            new DatasetVersionFacts(command.Label, command.Location, command.Format, command.Rows, command.SizeBytes, command.Checksum),
            parents,
            command.ProducedByTaskId,
            me.Actor,
            now,
            parentRows.ConvertAll(r => r.Dataset));
        command.Quality?.ApplyTo(version, dataset.Name, me.Actor, now);
        db.DatasetVersions.Add(version);
        await db.SaveChangesAsync(cancellationToken);
        return version.Id;
    }
}
