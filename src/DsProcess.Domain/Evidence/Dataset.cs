using DsProcess.Domain.Activity;
using DsProcess.Domain.Common;

namespace DsProcess.Domain.Evidence;

/// <summary>A project's dataset in one layer with one purpose; what it holds over time are its versions.</summary>
public sealed class Dataset : Entity
{
    private Dataset()
    {
    }

    public Guid ProjectId { get; private set; }

    public string Name { get; private set; } = "";

    public string Description { get; private set; } = "";

    public DataLayer Layer { get; private set; }

    public DatasetPurpose Purpose { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static Dataset Create(Guid projectId, string name, DataLayer layer, DatasetPurpose purpose, string? description, Actor by, DateTimeOffset at)
    {
        if (!Enum.IsDefined(layer) || !Enum.IsDefined(purpose))
        {
            throw new DomainRuleException("Choose the dataset's layer and purpose from the lists.");
        }

        var dataset = new Dataset
        {
            ProjectId = projectId,
            Name = Guard.Text(name, "Dataset name", Limits.DatasetName),
            Description = Guard.OptionalText(description, "Description", Limits.TaskDescription),
            Layer = layer,
            Purpose = purpose,
            CreatedAt = at,
        };
        dataset.Record(ActivityEntry.Create(projectId, ActivityKind.DatasetCreated, by, at, dataset.Name, to: $"{layer} · {EvidenceNames.Of(purpose)}"));
        return dataset;
    }
}
