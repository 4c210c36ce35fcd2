using System.ComponentModel;
using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Evidence.Models.Commands.RegisterModelVersion;
using DsProcess.Application.Evidence.Models.Queries.ProjectModels;
using DsProcess.Application.Projects.Queries.ProjectByKey;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DsProcess.Web.Endpoints.Api;

/// <summary>A trained model version with its metrics, as a training script registers it in one call.</summary>
public sealed record RegisterModelVersionRequest(
    string Name,
    string Label,
    [property: Description("Each metric once per split: judged against the project's targets at once.")] IReadOnlyList<MetricInput> Metrics,
    string? Approach = null,
    [property: Description("The experiment by name: found, or started with this version when the project has none of that name.")] string? Experiment = null,
    [property: Description("Instead of experiment: one of the project's experiments by id.")] Guid? ExperimentId = null,
    [property: Description("The ids of the project's dataset versions it was trained on.")] IReadOnlyList<Guid>? TrainedOn = null,
    [property: Description("The ids of the project's dataset versions it was evaluated on (a test or validation split is a hold-out).")] IReadOnlyList<Guid>? EvaluatedOn = null,
    string? ArtefactUri = null,
    string? ExplanationLink = null);

internal static class ModelsApi
{
    public static void MapModelsApi(this IEndpointRouteBuilder api)
    {
        var project = api.MapGroup("/projects/{key}").WithTags("Model versions");
        project.MapGet("/model-versions", ListAsync)
            .WithName("ListModelVersions")
            .WithSummary("A project's model versions, newest first, each judged against every metric target");
        project.MapGet("/model-versions/{versionId:guid}", GetAsync)
            .WithName("GetModelVersion")
            .WithSummary("One model version with its metrics and how it stands against each target");
        project.MapPost("/model-versions", RegisterAsync)
            .WithName("RegisterModelVersion")
            .WithSummary("Registers a trained model version with its metrics (and its experiment by name) in one call")
            .Idempotent()
            .ProducesCreateProblems();
        project.MapGet("/experiments", async (string key, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new ProjectModelsQuery(key), cancellationToken)).Experiments)
            .WithName("ListExperiments")
            .WithSummary("A project's experiments, newest first, with how many model versions each holds");
        project.MapGet("/metric-targets", async (string key, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new ProjectModelsQuery(key), cancellationToken)).Targets)
            .WithName("ListMetricTargets")
            .WithSummary("A project's metric targets, such as recall on the test split at least 0.8");
    }

    private static async Task<IReadOnlyList<ModelVersionRow>> ListAsync(string key, ISender sender, CancellationToken cancellationToken) =>
        (await sender.Send(new ProjectModelsQuery(key), cancellationToken)).Versions;

    private static async Task<ModelVersionRow> GetAsync(string key, Guid versionId, ISender sender, CancellationToken cancellationToken) =>
        (await ListAsync(key, sender, cancellationToken)).FirstOrDefault(v => v.Id == versionId)
        ?? throw new NotFoundException("Model version", versionId);

    private static async Task<Created<CreatedResource>> RegisterAsync(
        string key, RegisterModelVersionRequest body, ISender sender, CancellationToken cancellationToken)
    {
        var project = await sender.Send(new ProjectByKeyQuery(key), cancellationToken);
        var id = await sender.Send(
            new RegisterModelVersionCommand
            {
                ProjectId = project.Id,
                Name = body.Name,
                Label = body.Label,
                Approach = body.Approach,
                ExperimentId = body.ExperimentId,
                ExperimentName = body.Experiment,
                TrainedOn = body.TrainedOn ?? [],
                EvaluatedOn = body.EvaluatedOn ?? [],
                Metrics = body.Metrics ?? [],
                ArtefactUri = body.ArtefactUri,
                ExplanationLink = body.ExplanationLink,
            },
            cancellationToken);
        return ApiEndpoints.Created($"{ApiEndpoints.Prefix}/projects/{project.Key}/model-versions/{id}", id);
    }
}
