using System.ComponentModel;
using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Evidence.Datasets;
using DsProcess.Application.Evidence.Datasets.Commands.CreateDataset;
using DsProcess.Application.Evidence.Datasets.Commands.RecordDatasetQuality;
using DsProcess.Application.Evidence.Datasets.Commands.RegisterDatasetVersion;
using DsProcess.Application.Evidence.Datasets.Queries.ProjectData;
using DsProcess.Application.Projects.Queries.ProjectByKey;
using DsProcess.Domain.Evidence;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DsProcess.Web.Endpoints.Api;

public sealed record CreateDatasetRequest(string Name, DataLayer Layer, DatasetPurpose Purpose, string? Description = null);

public sealed record RegisterDatasetVersionRequest(
    string Label,
    string Location,
    string? Format = null,
    long? Rows = null,
    long? SizeBytes = null,
    string? Checksum = null,
    [property: Description("The ids of the project's dataset versions this one derives from (its lineage; fixed from then on).")] IReadOnlyList<Guid>? DerivedFrom = null,
    [property: Description("The project's data task whose work produced the version.")] Guid? ProducedByTaskId = null,
    [property: Description("Quality facts known already: checks, PII removal, profile, access.")] DatasetQualityInput? Quality = null);

internal static class DatasetsApi
{
    public static void MapDatasetsApi(this IEndpointRouteBuilder api)
    {
        var project = api.MapGroup("/projects/{key}").WithTags("Datasets");
        project.MapGet("/datasets", ListAsync)
            .WithName("ListDatasets")
            .WithSummary("A project's datasets by layer, each with its versions, newest first");
        project.MapGet("/datasets/{datasetId:guid}", GetAsync)
            .WithName("GetDataset")
            .WithSummary("One dataset with its versions");
        project.MapGet("/datasets/{datasetId:guid}/versions", ListVersionsAsync)
            .WithName("ListDatasetVersions")
            .WithSummary("A dataset's versions, newest first, with lineage and quality");
        project.MapGet("/dataset-versions/{versionId:guid}", GetVersionAsync)
            .WithName("GetDatasetVersion")
            .WithSummary("One dataset version; its ETag is its version, for recording its quality");
        project.MapPost("/datasets", CreateAsync)
            .WithName("CreateDataset")
            .WithSummary("Creates a dataset in a layer (Bronze, Silver, Gold) with a purpose")
            .Idempotent()
            .ProducesCreateProblems();
        project.MapPost("/datasets/{datasetId:guid}/versions", RegisterVersionAsync)
            .WithName("RegisterDatasetVersion")
            .WithSummary("Registers a dataset version with its lineage (the versions it derives from) and, optionally, its quality")
            .Idempotent()
            .ProducesCreateProblems();
        project.MapPut("/dataset-versions/{versionId:guid}/quality", RecordQualityAsync)
            .WithName("RecordDatasetQuality")
            .WithSummary("Records a dataset version's quality facts, replacing earlier ones; If-Match names the version you read")
            .RequireIfMatch()
            .ProducesUpdateProblems();
    }

    private static async Task<IReadOnlyList<DatasetRow>> ListAsync(string key, ISender sender, CancellationToken cancellationToken) =>
        (await sender.Send(new ProjectDataQuery(key), cancellationToken)).Datasets;

    private static async Task<DatasetRow> GetAsync(string key, Guid datasetId, ISender sender, CancellationToken cancellationToken) =>
        (await sender.Send(new ProjectDataQuery(key), cancellationToken)).Datasets.FirstOrDefault(d => d.Id == datasetId)
        ?? throw new NotFoundException("Dataset", datasetId);

    private static async Task<IReadOnlyList<DatasetVersionRow>> ListVersionsAsync(string key, Guid datasetId, ISender sender, CancellationToken cancellationToken) =>
        (await GetAsync(key, datasetId, sender, cancellationToken)).Versions;

    private static async Task<Ok<DatasetVersionRow>> GetVersionAsync(
        string key, Guid versionId, HttpResponse response, ISender sender, CancellationToken cancellationToken)
    {
        var version = await VersionAsync(sender, key, versionId, cancellationToken);
        response.SetETag(version.Version);
        return TypedResults.Ok(version);
    }

    private static async Task<Created<CreatedResource>> CreateAsync(string key, CreateDatasetRequest body, ISender sender, CancellationToken cancellationToken)
    {
        var project = await sender.Send(new ProjectByKeyQuery(key), cancellationToken);
        var id = await sender.Send(
            new CreateDatasetCommand { ProjectId = project.Id, Name = body.Name, Layer = body.Layer, Purpose = body.Purpose, Description = body.Description },
            cancellationToken);
        return ApiEndpoints.Created($"{ApiEndpoints.Prefix}/projects/{project.Key}/datasets/{id}", id);
    }

    private static async Task<Created<CreatedResource>> RegisterVersionAsync(
        string key, Guid datasetId, RegisterDatasetVersionRequest body, ISender sender, CancellationToken cancellationToken)
    {
        var project = await sender.Send(new ProjectByKeyQuery(key), cancellationToken);
        var id = await sender.Send(
            new RegisterDatasetVersionCommand
            {
                DatasetId = datasetId,
                ProjectId = project.Id,
                Label = body.Label,
                Location = body.Location,
                Format = body.Format,
                Rows = body.Rows,
                SizeBytes = body.SizeBytes,
                Checksum = body.Checksum,
                DerivedFrom = body.DerivedFrom ?? [],
                ProducedByTaskId = body.ProducedByTaskId,
                Quality = body.Quality,
            },
            cancellationToken);
        return ApiEndpoints.Created($"{ApiEndpoints.Prefix}/projects/{project.Key}/dataset-versions/{id}", id);
    }

    private static async Task<Ok<DatasetVersionRow>> RecordQualityAsync(
        string key, Guid versionId, DatasetQualityInput body, HttpRequest request, ISender sender, CancellationToken cancellationToken)
    {
        var version = request.IfMatchVersion();
        await VersionAsync(sender, key, versionId, cancellationToken);
        await sender.Send(new RecordDatasetQualityCommand(versionId, version, body), cancellationToken);
        var recorded = await VersionAsync(sender, key, versionId, cancellationToken);
        request.HttpContext.Response.SetETag(recorded.Version);
        return TypedResults.Ok(recorded);
    }

    private static async Task<DatasetVersionRow> VersionAsync(ISender sender, string key, Guid versionId, CancellationToken cancellationToken) =>
        (await sender.Send(new ProjectDataQuery(key), cancellationToken)).FindVersion(versionId)
        ?? throw new NotFoundException("Dataset version", versionId);
}
