using System.ComponentModel;
using DsProcess.Application.Projects.Queries.ListProjects;
using DsProcess.Application.Projects.Queries.ProjectBoard;
using DsProcess.Application.Projects.Queries.ProjectPage;
using DsProcess.Domain.Gates;
using DsProcess.Domain.Projects;
using Mediator;
using Microsoft.AspNetCore.Mvc;

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
    }

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
}
