using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.Evidence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Evidence.Models.Queries.ProjectModels;

/// <summary>The project's Models page: its targets, experiments, model versions judged against every target, and each metric across versions.</summary>
public sealed record ProjectModelsQuery(string Key) : IQuery<ProjectModelsDto>;

/// <param name="CanRegister">The caller may start experiments, register model versions and set or remove targets.</param>
/// <param name="DatasetVersions">The project's dataset versions a model version can be trained or evaluated on, newest first.</param>
/// <param name="Series">Each metric on each split across the versions, oldest first, with its target if there is one.</param>
public sealed record ProjectModelsDto(
    Guid ProjectId,
    string Key,
    string Name,
    bool CanRegister,
    IReadOnlyList<TargetRow> Targets,
    IReadOnlyList<ExperimentRow> Experiments,
    IReadOnlyList<ModelVersionRow> Versions,
    IReadOnlyList<DatasetVersionChoice> DatasetVersions,
    IReadOnlyList<MetricSeries> Series);

public sealed record TargetRow(Guid Id, string Metric, MetricSplit Split, TargetDirection Direction, double Threshold, string Description, uint Version);

public sealed record ExperimentRow(Guid Id, string Name, string Hypothesis, string Approach, DateTimeOffset CreatedAt, int ModelVersions);

/// <param name="Results">How the version stands against each target, in the order of <see cref="ProjectModelsDto.Targets"/>.</param>
/// <param name="NextStages">The stages this caller may move the version to.</param>
public sealed record ModelVersionRow(
    Guid Id,
    string Name,
    string Label,
    string Approach,
    string? Experiment,
    ModelStage Stage,
    bool MeetsTargets,
    bool EvaluatedOnHoldOut,
    IReadOnlyList<ModelMetric> Metrics,
    IReadOnlyList<TargetResult> Results,
    IReadOnlyList<string> TrainedOn,
    IReadOnlyList<string> EvaluatedOn,
    string ArtefactUri,
    string ExplanationLink,
    string RegisteredByName,
    DateTimeOffset RegisteredAt,
    uint Version,
    IReadOnlyList<ModelStage> NextStages)
{
    public string DisplayName => $"{Name} {Label}";
}

/// <param name="Label">The dataset's name and the version's label ("customers_silver v2").</param>
public sealed record DatasetVersionChoice(Guid Id, string Label, DataLayer Layer, DatasetPurpose Purpose);

/// <param name="Target">The project's target for this metric and split, if any.</param>
/// <param name="Points">One per model version, oldest first; null where the version has no such metric.</param>
public sealed record MetricSeries(string Metric, MetricSplit Split, TargetRow? Target, IReadOnlyList<SeriesPoint> Points);

/// <param name="Version">The version's display name ("Churn model v3"); <paramref name="Label"/> is its label alone ("v3").</param>
/// <param name="Result">How the value stands against the series' target; null without a target.</param>
public sealed record SeriesPoint(string Version, string Label, double? Value, TargetResult? Result);

public sealed class ProjectModelsQueryHandler(IAppDbContext db, Access access) : IQueryHandler<ProjectModelsQuery, ProjectModelsDto>
{
    public async ValueTask<ProjectModelsDto> Handle(ProjectModelsQuery query, CancellationToken cancellationToken)
    {
        var project = await access.ToProjectByKeyAsync(query.Key, cancellationToken);
        var me = project.Me;

        // Four index lookups by project, none joined to another collection, so nothing multiplies rows.
        var targets = await db.MetricTargets.AsNoTracking()
            .Where(t => t.ProjectId == project.Id)
            .ToListAsync(cancellationToken);
        targets = [.. targets.OrderBy(t => EvidenceRules.MetricKey(t.Metric), StringComparer.Ordinal).ThenBy(t => t.Split)];
        var experiments = await db.Experiments.AsNoTracking()
            .Where(e => e.ProjectId == project.Id)
            .OrderByDescending(e => e.CreatedAt)
            .Select(e => new { e.Id, e.Name, e.Hypothesis, e.Approach, e.CreatedAt })
            .ToListAsync(cancellationToken);
        var models = await db.ModelVersions.AsNoTracking()
            .Where(m => m.ProjectId == project.Id)
            .OrderByDescending(m => m.RegisteredAt).ThenByDescending(m => m.Id)
            .Select(m => new
            {
                m.Id,
                m.Name,
                m.Label,
                m.Approach,
                m.ExperimentId,
                m.Stage,
                m.MeetsTargets,
                m.EvaluatedOnHoldOut,
                m.Metrics,
                m.TrainedOn,
                m.EvaluatedOn,
                m.ArtefactUri,
                m.ExplanationLink,
                m.RegisteredByName,
                m.RegisteredAt,
                m.Version,
            })
            .ToListAsync(cancellationToken);
        var datasetVersions = await db.DatasetVersions.AsNoTracking()
            .Where(v => v.ProjectId == project.Id)
            .OrderByDescending(v => v.RegisteredAt)
            .Join(db.Datasets, v => v.DatasetId, d => d.Id, (v, d) => new DatasetVersionChoice(v.Id, d.Name + " " + v.Label, v.Layer, v.Purpose))
            .ToListAsync(cancellationToken);

        var targetRows = targets.Select(t => new TargetRow(t.Id, t.Metric, t.Split, t.Direction, t.Threshold, t.Describe(), t.Version)).ToList();
        var labels = datasetVersions.ToDictionary(v => v.Id, v => v.Label);
        var experimentNames = experiments.ToDictionary(e => e.Id, e => e.Name);
        var versionsPerExperiment = models.Where(m => m.ExperimentId is not null).CountBy(m => m.ExperimentId!.Value).ToDictionary();
        var rows = models.Select(m => new ModelVersionRow(
                m.Id,
                m.Name,
                m.Label,
                m.Approach,
                m.ExperimentId is { } e ? experimentNames.GetValueOrDefault(e) : null,
                m.Stage,
                m.MeetsTargets,
                m.EvaluatedOnHoldOut,
                m.Metrics,
                [.. targets.Select(t => t.EvaluateFor(m.Metrics))],
                [.. m.TrainedOn.Select(id => labels.GetValueOrDefault(id, "?"))],
                [.. m.EvaluatedOn.Select(id => labels.GetValueOrDefault(id, "?"))],
                m.ArtefactUri,
                m.ExplanationLink,
                m.RegisteredByName,
                m.RegisteredAt,
                m.Version,
                [.. ModelVersion.NextStages(m.Stage).Where(me.CanMoveModelTo)]))
            .ToList();

        return new ProjectModelsDto(
            project.Id,
            project.Key,
            project.Name,
            me.CanRegisterModels,
            targetRows,
            [.. experiments.Select(e => new ExperimentRow(e.Id, e.Name, e.Hypothesis, e.Approach, e.CreatedAt, versionsPerExperiment.GetValueOrDefault(e.Id)))],
            rows,
            datasetVersions,
            SeriesOf(rows, targetRows));
    }

    /// <summary>
    /// Every metric and split that a target names or a version scored, the targeted ones first; a point's result is
    /// the one its row already holds for that target.
    /// </summary>
    private static List<MetricSeries> SeriesOf(List<ModelVersionRow> newestFirst, List<TargetRow> targets)
    {
        var oldestFirst = Enumerable.Reverse(newestFirst).ToList();
        var keys = targets.Select(t => (t.Metric, t.Split))
            .Concat(oldestFirst.SelectMany(v => v.Metrics).Select(m => (Metric: m.Name, m.Split)))
            .DistinctBy(k => (EvidenceRules.MetricKey(k.Metric), k.Split))
            .ToList();
        return [.. keys.Select(k =>
        {
            var targetIndex = targets.FindIndex(t => t.Split == k.Split && EvidenceRules.MetricKey(t.Metric) == EvidenceRules.MetricKey(k.Metric));
            return new MetricSeries(
                k.Metric,
                k.Split,
                targetIndex < 0 ? null : targets[targetIndex],
                [.. oldestFirst.Select(v => new SeriesPoint(
                    v.DisplayName,
                    v.Label,
                    v.Metrics.FirstOrDefault(m => m.Split == k.Split && EvidenceRules.MetricKey(m.Name) == EvidenceRules.MetricKey(k.Metric))?.Value,
                    targetIndex < 0 ? null : v.Results[targetIndex]))]);
        })];
    }
}
