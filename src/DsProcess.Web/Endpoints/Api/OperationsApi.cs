using System.ComponentModel;
using DsProcess.Application.Operations.Deployments.Commands.RecordDeployment;
using DsProcess.Application.Operations.Monitors.Commands.AddMonitor;
using DsProcess.Application.Operations.Monitors.Commands.RecordSignals;
using DsProcess.Application.Operations.Pipelines.Commands.RecordPipelineRun;
using DsProcess.Application.Operations.Queries.ProjectOperations;
using DsProcess.Application.Projects.Queries.ProjectByKey;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.Operations;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DsProcess.Web.Endpoints.Api;

/// <summary>A model version of the project deployed to an environment at an endpoint.</summary>
public sealed record RecordDeploymentRequest(
    Guid ModelVersionId,
    [property: Description("Development, Test or Production; Production puts the version In production (it must be approved).")] DeploymentEnvironment Environment,
    [property: Description("Where the model is served, a full URI.")] string Endpoint);

/// <summary>A run of one of the project's pipelines; only the latest per pipeline is kept.</summary>
public sealed record RecordPipelineRunRequest(
    PipelineKind Kind,
    PipelineState State,
    [property: Description("When the run was reported (UTC); now when left out. An older report than the one held changes nothing.")] DateTimeOffset? At = null,
    string? Note = null,
    [property: Description("The run in the CI system, a full URI.")] string? Link = null);

/// <param name="Recorded">False when a newer run of the pipeline was already recorded.</param>
public sealed record PipelineRunRecorded(bool Recorded);

/// <summary>A monitor on a deployed model version of the project.</summary>
public sealed record AddMonitorRequest(
    Guid ModelVersionId,
    MonitorKind Kind,
    string Metric,
    [property: Description("AtLeast or AtMost: a signal breaches when it is below (or above) the threshold.")] TargetDirection Direction,
    double Threshold,
    AlertSeverity Severity = AlertSeverity.Warning,
    [property: Description("After this many minutes of untriaged breach, the monitor opens rework by itself; null never.")] int? ReworkAfterMinutes = null);

/// <summary>One or many measurements of a monitor's metric, judged in order of their time.</summary>
public sealed record RecordSignalsRequest(
    [property: Description("From 1 to 1000 signals, each a value and the time it was measured (UTC).")] IReadOnlyList<SignalInput> Signals);

/// <summary>A project's alerts: those needing someone, and the latest in any state.</summary>
public sealed record ApiAlerts(IReadOnlyList<AlertRow> Open, IReadOnlyList<AlertRow> Recent);

internal static class OperationsApi
{
    public static void MapOperationsApi(this IEndpointRouteBuilder api)
    {
        var project = api.MapGroup("/projects/{key}").WithTags("Operations");
        project.MapGet("/operations", (string key, ISender sender, CancellationToken cancellationToken) => sender.Send(new ProjectOperationsQuery(key), cancellationToken))
            .WithName("GetOperations")
            .WithSummary("A project's deployments, pipelines, monitors with their latest value, and open and recent alerts");
        project.MapGet("/deployments", async (string key, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new ProjectOperationsQuery(key, RecentAlerts: 0), cancellationToken)).Deployments)
            .WithName("ListDeployments")
            .WithSummary("A project's deployments, live ones first");
        project.MapPost("/deployments", RecordDeploymentAsync)
            .WithName("RecordDeployment")
            .WithSummary("Records a model version deployed to an environment (Production puts it In production)")
            .Idempotent()
            .ProducesCreateProblems();
        project.MapPost("/pipeline-runs", RecordPipelineRunAsync)
            .WithName("RecordPipelineRun")
            .WithSummary("Records a run of the data, ML or DevOps pipeline; the latest per pipeline is kept")
            .Idempotent()
            .ProducesCreateProblems();
        project.MapGet("/monitors", async (string key, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new ProjectOperationsQuery(key, RecentAlerts: 0), cancellationToken)).Monitors)
            .WithName("ListMonitors")
            .WithSummary("A project's monitors with their latest value and whether they breach");
        project.MapPost("/monitors", AddMonitorAsync)
            .WithName("AddMonitor")
            .WithSummary("Puts a monitor on a deployed model version")
            .Idempotent()
            .ProducesCreateProblems();
        project.MapPost("/monitors/{monitorId:guid}/signals", RecordSignalsAsync)
            .WithName("RecordSignals")
            .WithSummary("Sends a batch of a monitor's signals: a breach opens one alert per episode, recovery closes it")
            .Idempotent()
            .ProducesCreateProblems();
        project.MapGet("/alerts", async (string key, ISender sender, CancellationToken cancellationToken) =>
            {
                var operations = await sender.Send(new ProjectOperationsQuery(key), cancellationToken);
                return new ApiAlerts(operations.OpenAlerts, operations.RecentAlerts);
            })
            .WithName("ListAlerts")
            .WithSummary("A project's open alerts (under way, untriaged) and its 50 latest in any state");
    }

    private static async Task<Created<CreatedResource>> RecordDeploymentAsync(
        string key, RecordDeploymentRequest body, ISender sender, CancellationToken cancellationToken)
    {
        var project = await sender.Send(new ProjectByKeyQuery(key), cancellationToken);
        var id = await sender.Send(new RecordDeploymentCommand(project.Id, body.ModelVersionId, body.Environment, body.Endpoint), cancellationToken);
        return ApiEndpoints.Created($"{ApiEndpoints.Prefix}/projects/{project.Key}/deployments", id);
    }

    private static async Task<Ok<PipelineRunRecorded>> RecordPipelineRunAsync(
        string key, RecordPipelineRunRequest body, ISender sender, CancellationToken cancellationToken)
    {
        var project = await sender.Send(new ProjectByKeyQuery(key), cancellationToken);
        return TypedResults.Ok(new PipelineRunRecorded(await sender.Send(
            new RecordPipelineRunCommand(project.Id, body.Kind, body.State, body.At, body.Note, body.Link), cancellationToken)));
    }

    private static async Task<Created<CreatedResource>> AddMonitorAsync(
        string key, AddMonitorRequest body, ISender sender, CancellationToken cancellationToken)
    {
        var project = await sender.Send(new ProjectByKeyQuery(key), cancellationToken);
        var id = await sender.Send(
            new AddMonitorCommand
            {
                ProjectId = project.Id,
                ModelVersionId = body.ModelVersionId,
                Kind = body.Kind,
                Metric = body.Metric,
                Direction = body.Direction,
                Threshold = body.Threshold,
                Severity = body.Severity,
                ReworkAfterMinutes = body.ReworkAfterMinutes,
            },
            cancellationToken);
        return ApiEndpoints.Created($"{ApiEndpoints.Prefix}/projects/{project.Key}/monitors", id);
    }

    private static async Task<Ok<SignalsRecorded>> RecordSignalsAsync(
        string key, Guid monitorId, RecordSignalsRequest body, ISender sender, CancellationToken cancellationToken)
    {
        var project = await sender.Send(new ProjectByKeyQuery(key), cancellationToken);
        return TypedResults.Ok(await sender.Send(new RecordSignalsCommand(monitorId, body.Signals ?? [], project.Id), cancellationToken));
    }
}
