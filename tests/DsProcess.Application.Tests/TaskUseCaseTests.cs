using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Tasks.Commands.AddTask;
using DsProcess.Application.Tasks.Commands.ChangeTaskStatus;
using DsProcess.Application.Tasks.Commands.PlanTask;
using DsProcess.Application.Tasks.Commands.SetChecklistItem;
using DsProcess.Domain.Activity;
using DsProcess.Domain.Common;
using DsProcess.Domain.Projects;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Tests;

public sealed class TaskUseCaseTests(AppFixture app) : IClassFixture<AppFixture>
{

    [Fact]
    public async Task Starting_and_finishing_a_task_moves_the_progress_and_is_recorded()
    {
        var (board, ana, _) = await ProjectWithTeamAsync();

        await app.MoveAsync(board.Key, "Data collection", TaskMove.Start);
        var task = await app.TaskAsync(board.Key, "Data collection");
        foreach (var item in task.Checklist)
        {
            await app.SendAsync(new SetChecklistItemCommand(task.Id, item.Number, Done: true), ana);
        }

        var done = await app.MoveAsync(board.Key, "Data collection", TaskMove.Done);

        Assert.Equal(ProjectTaskStatus.Done, done.Status);
        var after = await app.BoardAsync(board.Key);
        Assert.Equal(4, after.ProgressPercent);
        Assert.Equal(16, after.Phases[0].ProgressPercent);
        var statusChanges = await ActivityAsync(task.Id, ActivityKind.TaskStatusChanged);
        Assert.Equal(["Not started → In progress", "In progress → Done"], statusChanges.Select(a => $"{a.From} → {a.To}"));
        Assert.All(statusChanges, a => Assert.Equal(TimeSpan.Zero, a.At.Offset));
        Assert.Equal(4, (await ActivityAsync(task.Id, ActivityKind.ChecklistItemTicked)).Count(a => a.ActorName == ana.Name));
    }

    public static TheoryData<TaskMove, ProjectTaskStatus> IllegalMoves() => new()
    {
        { TaskMove.Done, ProjectTaskStatus.NotStarted },
        { TaskMove.Unblock, ProjectTaskStatus.NotStarted },
        { TaskMove.Reopen, ProjectTaskStatus.NotStarted },
        { TaskMove.Start, ProjectTaskStatus.InProgress },
        { TaskMove.Reopen, ProjectTaskStatus.InProgress },
        { TaskMove.Start, ProjectTaskStatus.Blocked },
        { TaskMove.Done, ProjectTaskStatus.Blocked },
        { TaskMove.Block, ProjectTaskStatus.Done },
        { TaskMove.Start, ProjectTaskStatus.Done },
    };

    [Theory]
    [MemberData(nameof(IllegalMoves))]
    public async Task An_illegal_move_gets_a_clear_message_and_changes_nothing(TaskMove move, ProjectTaskStatus from)
    {
        var board = await app.CreateProjectAsync();
        const string title = "Data collection";
        switch (from)
        {
            case ProjectTaskStatus.InProgress:
                await app.MoveAsync(board.Key, title, TaskMove.Start);
                break;
            case ProjectTaskStatus.Blocked:
                await app.MoveAsync(board.Key, title, TaskMove.Block, "no access yet");
                break;
            case ProjectTaskStatus.Done:
                await app.FinishAsync(board.Key, title);
                break;
        }

        var before = await app.TaskAsync(board.Key, title);
        var activityBefore = await app.WithDbAsync(db => db.Activity.CountAsync(a => a.TaskId == before.Id));

        var error = await Assert.ThrowsAsync<DomainRuleException>(() =>
            app.SendAsync(new ChangeTaskStatusCommand(before.Id, before.Version, move, "a reason")));

        Assert.Contains(title, error.Message, StringComparison.Ordinal);
        var after = await app.TaskAsync(board.Key, title);
        Assert.Equal(from, after.Status);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(activityBefore, await app.WithDbAsync(db => db.Activity.CountAsync(a => a.TaskId == before.Id)));
    }

    [Theory]
    [InlineData(TaskMove.Block)]
    [InlineData(TaskMove.NotApplicable)]
    [InlineData(TaskMove.Reopen)]
    public async Task A_move_that_needs_a_reason_is_refused_without_one(TaskMove move)
    {
        var board = await app.CreateProjectAsync();
        var task = await app.TaskAsync(board.Key, "Data augmentation");

        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            app.SendAsync(new ChangeTaskStatusCommand(task.Id, task.Version, move, "  ")));

        Assert.True(error.Errors.ContainsKey("Reason"));
        Assert.Equal(ProjectTaskStatus.NotStarted, (await app.TaskAsync(board.Key, "Data augmentation")).Status);
    }

    [Fact]
    public async Task Not_applicable_is_only_for_optional_tasks()
    {
        var board = await app.CreateProjectAsync();

        var skipped = await app.MoveAsync(board.Key, "Data augmentation", TaskMove.NotApplicable, "Tabular data only");
        var required = await app.TaskAsync(board.Key, "Data collection");
        var error = await Assert.ThrowsAsync<DomainRuleException>(() =>
            app.SendAsync(new ChangeTaskStatusCommand(required.Id, required.Version, TaskMove.NotApplicable, "not needed")));

        Assert.Equal(ProjectTaskStatus.NotApplicable, skipped.Status);
        Assert.Equal("Tabular data only", skipped.StatusReason);
        Assert.Contains("only optional tasks", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_task_of_a_phase_not_yet_active_is_planned_and_started_but_not_done()
    {
        var board = await app.CreateProjectAsync();
        const string title = "Model experimentation";

        await app.MoveAsync(board.Key, title, TaskMove.Start);
        var task = await app.TaskAsync(board.Key, title);
        foreach (var item in task.Checklist)
        {
            await app.SendAsync(new SetChecklistItemCommand(task.Id, item.Number, Done: true));
        }

        var error = await Assert.ThrowsAsync<DomainRuleException>(() => app.MoveAsync(board.Key, title, TaskMove.Done));

        Assert.Contains("not active", error.Message, StringComparison.Ordinal);
        Assert.Equal(ProjectTaskStatus.InProgress, (await app.TaskAsync(board.Key, title)).Status);
    }

    [Fact]
    public async Task Done_with_open_required_checklist_items_is_refused()
    {
        var board = await app.CreateProjectAsync();
        await app.MoveAsync(board.Key, "Data collection", TaskMove.Start);

        var error = await Assert.ThrowsAsync<DomainRuleException>(() => app.MoveAsync(board.Key, "Data collection", TaskMove.Done));

        Assert.Contains("required checklist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_second_of_two_people_changing_the_same_task_gets_a_conflict_and_nothing_is_overwritten()
    {
        var (board, ana, sam) = await ProjectWithTeamAsync();
        var seenByBoth = await app.TaskAsync(board.Key, "Data collection");

        await app.SendAsync(new ChangeTaskStatusCommand(seenByBoth.Id, seenByBoth.Version, TaskMove.Start), ana);
        var conflict = await Assert.ThrowsAsync<ConflictException>(() =>
            app.SendAsync(new ChangeTaskStatusCommand(seenByBoth.Id, seenByBoth.Version, TaskMove.Block, "waiting for access"), sam));

        Assert.Contains("Someone else changed this", conflict.Message, StringComparison.Ordinal);
        var after = await app.TaskAsync(board.Key, "Data collection");
        Assert.Equal(ProjectTaskStatus.InProgress, after.Status);
        var changes = await ActivityAsync(seenByBoth.Id, ActivityKind.TaskStatusChanged);
        Assert.Equal([ana.Name], changes.Select(a => a.ActorName));
    }

    [Fact]
    public async Task Planning_from_a_stale_screen_is_a_conflict()
    {
        var board = await app.CreateProjectAsync();
        var coLead = await app.CreateMemberAsync(board.Id, "Cole Lead", ProjectRole.TeamLead);
        var stale = await app.TaskAsync(board.Key, "Feature engineering");
        await app.SendAsync(Plan(stale, "Feature engineering v2"));

        await Assert.ThrowsAsync<ConflictException>(() => app.SendAsync(Plan(stale, "Features (Cole's title)"), coLead));

        Assert.Equal("Feature engineering v2", (await app.TaskAsync(board.Key, "Feature engineering v2")).Title);
    }

    [Fact]
    public async Task Planning_saves_title_description_and_dates_and_records_the_change()
    {
        var board = await app.CreateProjectAsync();
        var task = await app.TaskAsync(board.Key, "Model explanation");
        var start = new DateOnly(2027, 1, 4);
        var command = Plan(task, "Explain the churn model");
        command.Description = "SHAP values per segment";
        command.PlannedStart = start;
        command.Due = start.AddDays(9);

        await app.SendAsync(command);

        var planned = await app.TaskAsync(board.Key, "Explain the churn model");
        Assert.Equal("SHAP values per segment", planned.Description);
        Assert.Equal(start, planned.PlannedStart);
        Assert.Equal(start.AddDays(9), planned.Due);
        var entry = Assert.Single(await ActivityAsync(task.Id, ActivityKind.TaskPlanned));
        Assert.Contains("2027-01-04..2027-01-13", entry.To, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_plan_input_gets_field_messages_and_saves_nothing()
    {
        var board = await app.CreateProjectAsync();
        var task = await app.TaskAsync(board.Key, "Fine tuning");
        var command = Plan(task, "");
        command.Description = new string('d', 4001);
        command.PlannedStart = new DateOnly(2027, 2, 1);
        command.Due = new DateOnly(2027, 1, 1);

        var error = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(command));

        Assert.Equal(["Description", "Due", "Title"], error.Errors.Keys.Order());
        Assert.Equal(task.Version, (await app.TaskAsync(board.Key, "Fine tuning")).Version);
    }

    [Fact]
    public async Task Two_people_ticking_different_items_from_open_screens_both_keep_their_tick()
    {
        var (board, ana, sam) = await ProjectWithTeamAsync();
        var task = await app.TaskAsync(board.Key, "Data preprocessing");

        await app.SendAsync(new SetChecklistItemCommand(task.Id, 1, Done: true), ana);
        await app.SendAsync(new SetChecklistItemCommand(task.Id, 2, Done: true), sam);

        var after = await app.TaskAsync(board.Key, "Data preprocessing");
        Assert.True(after.Checklist[0].IsDone);
        Assert.Equal(ana.Name, after.Checklist[0].DoneBy);
        Assert.True(after.Checklist[1].IsDone);
        Assert.Equal(sam.Name, after.Checklist[1].DoneBy);
    }

    [Fact]
    public async Task Checklist_ticks_saved_at_the_same_instant_never_overwrite_each_other_silently()
    {
        for (var round = 0; round < 5; round++)
        {
            var board = await app.CreateProjectAsync();
            var task = await app.TaskAsync(board.Key, "Data preprocessing");

            var outcomes = await Task.WhenAll(Enumerable.Range(1, 4).Select(async number =>
            {
                try
                {
                    await app.SendAsync(new SetChecklistItemCommand(task.Id, number, Done: true));
                    return (number, saved: true);
                }
                catch (ConflictException)
                {
                    return (number, saved: false);
                }
            }));

            // Each tick either stuck or was refused with a conflict; none vanished without a word.
            var after = await app.TaskAsync(board.Key, "Data preprocessing");
            foreach (var (number, saved) in outcomes)
            {
                Assert.Equal(saved, after.Checklist[number - 1].IsDone);
            }

            Assert.Equal(outcomes.Count(o => o.saved), (await ActivityAsync(task.Id, ActivityKind.ChecklistItemTicked)).Count);
        }
    }

    [Fact]
    public async Task An_unknown_checklist_item_or_task_is_refused()
    {
        var board = await app.CreateProjectAsync();
        var task = await app.TaskAsync(board.Key, "Data collection");

        await Assert.ThrowsAsync<DomainRuleException>(() => app.SendAsync(new SetChecklistItemCommand(task.Id, 42, Done: true)));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new SetChecklistItemCommand(Guid.NewGuid(), 1, Done: true)));
        await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(new SetChecklistItemCommand(task.Id, 0, Done: true)));
    }

    [Fact]
    public async Task A_custom_task_is_added_at_the_end_of_its_phase()
    {
        var board = await app.CreateProjectAsync();

        var id = await app.SendAsync(new AddTaskCommand
        {
            ProjectId = board.Id,
            Phase = PhaseKind.ModelDevelopment,
            Title = "Bias review",
            ResponsibleRole = ProjectRole.DataScientist,
            SupportingRoles = [ProjectRole.MLEngineer],
            IsOptional = true,
        });

        var phase = (await app.BoardAsync(board.Key)).Phases.Single(p => p.Kind == PhaseKind.ModelDevelopment);
        var added = phase.Tasks[^1];
        Assert.Equal(id, added.Id);
        Assert.Equal(6, added.Order);
        Assert.True(added.IsCustom);
        Assert.Equal([ProjectRole.MLEngineer], added.SupportingRoles);
        Assert.Single(await ActivityAsync(id, ActivityKind.TaskAdded));
    }

    [Fact]
    public async Task Adding_a_task_without_a_title_or_for_the_viewer_role_is_refused()
    {
        var board = await app.CreateProjectAsync();

        var error = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(new AddTaskCommand
        {
            ProjectId = board.Id,
            Phase = PhaseKind.DataDevelopment,
            Title = " ",
            ResponsibleRole = ProjectRole.Viewer,
        }));

        Assert.Equal(["ResponsibleRole", "Title"], error.Errors.Keys.Order());
        Assert.Equal(21, (await app.BoardAsync(board.Key)).Tasks.Count());
    }

    /// <summary>A new project whose team has Ana (data engineer) and Sam (data engineer and data scientist).</summary>
    private async Task<(Projects.Queries.ProjectBoard.ProjectBoardDto Board, TestPerson Ana, TestPerson Sam)> ProjectWithTeamAsync()
    {
        var board = await app.CreateProjectAsync();
        var ana = await app.CreateMemberAsync(board.Id, "Ana Engineer", ProjectRole.DataEngineer);
        var sam = await app.CreateMemberAsync(board.Id, "Sam Scientist", ProjectRole.DataEngineer, ProjectRole.DataScientist);
        return (board, ana, sam);
    }

    private static PlanTaskCommand Plan(Projects.Queries.ProjectBoard.BoardTask task, string title) => new()
    {
        TaskId = task.Id,
        Version = task.Version,
        Title = title,
        Description = task.Description,
        PlannedStart = task.PlannedStart,
        Due = task.Due,
    };

    private Task<List<ActivityEntry>> ActivityAsync(Guid taskId, ActivityKind kind) =>
        app.WithDbAsync(db => db.Activity.AsNoTracking().Where(a => a.TaskId == taskId && a.Kind == kind).OrderBy(a => a.Id).ToListAsync());
}
