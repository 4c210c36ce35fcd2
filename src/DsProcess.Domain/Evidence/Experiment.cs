using DsProcess.Domain.Activity;
using DsProcess.Domain.Common;

namespace DsProcess.Domain.Evidence;

/// <summary>A hypothesis tried with an approach; the model versions it produced point back to it.</summary>
public sealed class Experiment : Entity
{
    private Experiment()
    {
    }

    public Guid ProjectId { get; private set; }

    public string Name { get; private set; } = "";

    public string Hypothesis { get; private set; } = "";

    public string Approach { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public static Experiment Start(Guid projectId, string name, string? hypothesis, string? approach, Actor by, DateTimeOffset at)
    {
        var experiment = new Experiment
        {
            ProjectId = projectId,
            Name = Guard.Text(name, "Experiment name", Limits.DatasetName),
            Hypothesis = Guard.OptionalText(hypothesis, "Hypothesis", Limits.Hypothesis),
            Approach = Guard.OptionalText(approach, "Approach", Limits.Approach),
            CreatedAt = at,
        };
        experiment.Record(ActivityEntry.Create(projectId, ActivityKind.ExperimentCreated, by, at, experiment.Name, to: experiment.Approach));
        return experiment;
    }
}
