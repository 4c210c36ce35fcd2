using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Notifications;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.Evidence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Evidence.Models.Commands.RegisterModelVersion;

/// <summary>A metric as entered: its name, the split it was measured on, and its value.</summary>
public sealed record MetricInput(string Name, MetricSplit Split, double Value);

/// <summary>
/// A data scientist (or the team lead) registers a trained model version with the dataset versions it was trained and
/// evaluated on and its metrics; it is judged against the project's targets at once. Returns its id.
/// </summary>
public sealed record RegisterModelVersionCommand : ICommand<Guid>
{
    public Guid ProjectId { get; init; }

    public string Name { get; init; } = "";

    public string Label { get; init; } = "";

    public string? Approach { get; init; }

    public Guid? ExperimentId { get; init; }

    /// <summary>
    /// Instead of <see cref="ExperimentId"/>: the experiment by name, started with this version when the project has
    /// none of that name yet, so a training script registers its run in one call without looking anything up.
    /// </summary>
    public string? ExperimentName { get; init; }

    public IReadOnlyList<Guid> TrainedOn { get; init; } = [];

    public IReadOnlyList<Guid> EvaluatedOn { get; init; } = [];

    public IReadOnlyList<MetricInput> Metrics { get; init; } = [];

    public string? ArtefactUri { get; init; }

    public string? ExplanationLink { get; init; }
}

public sealed class RegisterModelVersionCommandHandler(IAppDbContext db, Access access, Notifier notifier, TimeProvider clock)
    : ICommandHandler<RegisterModelVersionCommand, Guid>
{
    public async ValueTask<Guid> Handle(RegisterModelVersionCommand command, CancellationToken cancellationToken)
    {
        var me = await access.ToProjectAsync(command.ProjectId, cancellationToken);
        me.EnsureCanRegisterModels();

        // What the registration reads comes in one round trip: the experiment chosen or named, the dataset versions
        // chosen (another project's are "not found": their existence is not the caller's to learn) and the targets.
        var name = command.ExperimentName?.Trim();
        var ids = command.TrainedOn.Concat(command.EvaluatedOn).Distinct().ToList();
        var read = await db.Projects.AsNoTracking()
            .Where(p => p.Id == command.ProjectId)
            .Select(p => new
            {
                Experiment = command.ExperimentId != null
                    ? db.Experiments.FirstOrDefault(e => e.Id == command.ExperimentId && e.ProjectId == p.Id)
                    : db.Experiments.Where(e => e.ProjectId == p.Id && e.Name == name).OrderBy(e => e.CreatedAt).FirstOrDefault(),
                Versions = db.DatasetVersions.Where(v => v.ProjectId == p.Id && ids.Contains(v.Id)).ToList(),
                Targets = db.MetricTargets.Where(t => t.ProjectId == p.Id).ToList(),
            })
            .SingleAsync(cancellationToken);
        var experiment = ChooseExperiment(command, name, read.Experiment, me);
        var versions = read.Versions.ToDictionary(v => v.Id);
        var trainedOn = Pick(command.TrainedOn, versions, nameof(command.TrainedOn));
        var evaluatedOn = Pick(command.EvaluatedOn, versions, nameof(command.EvaluatedOn));

        var model = ModelVersion.Register(
            command.ProjectId,
            experiment,
            new ModelVersionFacts(command.Name, command.Label, command.Approach, command.ArtefactUri, command.ExplanationLink),
            trainedOn,
            evaluatedOn,
            [.. command.Metrics.Select(m => new ModelMetric(m.Name, m.Split, m.Value))],
            me.Actor,
            clock.GetUtcNow());
        db.ModelVersions.Add(model);
        model.EvaluateAgainst(read.Targets);
        if (model.NewlyMeetsTargets(before: false))
        {
            await db.NotifyMeetsTargetsAsync(notifier, command.ProjectId, [model], me.Person.Id, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return model.Id;
    }

    /// <summary>The experiment chosen, the one named (<paramref name="found"/>), or a new one started with that name.</summary>
    private Experiment? ChooseExperiment(RegisterModelVersionCommand command, string? name, Experiment? found, ProjectAccess me)
    {
        if (command.ExperimentId is not null)
        {
            return found ?? throw new ValidationException(nameof(command.ExperimentId), "That experiment is not one of this project's.");
        }

        if (string.IsNullOrEmpty(name) || found is not null)
        {
            return found;
        }

        var started = Experiment.Start(command.ProjectId, name, null, command.Approach, me.Actor, clock.GetUtcNow());
        db.Experiments.Add(started);
        return started;
    }

    private static List<DatasetVersion> Pick(IReadOnlyList<Guid> ids, Dictionary<Guid, DatasetVersion> found, string field) =>
        ids.All(found.ContainsKey)
            ? [.. ids.Distinct().Select(id => found[id])]
            : throw new ValidationException(field, "One of the chosen dataset versions is not one of this project's; choose from the list.");
}
