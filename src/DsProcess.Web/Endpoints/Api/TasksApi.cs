using System.ComponentModel;
using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Projects.Queries.ProjectBoard;
using DsProcess.Application.Tasks.Commands.ChangeTaskStatus;
using DsProcess.Application.Tasks.Commands.SetChecklistItem;
using DsProcess.Domain.Projects;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DsProcess.Web.Endpoints.Api;

/// <summary>A move of a task: Start, Block, Unblock, Done, NotApplicable or Reopen, with what the move needs.</summary>
public sealed record MoveTaskRequest(
    TaskMove Move,
    [property: Description("Required to Block, to mark NotApplicable and to Reopen.")] string? Reason = null,
    [property: Description("For Done: what the next role should know.")] string? Note = null,
    [property: Description("For Done: links that show the work.")] IReadOnlyList<string>? Evidence = null,
    [property: Description("For Done: the project's dataset versions the work produced.")] IReadOnlyList<Guid>? DatasetVersionIds = null,
    [property: Description("For Done: the project's model version the work produced.")] Guid? ModelVersionId = null);

/// <summary>Whether the checklist item is done.</summary>
public sealed record ChecklistItemRequest(bool Done);

internal static class TasksApi
{
    public static void MapTasksApi(this IEndpointRouteBuilder api)
    {
        var tasks = api.MapGroup("/projects/{key}/tasks").WithTags("Tasks");
        tasks.MapGet("/", ListAsync)
            .WithName("ListTasks")
            .WithSummary("A project's tasks, phase by phase, in short");
        tasks.MapGet("/{taskId:guid}", GetAsync)
            .WithName("GetTask")
            .WithSummary("One task with its checklist, evidence and open handoff; its ETag is its version");
        tasks.MapPost("/{taskId:guid}/move", MoveAsync)
            .WithName("MoveTask")
            .WithSummary("Moves a task (start, block, done, ...), as the board does; If-Match names the version you read")
            .RequireIfMatch()
            .Idempotent()
            .ProducesUpdateProblems()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        tasks.MapPut("/{taskId:guid}/checklist/{number:int}", SetChecklistItemAsync)
            .WithName("SetChecklistItem")
            .WithSummary("Ticks or unticks one checklist item; setting a value, so repeating it changes nothing")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IReadOnlyList<ApiTaskSummary>> ListAsync(
        string key,
        ISender sender,
        [Description("Only the tasks with this title (any case), such as Functional testing.")] string? title,
        CancellationToken cancellationToken)
    {
        var board = await sender.Send(new ProjectBoardQuery(key), cancellationToken);
        return [.. board.Tasks
            .Where(t => title is null || string.Equals(t.Title, title.Trim(), StringComparison.OrdinalIgnoreCase))
            .Select(ApiTaskSummary.Of)];
    }

    private static async Task<Ok<BoardTask>> GetAsync(string key, Guid taskId, HttpResponse response, ISender sender, CancellationToken cancellationToken) =>
        Read(await TaskAsync(sender, key, taskId, cancellationToken), response);

    private static async Task<Ok<BoardTask>> MoveAsync(
        string key, Guid taskId, MoveTaskRequest body, HttpRequest request, ISender sender, CancellationToken cancellationToken)
    {
        var version = request.IfMatchVersion();
        await TaskAsync(sender, key, taskId, cancellationToken);
        await sender.Send(
            new ChangeTaskStatusCommand(taskId, version, body.Move, body.Reason)
            {
                Note = body.Note,
                Evidence = body.Evidence ?? [],
                DatasetVersionIds = body.DatasetVersionIds ?? [],
                ModelVersionId = body.ModelVersionId,
            },
            cancellationToken);
        return Read(await TaskAsync(sender, key, taskId, cancellationToken), request.HttpContext.Response);
    }

    private static async Task<Ok<BoardTask>> SetChecklistItemAsync(
        string key, Guid taskId, int number, ChecklistItemRequest body, HttpResponse response, ISender sender, CancellationToken cancellationToken)
    {
        await TaskAsync(sender, key, taskId, cancellationToken);
        await sender.Send(new SetChecklistItemCommand(taskId, number, body.Done), cancellationToken);
        return Read(await TaskAsync(sender, key, taskId, cancellationToken), response);
    }

    /// <summary>The task as the board shows it to the caller; a task of another project is not found under this key.</summary>
    private static async Task<BoardTask> TaskAsync(ISender sender, string key, Guid taskId, CancellationToken cancellationToken) =>
        (await sender.Send(new ProjectBoardQuery(key), cancellationToken)).FindTask(taskId)
        ?? throw new NotFoundException("Task", taskId);

    private static Ok<BoardTask> Read(BoardTask task, HttpResponse response)
    {
        response.SetETag(task.Version);
        return TypedResults.Ok(task);
    }
}
