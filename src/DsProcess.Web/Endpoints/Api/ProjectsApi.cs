using System.ComponentModel;
using DsProcess.Application.Projects.Commands.CancelProject;
using DsProcess.Application.Projects.Commands.EditProjectDetails;
using DsProcess.Application.Projects.Commands.PutProjectOnHold;
using DsProcess.Application.Projects.Commands.ReplanProject;
using DsProcess.Application.Projects.Commands.ResumeProject;
using DsProcess.Application.Projects.Queries.ListProjects;
using DsProcess.Application.Projects.Queries.PreviewReplan;
using DsProcess.Application.Projects.Queries.ProjectBoard;
using DsProcess.Application.Projects.Queries.ProjectByKey;
using DsProcess.Application.Projects.Queries.ProjectPage;
using DsProcess.Application.Projects.Queries.ProjectSettings;
using DsProcess.Domain.Gates;
using DsProcess.Domain.Projects;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DsProcess.Web.Endpoints.Api;

/// <summary>A project's board as the API shows it: the project, its phases with their tasks in short, its team.</summary>
public sealed record ApiBoard(
    Guid Id,
    string Key,
    string Name,
    string Objective,
    DateOnly StartDate,
    DateOnly TargetDate,
    ProjectStatus Status,
    PhaseKind? CurrentPhase,
    int Iteration,
    int ProgressPercent,
    bool CanPlan,
    IReadOnlyList<ApiPhase> Phases,
    IReadOnlyList<BoardMember> Members);

public sealed record ApiPhase(
    PhaseKind Kind,
    PhaseState State,
    GateState GateState,
    DateOnly? PlannedStart,
    DateOnly? PlannedEnd,
    DateTimeOffset? ActualStart,
    DateTimeOffset? ActualEnd,
    int ProgressPercent,
    IReadOnlyList<ApiTaskSummary> Tasks);

public sealed record ApiTaskSummary(
    Guid Id,
    string Title,
    ProjectRole ResponsibleRole,
    ProjectTaskStatus Status,
    bool IsOptional,
    Guid? AssigneeId,
    string? AssigneeName,
    DateOnly? Due,
    bool IsOverdue,
    int ChecklistDone,
    int ChecklistItems,
    bool CanWork,
    [property: Description("The task's version: send it back in If-Match to change the task.")] uint Version)
{
    public static ApiTaskSummary Of(BoardTask t) => new(
        t.Id, t.Title, t.ResponsibleRole, t.Status, t.IsOptional, t.AssigneeId, t.AssigneeName, t.Due, t.IsOverdue, t.ChecklistDone, t.Checklist.Count, t.CanWork, t.Version);
}

/// <summary>What a project is called and what it is for; leave a field out to keep it, send an empty objective to clear it.</summary>
public sealed record EditProjectRequest(string? Name = null, string? Objective = null);

/// <summary>The new target date and, for the activity log, why it moves.</summary>
public sealed record ReplanProjectRequest(DateOnly? TargetDate, string? Reason = null);

/// <summary>Why the project is put on hold or cancelled; the settings show it.</summary>
public sealed record ProjectStatusRequest(string? Reason);

internal static class ProjectsApi
{
    public static void MapProjectsApi(this IEndpointRouteBuilder api)
    {
        var projects = api.MapGroup("/projects").WithTags("Projects");
        projects.MapGet("/", ListAsync)
            .WithName("ListProjects")
            .WithSummary("The projects you may read, in key order, a page at a time")
            .ProducesValidationProblem();
        projects.MapGet("/{key}", BoardAsync)
            .WithName("GetProjectBoard")
            .WithSummary("A project's board: its phases and their tasks, gate states and team");
        projects.MapGet("/{key}/settings", SettingsAsync)
            .WithName("GetProjectSettings")
            .WithSummary("A project's name, objective, target date and status with its reason and since when; its ETag is its version");
        projects.MapPatch("/{key}", EditAsync)
            .WithName("EditProject")
            .WithSummary("Changes a project's name or objective, as its settings page does; If-Match names the version you read")
            .RequireIfMatch()
            .ProducesUpdateProblems();
        projects.MapGet("/{key}/replan-preview", PreviewReplanAsync)
            .WithName("PreviewReplan")
            .WithSummary("What re-planning to a target date would move: each unfinished phase and task, planned dates before and after")
            .ProducesValidationProblem();
        projects.MapPost("/{key}/replan", ReplanAsync)
            .WithName("ReplanProject")
            .WithSummary("Moves the target date; unfinished phases and tasks shift by as many days, as the preview shows; If-Match names the version you read")
            .IdempotentUpdate();
        projects.MapPost("/{key}/hold", PutOnHoldAsync)
            .WithName("PutProjectOnHold")
            .WithSummary("Puts an active project on hold with the reason: its work stops until it resumes; If-Match names the version you read")
            .IdempotentUpdate();
        projects.MapPost("/{key}/resume", ResumeAsync)
            .WithName("ResumeProject")
            .WithSummary("Resumes a project on hold; planned dates stay as they were; If-Match names the version you read")
            .IdempotentUpdate();
        projects.MapPost("/{key}/cancel", CancelAsync)
            .WithName("CancelProject")
            .WithSummary("Cancels an active or paused project with the reason, for good: it is read-only afterwards; If-Match names the version you read")
            .IdempotentUpdate();
    }

    /// <summary>A POST that changes the project: it names the version in If-Match and is safe to retry with an Idempotency-Key.</summary>
    private static RouteHandlerBuilder IdempotentUpdate(this RouteHandlerBuilder endpoint) =>
        endpoint.RequireIfMatch()
            .Idempotent()
            .ProducesUpdateProblems()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    private static async Task<Page<ProjectListItem>> ListAsync(
        ISender sender,
        [Description("Where to continue: the nextCursor of the previous page; leave out for the first page.")] string? cursor,
        CancellationToken cancellationToken,
        [Description("How many projects a page holds, 1 to 200.")] int limit = 50)
    {
        var page = await sender.Send(new ProjectPageQuery(Cursors.Decode<string>(cursor), limit), cancellationToken);
        return new Page<ProjectListItem>(page.Items, Cursors.Encode(page.Next));
    }

    private static async Task<ApiBoard> BoardAsync(string key, ISender sender, CancellationToken cancellationToken)
    {
        var board = await sender.Send(new ProjectBoardQuery(key), cancellationToken);
        return new ApiBoard(
            board.Id,
            board.Key,
            board.Name,
            board.Objective,
            board.StartDate,
            board.TargetDate,
            board.Status,
            board.CurrentPhase,
            board.Iteration,
            board.ProgressPercent,
            board.CanPlan,
            [.. board.Phases.Select(p => new ApiPhase(
                p.Kind, p.State, p.GateState, p.PlannedStart, p.PlannedEnd, p.ActualStart, p.ActualEnd, p.ProgressPercent, [.. p.Tasks.Select(ApiTaskSummary.Of)]))],
            board.Members);
    }

    private static async Task<Ok<ProjectSettingsDto>> SettingsAsync(string key, HttpResponse response, ISender sender, CancellationToken cancellationToken) =>
        Read(await sender.Send(new ProjectSettingsQuery(key), cancellationToken), response);

    private static Task<Ok<ProjectSettingsDto>> EditAsync(string key, EditProjectRequest body, HttpRequest request, ISender sender, CancellationToken cancellationToken) =>
        ChangeAsync(
            key,
            request,
            sender,
            (project, version) => new EditProjectDetailsCommand { ProjectId = project.Id, Version = version, Name = body.Name ?? project.Name, Objective = body.Objective ?? project.Objective },
            cancellationToken);

    private static async Task<ReplanPreview> PreviewReplanAsync(
        string key,
        [Description("The new target date, such as 2027-06-30.")] DateOnly? targetDate,
        ISender sender,
        CancellationToken cancellationToken)
    {
        var project = await sender.Send(new ProjectByKeyQuery(key), cancellationToken);
        return await sender.Send(new PreviewReplanQuery(project.Id, targetDate), cancellationToken);
    }

    private static Task<Ok<ProjectSettingsDto>> ReplanAsync(string key, ReplanProjectRequest body, HttpRequest request, ISender sender, CancellationToken cancellationToken) =>
        ChangeAsync(
            key,
            request,
            sender,
            (project, version) => new ReplanProjectCommand { ProjectId = project.Id, Version = version, TargetDate = body.TargetDate, Reason = body.Reason },
            cancellationToken);

    private static Task<Ok<ProjectSettingsDto>> PutOnHoldAsync(string key, ProjectStatusRequest body, HttpRequest request, ISender sender, CancellationToken cancellationToken) =>
        ChangeAsync(key, request, sender, (project, version) => new PutProjectOnHoldCommand(project.Id, version, body.Reason ?? ""), cancellationToken);

    private static Task<Ok<ProjectSettingsDto>> ResumeAsync(string key, HttpRequest request, ISender sender, CancellationToken cancellationToken) =>
        ChangeAsync(key, request, sender, (project, version) => new ResumeProjectCommand(project.Id, version), cancellationToken);

    private static Task<Ok<ProjectSettingsDto>> CancelAsync(string key, ProjectStatusRequest body, HttpRequest request, ISender sender, CancellationToken cancellationToken) =>
        ChangeAsync(key, request, sender, (project, version) => new CancelProjectCommand(project.Id, version, body.Reason ?? ""), cancellationToken);

    /// <summary>
    /// A settings change: the project by its key, the command with the version If-Match names (the same command the
    /// settings page sends), then the settings as they now are, with their new ETag.
    /// </summary>
    private static async Task<Ok<ProjectSettingsDto>> ChangeAsync(
        string key, HttpRequest request, ISender sender, Func<ProjectSettingsDto, uint, IMessage> command, CancellationToken cancellationToken)
    {
        var version = request.IfMatchVersion();
        var project = await sender.Send(new ProjectSettingsQuery(key), cancellationToken);
        await sender.Send(command(project, version), cancellationToken);
        return Read(await sender.Send(new ProjectSettingsQuery(key), cancellationToken), request.HttpContext.Response);
    }

    private static Ok<ProjectSettingsDto> Read(ProjectSettingsDto settings, HttpResponse response)
    {
        response.SetETag(settings.Version);
        return TypedResults.Ok(settings);
    }
}
