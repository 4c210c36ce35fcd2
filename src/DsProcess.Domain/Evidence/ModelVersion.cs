using DsProcess.Domain.Activity;
using DsProcess.Domain.Common;

namespace DsProcess.Domain.Evidence;

/// <summary>A metric a model version scored on one split.</summary>
public sealed record ModelMetric(string Name, MetricSplit Split, double Value);

/// <summary>What a model version is, as the data scientist describes it.</summary>
public sealed record ModelVersionFacts(string Name, string Label, string? Approach, string? ArtefactUri, string? ExplanationLink);

/// <summary>
/// A trained model version: the dataset versions it was trained and evaluated on, its metrics, and its stage
/// (Candidate → Approved → InProduction → Retired). Its metrics are fixed at registration; a new result is a new
/// version.
/// </summary>
public sealed class ModelVersion : Entity
{
    private ModelVersion()
    {
    }

    public Guid ProjectId { get; private set; }

    public Guid? ExperimentId { get; private set; }

    public string Name { get; private set; } = "";

    public string Label { get; private set; } = "";

    public string Approach { get; private set; } = "";

    public List<Guid> TrainedOn { get; private set; } = [];

    public List<Guid> EvaluatedOn { get; private set; } = [];

    /// <summary>At least one evaluation dataset version is a test (hold-out) split.</summary>
    public bool EvaluatedOnHoldOut { get; private set; }

    public List<ModelMetric> Metrics { get; private set; } = [];

    public string ArtefactUri { get; private set; } = "";

    public string ExplanationLink { get; private set; } = "";

    public ModelStage Stage { get; private set; }

    /// <summary>
    /// Whether the version meets every one of its project's targets (and there is at least one), as of the last time
    /// it or the targets changed (<see cref="EvaluateAgainst"/>): stored so that lists, boards and gates read it
    /// without re-evaluating every version.
    /// </summary>
    public bool MeetsTargets { get; private set; }

    public Guid? RegisteredById { get; private set; }

    public string RegisteredByName { get; private set; } = "";

    public DateTimeOffset RegisteredAt { get; private set; }

    /// <summary>Concurrency token (PostgreSQL xmin).</summary>
    public uint Version { get; private set; }

    public string DisplayName => $"{Name} {Label}";

    /// <summary>Not retired: a version that can still be approved, deployed or pass a gate.</summary>
    public bool IsInPlay => Stage != ModelStage.Retired;

    public static ModelVersion Register(
        Guid projectId,
        Experiment? experiment,
        ModelVersionFacts facts,
        IReadOnlyCollection<DatasetVersion> trainedOn,
        IReadOnlyCollection<DatasetVersion> evaluatedOn,
        IReadOnlyList<ModelMetric> metrics,
        Actor by,
        DateTimeOffset at)
    {
        if (experiment is not null && experiment.ProjectId != projectId)
        {
            throw new DomainRuleException("That experiment belongs to another project.");
        }

        if (trainedOn.Concat(evaluatedOn).FirstOrDefault(d => d.ProjectId != projectId) is { } foreign)
        {
            throw new DomainRuleException($"{foreign.Label} belongs to another project; a model is trained on its own project's data.");
        }

        if (metrics.Count > Limits.Metrics)
        {
            throw new DomainRuleException($"Record at most {Limits.Metrics} metrics.");
        }

        var checkedMetrics = metrics
            .Select(m => m with { Name = Guard.Text(m.Name, "Metric name", Limits.MetricName) })
            .ToList();
        if (checkedMetrics.FirstOrDefault(m => !Enum.IsDefined(m.Split) || !double.IsFinite(m.Value)) is { } odd)
        {
            throw new DomainRuleException($"The metric {odd.Name} needs a split from the list and a finite value.");
        }

        if (checkedMetrics.GroupBy(m => (EvidenceRules.MetricKey(m.Name), m.Split)).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new DomainRuleException($"{twice.First().Name} on the {EvidenceNames.Of(twice.Key.Split)} split is given twice.");
        }

        var model = new ModelVersion
        {
            ProjectId = projectId,
            ExperimentId = experiment?.Id,
            Name = Guard.Text(facts.Name, "Model name", Limits.DatasetName),
            Label = Guard.Text(facts.Label, "Version", Limits.VersionLabel),
            Approach = Guard.OptionalText(facts.Approach, "Approach", Limits.Approach),
            ArtefactUri = Guard.OptionalText(facts.ArtefactUri, "Artefact location", Limits.Uri),
            ExplanationLink = Guard.OptionalText(facts.ExplanationLink, "Explanation link", Limits.Uri),
            TrainedOn = [.. trainedOn.Select(d => d.Id).Distinct()],
            EvaluatedOn = [.. evaluatedOn.Select(d => d.Id).Distinct()],
            EvaluatedOnHoldOut = evaluatedOn.Any(d => d.Purpose == DatasetPurpose.TestSplit),
            Metrics = checkedMetrics,
            Stage = ModelStage.Candidate,
            RegisteredById = by.UserId,
            RegisteredByName = by.Name,
            RegisteredAt = at,
        };
        model.Record(ActivityEntry.Create(
            projectId,
            ActivityKind.ModelVersionRegistered,
            by,
            at,
            model.DisplayName,
            to: string.Join(", ", checkedMetrics.Select(m => $"{m.Name} ({EvidenceNames.Of(m.Split)}) {m.Value:0.###}"))));
        return model;
    }

    /// <summary>Evaluates the version against its project's current targets; returns whether it now meets them all.</summary>
    public bool EvaluateAgainst(IReadOnlyCollection<MetricTarget> targets)
    {
        if (targets.Any(t => t.ProjectId != ProjectId))
        {
            throw new DomainRuleException("Targets of another project cannot judge this model version.");
        }

        MeetsTargets = EvidenceRules.MeetsAll(targets, Metrics);
        return MeetsTargets;
    }

    /// <summary>
    /// Whether the version has just come to meet its targets, having not met them <paramref name="before"/> the
    /// change, while still in play: the moment its deployers are told and the "target met" webhook event is sent
    /// (a retired version is judged too, but nobody will deploy it).
    /// </summary>
    public bool NewlyMeetsTargets(bool before) => MeetsTargets && !before && IsInPlay;

    /// <summary>The stages a model version may move to from where it is.</summary>
    public static IReadOnlyList<ModelStage> NextStages(ModelStage from) => from switch
    {
        ModelStage.Candidate => [ModelStage.Approved, ModelStage.Retired],
        ModelStage.Approved => [ModelStage.InProduction, ModelStage.Candidate, ModelStage.Retired],
        ModelStage.InProduction => [ModelStage.Retired],
        _ => [],
    };

    /// <summary>Moves the version to one of its <see cref="NextStages"/>; every move says why.</summary>
    public void MoveTo(ModelStage stage, string reason, Actor by, DateTimeOffset at)
    {
        if (!NextStages(Stage).Contains(stage))
        {
            throw new DomainRuleException($"{DisplayName} is {EvidenceNames.Of(Stage)}; it cannot become {EvidenceNames.Of(stage)}.");
        }

        var why = Guard.Text(reason, "The reason for the stage change", Limits.Reason);
        var from = Stage;
        Stage = stage;
        Record(ActivityEntry.Create(
            ProjectId,
            ActivityKind.ModelStageChanged,
            by,
            at,
            DisplayName,
            from: EvidenceNames.Of(from),
            to: EvidenceNames.Of(stage),
            reason: why));
    }
}
