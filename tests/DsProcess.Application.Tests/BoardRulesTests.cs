using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Projects.Queries.ProjectBoard;
using DsProcess.Application.Tasks.Commands.ChangeTaskStatus;
using DsProcess.Application.Tasks.Commands.PlanTask;
using DsProcess.Domain.Projects;

namespace DsProcess.Application.Tests;

/// <summary>The board's flags come from the rules the commands enforce, computed on the server for each caller.</summary>
public sealed class BoardRulesTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task The_board_shows_each_caller_what_the_commands_allow_them()
    {
        var board = await app.CreateProjectAsync();
        var engineer = await app.CreateMemberAsync(board.Id, "Ed Engineer", ProjectRole.DataEngineer);
        var scientist = await app.CreateMemberAsync(board.Id, "Sia Scientist", ProjectRole.DataScientist);

        var asLead = await app.SendAsync(new ProjectBoardQuery(board.Key));
        var asEngineer = await app.SendAsync(new ProjectBoardQuery(board.Key), engineer);
        var asScientist = await app.SendAsync(new ProjectBoardQuery(board.Key), scientist);

        Assert.True(asLead.CanPlan);
        Assert.False(asEngineer.CanPlan);
        Assert.True(Task(asEngineer, "Data collection").CanWork);
        Assert.False(Task(asEngineer, "Model experimentation").CanWork);
        Assert.True(Task(asScientist, "Model experimentation").CanWork);
        var experimentation = Task(asEngineer, "Model experimentation");
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            app.SendAsync(new ChangeTaskStatusCommand(experimentation.Id, experimentation.Version, TaskMove.Start), engineer));

        Assert.True(Phase(asEngineer, PhaseKind.DataDevelopment).CanWorkGate);
        Assert.False(Phase(asEngineer, PhaseKind.DataDevelopment).CanDecide);
        Assert.True(Phase(asScientist, PhaseKind.DataDevelopment).CanDecide);
        Assert.Equal(ProjectRole.DataScientist, Phase(asScientist, PhaseKind.DataDevelopment).DecidingRole);
        Assert.True(Phase(asLead, PhaseKind.BusinessAnalysis).IsLast);
        Assert.Null(Phase(asLead, PhaseKind.BusinessAnalysis).DecidingRole);
        Assert.False(Phase(asScientist, PhaseKind.BusinessAnalysis).CanDecide);

        Assert.Equal(ProjectRole.DataEngineer, Task(asLead, "Data collection").NextRole);
        Assert.Equal(ProjectRole.DataScientist, Task(asLead, "Data preprocessing").NextRole);
        Assert.Equal(ProjectRole.DataScientist, Task(asLead, "Data monitoring").NextRole);
    }

    [Fact]
    public async Task A_task_is_overdue_on_the_board_while_it_is_open_and_its_due_date_has_passed()
    {
        var board = await app.CreateProjectAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var collection = Task(board, "Data collection");
        Assert.False(collection.IsOverdue);

        await app.SendAsync(new PlanTaskCommand
        {
            TaskId = collection.Id,
            Version = collection.Version,
            Title = collection.Title,
            Description = collection.Description,
            PlannedStart = today.AddDays(-10),
            Due = today.AddDays(-1),
        });
        Assert.True((await app.TaskAsync(board.Key, "Data collection")).IsOverdue);

        await app.FinishAsync(board.Key, "Data collection");
        Assert.False((await app.TaskAsync(board.Key, "Data collection")).IsOverdue);
    }

    private static BoardTask Task(ProjectBoardDto board, string title) => board.Tasks.Single(t => t.Title == title);

    private static BoardPhase Phase(ProjectBoardDto board, PhaseKind kind) => board.Phases.Single(p => p.Kind == kind);
}
