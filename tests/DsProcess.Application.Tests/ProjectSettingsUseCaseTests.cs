using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Dashboards;
using DsProcess.Application.Dashboards.Queries.DashboardProjects;
using DsProcess.Application.Dashboards.Queries.Portfolio;
using DsProcess.Application.Evidence.Datasets.Commands.CreateDataset;
using DsProcess.Application.Gates.Commands.SetGateCriterion;
using DsProcess.Application.Projects.Commands.CancelProject;
using DsProcess.Application.Projects.Commands.EditProjectDetails;
using DsProcess.Application.Projects.Commands.PutProjectOnHold;
using DsProcess.Application.Projects.Commands.ReplanProject;
using DsProcess.Application.Projects.Commands.ResumeProject;
using DsProcess.Application.Projects.Queries.PreviewReplan;
using DsProcess.Application.Projects.Queries.ProjectSettings;
using DsProcess.Application.Tasks.Commands.ChangeTaskStatus;
using DsProcess.Application.Tasks.Commands.PlanTask;
using DsProcess.Application.Tasks.Commands.SetChecklistItem;
using DsProcess.Domain.Activity;
using DsProcess.Domain.Common;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.People;
using DsProcess.Domain.Projects;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Tests;

/// <summary>Project settings through the mediator on PostgreSQL: edits, re-planning, hold, resume and cancel.</summary>
public sealed class ProjectSettingsUseCaseTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task The_lead_edits_the_details_and_the_log_keeps_the_old_and_new_values()
    {
        var board = await app.CreateProjectAsync(withEvidence: false);
        var settings = await app.SendAsync(new ProjectSettingsQuery(board.Key));
        Assert.True(settings.CanEdit);

        await app.SendAsync(new EditProjectDetailsCommand { ProjectId = board.Id, Version = settings.Version, Name = "Churn 2.0", Objective = "Keep customers longer" });

        var after = await app.SendAsync(new ProjectSettingsQuery(board.Key));
        Assert.Equal(("Churn 2.0", "Keep customers longer"), (after.Name, after.Objective));
        Assert.NotEqual(settings.Version, after.Version);
        var logged = await app.WithDbAsync(db => db.Activity.Where(a => a.ProjectId == board.Id && a.Kind == ActivityKind.ProjectEdited).OrderBy(a => a.Id).ToListAsync());
        Assert.Equal([("Name", "Customer churn", "Churn 2.0"), ("Objective", "Predict churn 60 days ahead", "Keep customers longer")], logged.Select(a => (a.Subject, a.From, a.To)));
        Assert.All(logged, a => Assert.Equal(app.Lead.Id, a.ActorId));
    }

    [Fact]
    public async Task An_edit_from_a_stale_screen_is_a_conflict_and_changes_nothing()
    {
        var board = await app.CreateProjectAsync(withEvidence: false);
        var seen = await app.SendAsync(new ProjectSettingsQuery(board.Key));
        await app.SendAsync(new PutProjectOnHoldCommand(board.Id, seen.Version, "budget review"));

        await Assert.ThrowsAsync<ConflictException>(() => app.SendAsync(new EditProjectDetailsCommand { ProjectId = board.Id, Version = seen.Version, Name = "Other" }));

        Assert.Equal("Customer churn", (await app.SendAsync(new ProjectSettingsQuery(board.Key))).Name);
    }

    [Fact]
    public async Task A_blank_name_or_reason_is_a_field_message_and_changes_nothing()
    {
        var board = await app.CreateProjectAsync(withEvidence: false);
        var seen = await app.SendAsync(new ProjectSettingsQuery(board.Key));

        var name = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(new EditProjectDetailsCommand { ProjectId = board.Id, Version = seen.Version, Name = " " }));
        var hold = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(new PutProjectOnHoldCommand(board.Id, seen.Version, "")));
        var cancel = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(new CancelProjectCommand(board.Id, seen.Version, " ")));
        var past = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(new ReplanProjectCommand { ProjectId = board.Id, Version = seen.Version, TargetDate = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1) }));

        Assert.Equal(["Give the project a name."], name.Errors[nameof(EditProjectDetailsCommand.Name)]);
        Assert.Equal(["Say why the project is put on hold."], hold.Errors["Reason"]);
        Assert.Equal(["Say why the project is cancelled."], cancel.Errors["Reason"]);
        Assert.Equal(["The target date must be in the future."], past.Errors[nameof(ReplanProjectCommand.TargetDate)]);
        var now = await app.SendAsync(new ProjectSettingsQuery(board.Key));
        Assert.Equal((seen.Version, ProjectStatus.Active), (now.Version, now.Status));
    }

    [Fact]
    public async Task The_preview_shows_what_the_replan_then_moves()
    {
        var board = await app.CreateProjectAsync(withEvidence: false);
        await app.FinishAsync(board.Key, "Data collection");
        var seen = await app.SendAsync(new ProjectSettingsQuery(board.Key));
        var newTarget = seen.TargetDate.AddDays(21);

        var preview = await app.SendAsync(new PreviewReplanQuery(board.Id, newTarget));
        var moved = await app.SendAsync(new ReplanProjectCommand { ProjectId = board.Id, Version = seen.Version, TargetDate = newTarget, Reason = "data access came late" });

        Assert.Equal(21, preview.Days);
        Assert.Equal(preview.Shifts.Count, moved);
        Assert.DoesNotContain(preview.Shifts, s => s.Name == "Data collection");
        var after = await app.BoardAsync(board.Key);
        Assert.Equal(newTarget, after.TargetDate);
        foreach (var shift in preview.Shifts.Where(s => s.TaskId is not null))
        {
            var task = after.FindTask(shift.TaskId!.Value)!;
            Assert.Equal((shift.StartAfter, shift.EndAfter), (task.PlannedStart, task.Due));
            Assert.Equal(shift.EndBefore?.AddDays(21), task.Due);
        }

        var finished = after.Tasks.Single(t => t.Title == "Data collection");
        Assert.Equal(board.Tasks.Single(t => t.Title == "Data collection").Due, finished.Due);
        var logged = await app.WithDbAsync(db => db.Activity.SingleAsync(a => a.ProjectId == board.Id && a.Kind == ActivityKind.ProjectReplanned));
        Assert.Equal("data access came late", logged.Reason);
    }

    [Fact]
    public async Task On_hold_work_is_refused_planning_goes_on_and_resume_opens_the_work_again()
    {
        var board = await app.CreateProjectAsync(withEvidence: false);
        var engineer = await app.CreateMemberAsync(board.Id, "Ed Engineer", ProjectRole.DataEngineer);
        var task = await app.TaskAsync(board.Key, "Data collection");
        var seen = await app.SendAsync(new ProjectSettingsQuery(board.Key));

        await app.SendAsync(new PutProjectOnHoldCommand(board.Id, seen.Version, "waiting for the data contract"));

        var paused = $"{board.Key} is on hold (waiting for the data contract); resume it before changing its work.";
        Assert.Equal(paused, (await Assert.ThrowsAsync<DomainRuleException>(() => app.SendAsync(new ChangeTaskStatusCommand(task.Id, task.Version, TaskMove.Start), engineer))).Message);
        Assert.Equal(paused, (await Assert.ThrowsAsync<DomainRuleException>(() => app.SendAsync(new SetChecklistItemCommand(task.Id, 1, true), engineer))).Message);
        Assert.Equal(paused, (await Assert.ThrowsAsync<DomainRuleException>(() => app.SendAsync(new SetGateCriterionCommand(board.Id, PhaseKind.DataDevelopment, 1, true), engineer))).Message);
        var dataset = new CreateDatasetCommand { ProjectId = board.Id, Name = "Raw events", Layer = DataLayer.Bronze, Purpose = DatasetPurpose.Source };
        Assert.Equal(paused, (await Assert.ThrowsAsync<DomainRuleException>(() => app.SendAsync(dataset, engineer))).Message);
        await app.SendAsync(new PlanTaskCommand { TaskId = task.Id, Version = task.Version, Title = task.Title, Description = "after the contract", PlannedStart = task.PlannedStart, Due = task.Due?.AddDays(7) });

        var onHold = await app.BoardAsync(board.Key);
        Assert.Equal((ProjectStatus.OnHold, "waiting for the data contract"), (onHold.Status, onHold.StatusReason));
        Assert.False(onHold.TakesWork);
        Assert.True(onHold.CanPlan);
        Assert.All(onHold.Tasks, t => Assert.False(t.CanWork));
        var settings = await app.SendAsync(new ProjectSettingsQuery(board.Key));
        Assert.Equal((false, true, true, true), (settings.CanPutOnHold, settings.CanResume, settings.CanCancel, settings.CanReplan));

        await app.SendAsync(new ResumeProjectCommand(board.Id, settings.Version));
        var resumed = await app.TaskAsync(board.Key, "Data collection");
        await app.SendAsync(new ChangeTaskStatusCommand(resumed.Id, resumed.Version, TaskMove.Start), engineer);

        Assert.Equal(ProjectTaskStatus.InProgress, (await app.TaskAsync(board.Key, "Data collection")).Status);
        await app.SendAsync(dataset, engineer);
        var kinds = await app.WithDbAsync(db => db.Activity.Where(a => a.ProjectId == board.Id && a.Kind >= ActivityKind.ProjectEdited).OrderBy(a => a.Id).Select(a => a.Kind).ToListAsync());
        Assert.Equal([ActivityKind.ProjectPutOnHold, ActivityKind.ProjectResumed], kinds);
    }

    [Fact]
    public async Task A_cancelled_project_is_read_only_for_its_lead_too()
    {
        var board = await app.CreateProjectAsync(withEvidence: false);
        var task = await app.TaskAsync(board.Key, "Data collection");
        var seen = await app.SendAsync(new ProjectSettingsQuery(board.Key));

        await app.SendAsync(new CancelProjectCommand(board.Id, seen.Version, "the business case is gone"));

        var settings = await app.SendAsync(new ProjectSettingsQuery(board.Key));
        Assert.Equal((ProjectStatus.Cancelled, "the business case is gone"), (settings.Status, settings.StatusReason));
        Assert.NotNull(settings.StatusSince);
        Assert.Equal((false, false, false, false, false), (settings.CanEdit, settings.CanReplan, settings.CanPutOnHold, settings.CanResume, settings.CanCancel));
        var readOnly = $"{board.Key} is cancelled (the business case is gone); it is read-only.";
        Assert.Equal(readOnly, (await Assert.ThrowsAsync<DomainRuleException>(() => app.SendAsync(new ResumeProjectCommand(board.Id, settings.Version)))).Message);
        Assert.Equal(readOnly, (await Assert.ThrowsAsync<DomainRuleException>(() => app.SendAsync(new EditProjectDetailsCommand { ProjectId = board.Id, Version = settings.Version, Name = "Again" }))).Message);
        Assert.Equal(readOnly, (await Assert.ThrowsAsync<DomainRuleException>(() => app.SendAsync(new PlanTaskCommand { TaskId = task.Id, Version = task.Version, Title = task.Title }))).Message);
        Assert.Equal(readOnly, (await Assert.ThrowsAsync<DomainRuleException>(() => app.SendAsync(new ChangeTaskStatusCommand(task.Id, task.Version, TaskMove.Start)))).Message);
        var cancelled = await app.BoardAsync(board.Key);
        Assert.False(cancelled.CanPlan);
        Assert.True(cancelled.CanChangeSettings);
    }

    [Fact]
    public async Task Only_the_projects_team_lead_changes_its_settings()
    {
        var board = await app.CreateProjectAsync(withEvidence: false);
        var scientist = await app.CreateMemberAsync(board.Id, "Sam Scientist", ProjectRole.DataScientist);
        var admin = await app.CreatePersonAsync("Ada Admin", SystemRole.Admin);
        var seen = await app.SendAsync(new ProjectSettingsQuery(board.Key));

        foreach (var caller in new[] { scientist, admin })
        {
            var view = await app.SendAsync(new ProjectSettingsQuery(board.Key), caller);
            Assert.False(view.CanEdit || view.CanReplan || view.CanPutOnHold || view.CanCancel);
            await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new PutProjectOnHoldCommand(board.Id, seen.Version, "mine"), caller));
            await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new PreviewReplanQuery(board.Id, seen.TargetDate.AddDays(3)), caller));
        }

        Assert.Equal(ProjectStatus.Active, (await app.SendAsync(new ProjectSettingsQuery(board.Key))).Status);
    }

    [Fact]
    public async Task A_project_on_hold_is_not_overdue_on_the_board_nor_on_the_dashboard()
    {
        var board = await app.CreateProjectAsync(withEvidence: false);
        var task = await app.TaskAsync(board.Key, "Data collection");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await app.SendAsync(new PlanTaskCommand { TaskId = task.Id, Version = task.Version, Title = task.Title, PlannedStart = today.AddDays(-10), Due = today.AddDays(-2) });
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("SELECT dashboard_refresh_all()"));
        Assert.True((await app.TaskAsync(board.Key, "Data collection")).IsOverdue);
        Assert.Equal(1, (await DashboardRowAsync(board.Key)).OverdueTasks);
        var seen = await app.SendAsync(new ProjectSettingsQuery(board.Key));

        await app.SendAsync(new PutProjectOnHoldCommand(board.Id, seen.Version, "budget review"));
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("SELECT dashboard_refresh_all()"));

        Assert.False((await app.TaskAsync(board.Key, "Data collection")).IsOverdue);
        var row = await DashboardRowAsync(board.Key);
        Assert.Equal((ProjectStatus.OnHold, 0, ProjectHealth.NotActive), (row.Status, row.OverdueTasks, row.Health));
        var onHold = await app.SendAsync(new DashboardProjectsQuery(new DashboardFilter(Status: ProjectStatus.OnHold)));
        Assert.Contains(onHold.Items, p => p.Key == board.Key);
        var whole = await app.SendAsync(new PortfolioQuery(new DashboardFilter()), await app.CreatePersonAsync("Val Viewer", SystemRole.Viewer));
        var leads = await app.SendAsync(new PortfolioQuery(new DashboardFilter()));
        Assert.Equal(onHold.TotalCount, whole.OnHold);
        Assert.Equal(onHold.TotalCount, leads.OnHold);
    }

    private Task<DashboardProject> DashboardRowAsync(string key) =>
        app.WithDbAsync(db => db.DashboardProjects.AsNoTracking().SingleAsync(p => p.Key == key));
}
