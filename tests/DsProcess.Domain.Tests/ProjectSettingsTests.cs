using DsProcess.Domain.Activity;
using DsProcess.Domain.Common;
using DsProcess.Domain.Gates;
using DsProcess.Domain.Projects;

namespace DsProcess.Domain.Tests;

/// <summary>Project settings: editing, re-planning, hold, resume and cancel, and what each status allows.</summary>
public sealed class ProjectSettingsTests
{
    private static readonly Actor Member = new(Guid.NewGuid(), "Mia Member");

    [Fact]
    public void Editing_details_records_each_changed_field_with_its_old_and_new_value()
    {
        var project = Build.Project();
        Build.ClearActivity(project);

        project.EditDetails("  Churn prediction ", "Keep customers", Build.Lead, Build.Now);

        Assert.Equal("Churn prediction", project.Name);
        Assert.Equal("Keep customers", project.Objective);
        Assert.Collection(
            project.PendingActivity,
            name => Assert.Equal((ActivityKind.ProjectEdited, "Name", "Customer churn", "Churn prediction"), (name.Kind, name.Subject, name.From, name.To)),
            objective => Assert.Equal((ActivityKind.ProjectEdited, "Objective", "Predict churn", "Keep customers"), (objective.Kind, objective.Subject, objective.From, objective.To)));
    }

    [Fact]
    public void Editing_without_a_change_records_nothing()
    {
        var project = Build.Project();
        Build.ClearActivity(project);

        project.EditDetails("Customer churn", "Predict churn", Build.Lead, Build.Now);

        Assert.Empty(project.PendingActivity);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_project_keeps_a_name(string name)
    {
        var project = Build.Project();

        var ex = Assert.Throws<DomainRuleException>(() => project.EditDetails(name, null, Build.Lead, Build.Now));

        Assert.Equal("Name is required.", ex.Message);
        Assert.Equal("Customer churn", project.Name);
    }

    [Fact]
    public void A_long_objective_is_clipped_in_the_activity_log_but_kept_whole()
    {
        var project = Build.Project();
        Build.ClearActivity(project);
        var objective = new string('x', Limits.Objective);

        project.EditDetails(project.Name, objective, Build.Lead, Build.Now);

        Assert.Equal(objective, project.Objective);
        var entry = Assert.Single(project.PendingActivity);
        Assert.Equal(1000, entry.To!.Length);
        Assert.EndsWith("…", entry.To, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_objective_of_emoji_is_clipped_between_characters()
    {
        var project = Build.Project();
        Build.ClearActivity(project);
        var objective = string.Concat(Enumerable.Repeat("😀", Limits.Objective / 2));

        project.EditDetails(project.Name, objective, Build.Lead, Build.Now);

        Assert.Equal(string.Concat(Enumerable.Repeat("😀", 499)) + "…", Assert.Single(project.PendingActivity).To);
    }

    [Fact]
    public void Replanning_that_would_move_a_date_off_the_calendar_is_refused_and_moves_nothing()
    {
        var project = Build.Project();
        var task = project.Phase(PhaseKind.DataDevelopment).Tasks[0];
        task.Plan(task.Title, task.Description, DateOnly.MaxValue.AddDays(-3), DateOnly.MaxValue, Build.Lead, Build.Now);
        var target = project.TargetDate;

        var ex = Assert.Throws<DomainRuleException>(() => project.Replan(target.AddDays(30), null, Build.Lead, Build.Now));

        Assert.Contains("off the calendar", ex.Message, StringComparison.Ordinal);
        Assert.Equal((target, DateOnly.MaxValue), (project.TargetDate, task.Due));
    }

    [Fact]
    public void Replanning_shifts_the_open_work_by_the_targets_move_and_leaves_finished_work()
    {
        var project = Build.Project();
        Build.PassGate(project, PhaseKind.DataDevelopment);
        var model = project.Phase(PhaseKind.ModelDevelopment);
        var done = model.Tasks[0];
        Build.PutIn(done, ProjectTaskStatus.Done);
        var open = model.Tasks[1];
        var completedPhase = project.Phase(PhaseKind.DataDevelopment);
        var before = (
            Completed: (completedPhase.PlannedStart, completedPhase.PlannedEnd),
            Done: (done.PlannedStart, done.Due),
            Open: (open.PlannedStart, open.Due),
            Model: (model.PlannedStart, model.PlannedEnd),
            Last: project.Phase(PhaseKind.BusinessAnalysis).PlannedEnd);
        Build.ClearActivity(project);
        var newTarget = project.TargetDate.AddDays(14);

        var preview = project.PreviewReplan(newTarget);
        var shifts = project.Replan(newTarget, "data access came late", Build.Lead, Build.Now);

        Assert.Equal(preview, shifts);
        Assert.Equal(newTarget, project.TargetDate);
        Assert.Equal(before.Completed, (completedPhase.PlannedStart, completedPhase.PlannedEnd));
        Assert.Equal(before.Done, (done.PlannedStart, done.Due));
        Assert.Equal((before.Open.PlannedStart?.AddDays(14), before.Open.Due?.AddDays(14)), (open.PlannedStart, open.Due));
        Assert.Equal((before.Model.PlannedStart?.AddDays(14), before.Model.PlannedEnd?.AddDays(14)), (model.PlannedStart, model.PlannedEnd));
        Assert.Equal(newTarget, project.Phase(PhaseKind.BusinessAnalysis).PlannedEnd);
        Assert.Equal(before.Last?.AddDays(14), project.Phase(PhaseKind.BusinessAnalysis).PlannedEnd);
        Assert.DoesNotContain(shifts, s => s.Phase == PhaseKind.DataDevelopment || s.TaskId == done.Id);
        Assert.Contains(shifts, s => s.TaskId == open.Id && s.EndBefore == before.Open.Due && s.EndAfter == open.Due);
        var entry = Assert.Single(project.PendingActivity);
        Assert.Equal(ActivityKind.ProjectReplanned, entry.Kind);
        Assert.Equal(Build.Today.AddDays(100).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), entry.From);
        Assert.StartsWith(newTarget.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), entry.To, StringComparison.Ordinal);
        Assert.Contains("14 day(s) later", entry.To, StringComparison.Ordinal);
        Assert.Equal("data access came late", entry.Reason);
    }

    [Fact]
    public void Previewing_a_replan_changes_nothing()
    {
        var project = Build.Project();
        var due = project.Tasks.First().Due;
        Build.ClearActivity(project);

        var shifts = project.PreviewReplan(project.TargetDate.AddDays(-10));

        Assert.NotEmpty(shifts);
        Assert.Equal(Build.Today.AddDays(100), project.TargetDate);
        Assert.Equal(due, project.Tasks.First().Due);
        Assert.Empty(project.PendingActivity);
    }

    [Fact]
    public void The_target_cannot_move_to_or_before_the_start_nor_stay_where_it_is()
    {
        var project = Build.Project();

        Assert.Equal(
            $"The target date must be after the start date ({Build.Today:yyyy-MM-dd}).",
            Assert.Throws<DomainRuleException>(() => project.Replan(Build.Today, null, Build.Lead, Build.Now)).Message);
        Assert.StartsWith("The target date is already", Assert.Throws<DomainRuleException>(() => project.Replan(project.TargetDate, null, Build.Lead, Build.Now)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Putting_on_hold_keeps_the_reason_and_since_when_and_resuming_clears_them()
    {
        var project = Build.Project();
        Build.ClearActivity(project);

        project.PutOnHold("waiting for the data contract", Build.Lead, Build.Now);

        Assert.Equal((ProjectStatus.OnHold, "waiting for the data contract", Build.Now), (project.Status, project.StatusReason, project.StatusSince));
        var hold = Assert.Single(project.PendingActivity);
        Assert.Equal((ActivityKind.ProjectPutOnHold, "Active", "On hold", "waiting for the data contract"), (hold.Kind, hold.From, hold.To, hold.Reason));

        project.Resume(Build.Lead, Build.Now.AddDays(3));

        Assert.Equal((ProjectStatus.Active, null, null), (project.Status, project.StatusReason, project.StatusSince));
        Assert.Equal((ActivityKind.ProjectResumed, "On hold", "Active"), (project.PendingActivity[^1].Kind, project.PendingActivity[^1].From, project.PendingActivity[^1].To));
    }

    [Fact]
    public void Resuming_does_not_shift_the_planned_dates()
    {
        var project = Build.Project();
        var planned = project.Tasks.Select(t => (t.PlannedStart, t.Due)).ToList();

        project.PutOnHold("budget review", Build.Lead, Build.Now);
        project.Resume(Build.Lead, Build.Now.AddDays(30));

        Assert.Equal(planned, project.Tasks.Select(t => (t.PlannedStart, t.Due)));
        Assert.Equal(Build.Today.AddDays(100), project.TargetDate);
    }

    [Fact]
    public void Cancelling_is_final()
    {
        var project = Build.Project();
        project.PutOnHold("budget review", Build.Lead, Build.Now);

        project.Cancel("the business case is gone", Build.Lead, Build.Now);

        Assert.Equal((ProjectStatus.Cancelled, "the business case is gone"), (project.Status, project.StatusReason));
        Assert.Equal(ActivityKind.ProjectCancelled, project.PendingActivity[^1].Kind);
        const string readOnly = "CHURN is cancelled (the business case is gone); it is read-only.";
        Assert.Equal(readOnly, Assert.Throws<DomainRuleException>(() => project.Resume(Build.Lead, Build.Now)).Message);
        Assert.Equal(readOnly, Assert.Throws<DomainRuleException>(() => project.PutOnHold("again", Build.Lead, Build.Now)).Message);
        Assert.Equal("CHURN is already cancelled.", Assert.Throws<DomainRuleException>(() => project.Cancel("again", Build.Lead, Build.Now)).Message);
        Assert.Equal(readOnly, Assert.Throws<DomainRuleException>(() => project.EditDetails("New", null, Build.Lead, Build.Now)).Message);
        Assert.Equal(readOnly, Assert.Throws<DomainRuleException>(() => project.Replan(project.TargetDate.AddDays(5), null, Build.Lead, Build.Now)).Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Hold_and_cancel_need_a_reason(string reason)
    {
        var project = Build.Project();

        Assert.Throws<DomainRuleException>(() => project.PutOnHold(reason, Build.Lead, Build.Now));
        Assert.Throws<DomainRuleException>(() => project.Cancel(reason, Build.Lead, Build.Now));
        Assert.Equal(ProjectStatus.Active, project.Status);
    }

    /// <summary>Every status move from every status the project can be in (null: refused).</summary>
    public static TheoryData<string, ProjectStatus, ProjectStatus?> StatusMatrix() => new()
    {
        { "hold", ProjectStatus.Active, ProjectStatus.OnHold },
        { "hold", ProjectStatus.OnHold, null },
        { "hold", ProjectStatus.Completed, null },
        { "hold", ProjectStatus.Cancelled, null },
        { "resume", ProjectStatus.Active, null },
        { "resume", ProjectStatus.OnHold, ProjectStatus.Active },
        { "resume", ProjectStatus.Completed, null },
        { "resume", ProjectStatus.Cancelled, null },
        { "cancel", ProjectStatus.Active, ProjectStatus.Cancelled },
        { "cancel", ProjectStatus.OnHold, ProjectStatus.Cancelled },
        { "cancel", ProjectStatus.Completed, null },
        { "cancel", ProjectStatus.Cancelled, null },
    };

    [Theory]
    [MemberData(nameof(StatusMatrix))]
    public void Every_status_move_from_every_status_is_allowed_or_refused_as_specified(string move, ProjectStatus from, ProjectStatus? expected)
    {
        var project = ProjectIn(from);
        Build.ClearActivity(project);

        Action act = move switch
        {
            "hold" => () => project.PutOnHold("reason", Build.Lead, Build.Now),
            "resume" => () => project.Resume(Build.Lead, Build.Now),
            _ => () => project.Cancel("reason", Build.Lead, Build.Now),
        };

        if (expected is { } to)
        {
            act();
            Assert.Equal(to, project.Status);
            Assert.Single(project.PendingActivity);
        }
        else
        {
            Assert.Throws<DomainRuleException>(act);
            Assert.Equal(from, project.Status);
            Assert.Empty(project.PendingActivity);
        }
    }

    [Fact]
    public void On_hold_the_work_stops_with_a_message_that_says_why()
    {
        var project = Build.Project();
        var task = Build.OptionalActiveTask(project);
        Build.PutIn(task, ProjectTaskStatus.InProgress);
        var phase = project.Phase(PhaseKind.DataDevelopment);
        project.PutOnHold("waiting for the data contract", Build.Lead, Build.Now);
        Build.ClearActivity(project);
        const string paused = "CHURN is on hold (waiting for the data contract); resume it before changing its work.";

        Assert.Equal(paused, Assert.Throws<DomainRuleException>(() => task.Block("x", Member, Build.Now)).Message);
        Assert.Equal(paused, Assert.Throws<DomainRuleException>(() => task.MarkDone(Member, Build.Now)).Message);
        Assert.Equal(paused, Assert.Throws<DomainRuleException>(() => task.SetChecklistItem(1, true, Member, Build.Now)).Message);
        Assert.Equal(paused, Assert.Throws<DomainRuleException>(() => phase.SetGateCriterion(1, true, Member, Build.Now)).Message);
        Assert.Equal(paused, Assert.Throws<DomainRuleException>(() => project.SubmitGate(PhaseKind.DataDevelopment, null, Build.Met(PhaseKind.DataDevelopment), Member, Build.Now)).Message);
        Assert.Equal(ProjectTaskStatus.InProgress, task.Status);
        Assert.Empty(task.PendingActivity);
        Assert.Empty(phase.PendingActivity);
    }

    [Fact]
    public void On_hold_the_lead_still_plans()
    {
        var project = Build.Project();
        project.PutOnHold("budget review", Build.Lead, Build.Now);
        var task = Build.OptionalActiveTask(project);

        task.Plan(task.Title, "narrowed down", Build.Today.AddDays(3), Build.Today.AddDays(9), Build.Lead, Build.Now);
        project.Phase(PhaseKind.ModelDevelopment).AddTask("Baseline model", null, ProjectRole.DataScientist, [], false, null, null, Build.Lead, Build.Now);
        project.Phase(PhaseKind.DataDevelopment).AddGateCriterion("Legal sign-off", true, Build.Lead, Build.Now);
        project.EditDetails("Churn (paused)", null, Build.Lead, Build.Now);
        project.Replan(project.TargetDate.AddDays(30), "paused a month", Build.Lead, Build.Now);

        Assert.Equal(Build.Today.AddDays(39), task.Due);
        Assert.Equal(ProjectStatus.OnHold, project.Status);
    }

    [Fact]
    public void Cancelled_nothing_changes_neither_work_nor_plan_nor_team()
    {
        var project = Build.Project();
        var task = Build.OptionalActiveTask(project);
        var phase = project.Phase(PhaseKind.DataDevelopment);
        project.Cancel("the business case is gone", Build.Lead, Build.Now);
        Build.ClearActivity(project);

        Assert.Throws<DomainRuleException>(() => task.Start(Member, Build.Now));
        Assert.Throws<DomainRuleException>(() => task.Plan(task.Title, null, null, null, Build.Lead, Build.Now));
        Assert.Throws<DomainRuleException>(() => task.Assign(null, null, [], "Mia", Build.Lead, Build.Now));
        Assert.Throws<DomainRuleException>(() => phase.AddTask("More", null, ProjectRole.DataEngineer, [], false, null, null, Build.Lead, Build.Now));
        Assert.Throws<DomainRuleException>(() => phase.AddGateCriterion("More", true, Build.Lead, Build.Now));
        Assert.Throws<DomainRuleException>(() => phase.RemoveGateCriterion(1, Build.Lead, Build.Now));
        Assert.Throws<DomainRuleException>(() => project.AddMember(Guid.NewGuid(), "Mia", [ProjectRole.DataEngineer], Build.Lead, Build.Now));
        Assert.Equal(ProjectTaskStatus.NotStarted, task.Status);
        Assert.Empty(task.PendingActivity);
        Assert.Empty(phase.PendingActivity);
        Assert.Empty(project.PendingActivity);
    }

    [Fact]
    public void A_completed_project_is_not_replanned()
    {
        var project = ProjectIn(ProjectStatus.Completed);

        var ex = Assert.Throws<DomainRuleException>(() => project.Replan(project.TargetDate.AddDays(5), null, Build.Lead, Build.Now));

        Assert.Equal("CHURN is Completed; there is no open work to re-plan.", ex.Message);
    }

    [Theory]
    [InlineData(ProjectStatus.Active, true, true)]
    [InlineData(ProjectStatus.OnHold, false, true)]
    [InlineData(ProjectStatus.Completed, true, true)]
    [InlineData(ProjectStatus.InOperation, true, true)]
    [InlineData(ProjectStatus.Cancelled, false, false)]
    public void What_each_status_allows(ProjectStatus status, bool work, bool planning)
    {
        Assert.Equal(work, WorkRules.TakesWork(status));
        Assert.Equal(work, WorkRules.CountsOverdue(status));
        Assert.Equal(planning, WorkRules.TakesPlanning(status));
    }

    private static Project ProjectIn(ProjectStatus status)
    {
        var project = Build.Project();
        switch (status)
        {
            case ProjectStatus.OnHold:
                project.PutOnHold("paused", Build.Lead, Build.Now);
                break;
            case ProjectStatus.Cancelled:
                project.Cancel("stopped", Build.Lead, Build.Now);
                break;
            case ProjectStatus.Completed:
                Build.PassGate(project, PhaseKind.DataDevelopment);
                Build.PassGate(project, PhaseKind.ModelDevelopment);
                Build.PassGate(project, PhaseKind.ProductionDeployment);
                Build.PassGate(project, PhaseKind.BusinessAnalysis, GateOutcome.CompleteProject);
                break;
        }

        Assert.Equal(status, project.Status);
        return project;
    }
}
