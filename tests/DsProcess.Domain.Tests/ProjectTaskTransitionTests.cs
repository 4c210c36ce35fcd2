using DsProcess.Domain.Activity;
using DsProcess.Domain.Common;
using DsProcess.Domain.Projects;
using static DsProcess.Domain.Projects.ProjectTaskStatus;

namespace DsProcess.Domain.Tests;

public sealed class ProjectTaskTransitionTests
{
    /// <summary>Every move from every status, with the status it leads to (null: refused).</summary>
    public static TheoryData<TaskMove, ProjectTaskStatus, ProjectTaskStatus?> Matrix() => new()
    {
        { TaskMove.Start, NotStarted, InProgress },
        { TaskMove.Start, InProgress, null },
        { TaskMove.Start, Blocked, null },
        { TaskMove.Start, Done, null },
        { TaskMove.Start, ProjectTaskStatus.NotApplicable, null },
        { TaskMove.Block, NotStarted, Blocked },
        { TaskMove.Block, InProgress, Blocked },
        { TaskMove.Block, Blocked, null },
        { TaskMove.Block, Done, null },
        { TaskMove.Block, ProjectTaskStatus.NotApplicable, null },
        { TaskMove.Unblock, NotStarted, null },
        { TaskMove.Unblock, InProgress, null },
        { TaskMove.Unblock, Blocked, InProgress },
        { TaskMove.Unblock, Done, null },
        { TaskMove.Unblock, ProjectTaskStatus.NotApplicable, null },
        { TaskMove.Done, NotStarted, null },
        { TaskMove.Done, InProgress, Done },
        { TaskMove.Done, Blocked, null },
        { TaskMove.Done, Done, null },
        { TaskMove.Done, ProjectTaskStatus.NotApplicable, null },
        { TaskMove.NotApplicable, NotStarted, ProjectTaskStatus.NotApplicable },
        { TaskMove.NotApplicable, InProgress, ProjectTaskStatus.NotApplicable },
        { TaskMove.NotApplicable, Blocked, ProjectTaskStatus.NotApplicable },
        { TaskMove.NotApplicable, Done, null },
        { TaskMove.NotApplicable, ProjectTaskStatus.NotApplicable, null },
        { TaskMove.Reopen, NotStarted, null },
        { TaskMove.Reopen, InProgress, null },
        { TaskMove.Reopen, Blocked, null },
        { TaskMove.Reopen, Done, InProgress },
        { TaskMove.Reopen, ProjectTaskStatus.NotApplicable, NotStarted },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Every_move_from_every_status_is_allowed_or_refused_as_specified(TaskMove move, ProjectTaskStatus from, ProjectTaskStatus? expected)
    {
        var project = Build.Project();
        var task = Build.OptionalActiveTask(project);
        Build.TickAll(task);
        Build.PutIn(task, from);
        Build.ClearActivity(project);

        var act = () => Apply(task, move);

        if (expected is { } to)
        {
            act();
            Assert.Equal(to, task.Status);
            var entry = Assert.Single(task.PendingActivity);
            Assert.Equal(ActivityKind.TaskStatusChanged, entry.Kind);
            Assert.Equal(DisplayNames.Of(from), entry.From);
            Assert.Equal(DisplayNames.Of(to), entry.To);
            Assert.Equal(Build.Lead.Name, entry.ActorName);
        }
        else
        {
            Assert.Throws<DomainRuleException>(act);
            Assert.Equal(from, task.Status);
            Assert.Empty(task.PendingActivity);
        }
    }

    [Theory]
    [InlineData(TaskMove.Block)]
    [InlineData(TaskMove.NotApplicable)]
    [InlineData(TaskMove.Reopen)]
    public void Moves_that_need_a_reason_are_refused_without_one(TaskMove move)
    {
        var project = Build.Project();
        var task = Build.OptionalActiveTask(project);
        Build.PutIn(task, move == TaskMove.Reopen ? Done : NotStarted);
        var before = task.Status;

        foreach (var reason in new[] { "", "   ", null })
        {
            var error = Assert.Throws<DomainRuleException>(() => Apply(task, move, reason!));
            Assert.Contains("needs a reason", error.Message, StringComparison.Ordinal);
        }

        Assert.Throws<DomainRuleException>(() => Apply(task, move, new string('x', Limits.Reason + 1)));
        Assert.Equal(before, task.Status);
    }

    [Theory]
    [MemberData(nameof(Situations))]
    public void The_workflow_offers_exactly_the_moves_the_task_accepts(ProjectTaskStatus status, bool optional, PhaseKind phaseKind)
    {
        foreach (var move in Enum.GetValues<TaskMove>())
        {
            var project = Build.Project();
            var task = TickedTaskOf(project, optional, phaseKind);
            if (status == Done && task.Phase.State != PhaseState.Active)
            {
                continue;
            }

            Build.PutIn(task, status);
            var offered = TaskWorkflow.AllowedMoves(task.Status, task.IsOptional, task.Phase.State).Contains(move);

            var accepted = true;
            try
            {
                Apply(task, move);
            }
            catch (DomainRuleException)
            {
                accepted = false;
            }

            Assert.True(offered == accepted, $"{move} from {status} (optional: {optional}, phase: {phaseKind}): offered {offered}, accepted {accepted}");
        }
    }

    [Theory]
    [MemberData(nameof(Situations))]
    public void The_checklist_is_offered_exactly_when_the_task_accepts_a_change(ProjectTaskStatus status, bool optional, PhaseKind phaseKind)
    {
        var project = Build.Project();
        var task = TickedTaskOf(project, optional, phaseKind);
        if (status == Done && task.Phase.State != PhaseState.Active)
        {
            return;
        }

        Build.PutIn(task, status);
        AssertChecklistOfferedAsAccepted(task);
    }

    [Fact]
    public void The_checklist_is_not_offered_while_the_phase_awaits_its_gate()
    {
        var project = Build.Project();
        var phase = project.Phase(PhaseKind.DataDevelopment);
        Build.FinishRequiredTasks(phase);
        phase.SubmitForGate(Build.Lead, Build.Now);

        AssertChecklistOfferedAsAccepted(Build.OptionalActiveTask(project));
    }

    // A task of the active phase (Data Development) or of one not started yet (Model Development), its checklist ticked.
    private static ProjectTask TickedTaskOf(Project project, bool optional, PhaseKind phaseKind)
    {
        var task = optional
            ? Build.Task(project, phaseKind == PhaseKind.DataDevelopment ? "Data augmentation" : "Accelerating training")
            : Build.Task(project, phaseKind == PhaseKind.DataDevelopment ? "Data preprocessing" : "Model experimentation");
        Build.TickAll(task);
        return task;
    }

    private static void AssertChecklistOfferedAsAccepted(ProjectTask task)
    {
        var offered = WorkRules.ChecklistEditable(task.Status, task.Phase.State);
        var accepted = true;
        try
        {
            task.SetChecklistItem(1, !task.Checklist[0].IsDone, Build.Lead, Build.Now);
        }
        catch (DomainRuleException)
        {
            accepted = false;
        }

        Assert.True(offered == accepted, $"{task.Status} in a {task.Phase.State} phase: offered {offered}, accepted {accepted}");
    }

    public static TheoryData<ProjectTaskStatus, bool, PhaseKind> Situations()
    {
        var data = new TheoryData<ProjectTaskStatus, bool, PhaseKind>();
        foreach (var status in Enum.GetValues<ProjectTaskStatus>())
        {
            foreach (var optional in new[] { false, true })
            {
                if (status == ProjectTaskStatus.NotApplicable && !optional)
                {
                    continue;
                }

                data.Add(status, optional, PhaseKind.DataDevelopment);
                data.Add(status, optional, PhaseKind.ModelDevelopment);
            }
        }

        return data;
    }

    [Fact]
    public void Blocked_and_not_applicable_keep_their_reason_and_clear_it_when_left()
    {
        var project = Build.Project();
        var task = Build.OptionalActiveTask(project);

        task.Block("  waiting for GPU quota ", Build.Lead, Build.Now);
        Assert.Equal("waiting for GPU quota", task.StatusReason);

        task.Unblock(Build.Lead, Build.Now);
        Assert.Null(task.StatusReason);

        task.MarkNotApplicable("tabular data only", Build.Lead, Build.Now);
        Assert.Equal("tabular data only", task.StatusReason);
        Assert.Equal("tabular data only", task.PendingActivity[^1].Reason);
    }

    [Fact]
    public void Required_task_cannot_be_marked_not_applicable()
    {
        var project = Build.Project();
        var task = Build.Task(project, "Data collection");

        var error = Assert.Throws<DomainRuleException>(() => task.MarkNotApplicable("not needed", Build.Lead, Build.Now));

        Assert.Contains("only optional tasks", error.Message, StringComparison.Ordinal);
        Assert.Equal(NotStarted, task.Status);
    }

    [Fact]
    public void Done_is_refused_while_a_required_checklist_item_is_open()
    {
        var project = Build.Project();
        var task = Build.Task(project, "Data collection");
        task.Start(Build.Lead, Build.Now);
        task.SetChecklistItem(1, done: true, Build.Lead, Build.Now);

        var error = Assert.Throws<DomainRuleException>(() => task.MarkDone(Build.Lead, Build.Now));

        Assert.Contains("3 left", error.Message, StringComparison.Ordinal);
        Assert.Equal(InProgress, task.Status);
    }

    [Fact]
    public void Done_needs_only_the_required_checklist_items()
    {
        var project = Build.Project();
        var task = Build.Task(project, "Data monitoring");
        task.Start(Build.Lead, Build.Now);
        foreach (var item in task.Checklist.Where(i => i.IsRequired))
        {
            task.SetChecklistItem(item.Number, done: true, Build.Lead, Build.Now);
        }

        task.MarkDone(Build.Lead, Build.Now);

        Assert.Equal(Done, task.Status);
        Assert.Equal(Build.Now, task.CompletedAt);
    }

    [Fact]
    public void A_task_of_a_phase_not_yet_active_can_start_but_not_be_done()
    {
        var project = Build.Project();
        var task = Build.Task(project, "Model experimentation");
        Assert.Equal(PhaseState.NotStarted, task.Phase.State);

        task.Start(Build.Lead, Build.Now);
        Build.TickAll(task);
        var error = Assert.Throws<DomainRuleException>(() => task.MarkDone(Build.Lead, Build.Now));

        Assert.Contains("not active", error.Message, StringComparison.Ordinal);
        Assert.Equal(InProgress, task.Status);
    }

    [Theory]
    [InlineData(TaskMove.Start)]
    [InlineData(TaskMove.Block)]
    [InlineData(TaskMove.NotApplicable)]
    [InlineData(TaskMove.Reopen)]
    public void Tasks_of_a_phase_awaiting_its_gate_or_completed_do_not_change(TaskMove move)
    {
        var project = Build.Project();
        var phase = project.Phase(PhaseKind.DataDevelopment);
        Build.FinishRequiredTasks(phase);
        var optional = Build.OptionalActiveTask(project);
        var done = Build.Task(project, "Data collection");
        var task = move == TaskMove.Reopen ? done : optional;

        phase.SubmitForGate(Build.Lead, Build.Now);
        Assert.Throws<DomainRuleException>(() => Apply(task, move));

        phase.Complete(Build.Lead, Build.Now);
        Assert.Throws<DomainRuleException>(() => Apply(task, move));
        Assert.Throws<DomainRuleException>(() => optional.SetChecklistItem(1, done: true, Build.Lead, Build.Now));
        Assert.Throws<DomainRuleException>(() => optional.Plan("New title", null, null, null, Build.Lead, Build.Now));
        Assert.Equal(move == TaskMove.Reopen ? Done : NotStarted, task.Status);
    }

    [Fact]
    public void Ticking_and_unticking_a_checklist_item_is_recorded()
    {
        var project = Build.Project();
        var task = Build.Task(project, "Data collection");
        Build.ClearActivity(project);

        task.SetChecklistItem(2, done: true, Build.Lead, Build.Now);
        task.SetChecklistItem(2, done: true, Build.Lead, Build.Now);
        task.SetChecklistItem(2, done: false, Build.Lead, Build.Now);

        Assert.False(task.Checklist[1].IsDone);
        Assert.Equal(
            [ActivityKind.ChecklistItemTicked, ActivityKind.ChecklistItemUnticked],
            task.PendingActivity.Select(a => a.Kind));
    }

    [Fact]
    public void The_checklist_of_a_finished_task_cannot_change()
    {
        var project = Build.Project();
        var task = Build.Task(project, "Data collection");
        Build.PutIn(task, Done);

        Assert.Throws<DomainRuleException>(() => task.SetChecklistItem(1, done: false, Build.Lead, Build.Now));
        Assert.True(task.Checklist[0].IsDone);
    }

    [Fact]
    public void An_unknown_checklist_item_is_refused()
    {
        var project = Build.Project();
        var task = Build.Task(project, "Data collection");

        Assert.Throws<DomainRuleException>(() => task.SetChecklistItem(99, done: true, Build.Lead, Build.Now));
    }

    [Fact]
    public void Planning_records_what_changed_and_refuses_a_due_date_before_the_start()
    {
        var project = Build.Project();
        var task = Build.Task(project, "Model experimentation");
        Build.ClearActivity(project);
        var start = new DateOnly(2026, 4, 1);

        Assert.Throws<DomainRuleException>(() => task.Plan("Experiments", null, start, start.AddDays(-1), Build.Lead, Build.Now));
        Assert.Throws<DomainRuleException>(() => task.Plan("  ", null, start, start, Build.Lead, Build.Now));
        Assert.Empty(task.PendingActivity);

        task.Plan("Experiments", "Try three approaches", start, start.AddDays(10), Build.Lead, Build.Now);
        task.Plan("Experiments", "Try three approaches", start, start.AddDays(10), Build.Lead, Build.Now);

        Assert.Equal("Experiments", task.Title);
        Assert.Equal(start.AddDays(10), task.Due);
        var entry = Assert.Single(task.PendingActivity);
        Assert.Equal(ActivityKind.TaskPlanned, entry.Kind);
        Assert.Contains("2026-04-01..2026-04-11", entry.To, StringComparison.Ordinal);
    }

    private static void Apply(ProjectTask task, TaskMove move, string reason = "a reason")
    {
        switch (move)
        {
            case TaskMove.Start:
                task.Start(Build.Lead, Build.Now);
                break;
            case TaskMove.Block:
                task.Block(reason, Build.Lead, Build.Now);
                break;
            case TaskMove.Unblock:
                task.Unblock(Build.Lead, Build.Now);
                break;
            case TaskMove.Done:
                task.MarkDone(Build.Lead, Build.Now);
                break;
            case TaskMove.NotApplicable:
                task.MarkNotApplicable(reason, Build.Lead, Build.Now);
                break;
            case TaskMove.Reopen:
                task.Reopen(reason, Build.Lead, Build.Now);
                break;
        }
    }
}
