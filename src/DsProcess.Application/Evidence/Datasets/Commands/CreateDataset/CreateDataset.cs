using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.Evidence;
using Mediator;

namespace DsProcess.Application.Evidence.Datasets.Commands.CreateDataset;

/// <summary>Creates a dataset of a project in one layer with one purpose; returns its id.</summary>
public sealed record CreateDatasetCommand : ICommand<Guid>
{
    public Guid ProjectId { get; init; }

    public string Name { get; init; } = "";

    public DataLayer Layer { get; init; }

    public DatasetPurpose Purpose { get; init; }

    public string? Description { get; init; }
}

public sealed class CreateDatasetCommandHandler(IAppDbContext db, Access access, TimeProvider clock) : ICommandHandler<CreateDatasetCommand, Guid>
{
    public async ValueTask<Guid> Handle(CreateDatasetCommand command, CancellationToken cancellationToken)
    {
        var me = await access.ToProjectAsync(command.ProjectId, cancellationToken);
        me.EnsureCanRegisterData();
        var dataset = Dataset.Create(command.ProjectId, command.Name, command.Layer, command.Purpose, command.Description, me.Actor, clock.GetUtcNow());
        db.Datasets.Add(dataset);
        await db.SaveChangesAsync(cancellationToken);
        return dataset.Id;
    }
}
