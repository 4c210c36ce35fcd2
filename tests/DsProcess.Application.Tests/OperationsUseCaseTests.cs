using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Evidence.Models.Commands.ChangeModelStage;
using DsProcess.Application.Notifications.Queries.MyNotifications;
using DsProcess.Application.Operations.Alerts.Commands.DismissAlert;
using DsProcess.Application.Operations.Alerts.Commands.OpenReworkFromAlert;
using DsProcess.Application.Operations.Deployments.Commands.EndDeployment;
using DsProcess.Application.Operations.Deployments.Commands.RecordDeployment;
using DsProcess.Application.Operations.Monitors.Commands.AddMonitor;
using DsProcess.Application.Operations.Monitors.Commands.ChangeMonitor;
using DsProcess.Application.Operations.Monitors.Commands.RecordSignals;
using DsProcess.Application.Operations.Monitors.Commands.RemoveMonitor;
using DsProcess.Application.Operations.Monitors.ReworkSweep;
using DsProcess.Application.Operations.Pipelines.Commands.RecordPipelineRun;
using DsProcess.Application.Operations.Queries.ModelsInAlert;
using DsProcess.Application.Operations.Queries.ProjectOperations;
using DsProcess.Application.Projects.Queries.ListProjects;
using DsProcess.Application.Projects.Queries.ProjectBoard;
using DsProcess.Domain.Activity;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.Gates;
using DsProcess.Domain.Notifications;
using DsProcess.Domain.Operations;
using DsProcess.Domain.Projects;
using DsProcess.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DsProcess.Application.Tests;

public sealed class OperationsUseCaseTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_completed_project_with_a_live_production_model_is_in_operation_until_the_model_is_retired()
    {
        var board = await app.CreateProjectAsync();
        var second = await app.CreateMemberAsync(board.Id, $"Sam Second {Guid.NewGuid():N}", ProjectRole.TeamLead);
        var (model, deployment) = await app.DeployAsync(board.Id);
        Assert.Equal(ProjectStatus.Active, await StatusAsync(board.Id));

        foreach (var phase in Enum.GetValues<PhaseKind>())
        {
            await app.PassGateAsync(board.Key, phase, second, phase == PhaseKind.BusinessAnalysis ? GateOutcome.CompleteProject : GateOutcome.NextPhase);
        }

        Assert.Equal(ProjectStatus.InOperation, await StatusAsync(board.Id));
        var listed = await app.SendAsync(new ListProjectsQuery(Search: board.Key));
        Assert.Equal(ProjectStatus.InOperation, Assert.Single(listed.Items).Status);

        await app.SendAsync(new EndDeploymentCommand(deployment, await VersionOf(db => db.Deployments, deployment), "Switched off for the audit"));
        Assert.Equal(ProjectStatus.Completed, await StatusAsync(board.Id));

        await app.SendAsync(new RecordDeploymentCommand(board.Id, model, DeploymentEnvironment.Production, OperationsScenario.Endpoint));
        Assert.Equal(ProjectStatus.InOperation, await StatusAsync(board.Id));

        await app.SendAsync(new ChangeModelStageCommand(model, await VersionOf(db => db.ModelVersions, model), ModelStage.Retired, "Superseded"));
        Assert.Equal(ProjectStatus.Completed, await StatusAsync(board.Id));
        var changes = await app.WithDbAsync(db => db.Activity
            .Where(a => a.ProjectId == board.Id && a.Kind == ActivityKind.OperationStatusChanged)
            .OrderBy(a => a.Id).Select(a => a.To).ToListAsync());
        Assert.Equal(["In operation", "Completed", "In operation", "Completed"], changes);
    }

    [Fact]
    public async Task Deploying_to_production_puts_an_approved_version_in_production_and_is_logged()
    {
        var board = await app.CreateProjectAsync();
        var engineer = await app.CreateMemberAsync(board.Id, "Mo ML", ProjectRole.MLEngineer);
        var v2 = await app.AddModelAsync(board.Id, "v2", recall: 0.95);
        await app.SendAsync(new ChangeModelStageCommand(v2, await VersionOf(db => db.ModelVersions, v2), ModelStage.Approved, "Better"));

        var id = await app.SendAsync(new RecordDeploymentCommand(board.Id, v2, DeploymentEnvironment.Production, OperationsScenario.Endpoint), engineer);

        var stage = await app.WithDbAsync(db => db.ModelVersions.Where(m => m.Id == v2).Select(m => m.Stage).SingleAsync());
        Assert.Equal(ModelStage.InProduction, stage);
        var ops = await app.SendAsync(new ProjectOperationsQuery(board.Key), engineer);
        var row = Assert.Single(ops.Deployments);
        Assert.Equal((id, true, DeploymentEnvironment.Production), (row.Id, row.IsLive, row.Environment));
        Assert.True(ops.CanOperate);
        var logged = await app.WithDbAsync(db => db.Activity.SingleAsync(a => a.ProjectId == board.Id && a.Kind == ActivityKind.DeploymentRecorded));
        Assert.Equal("churn-gbm v2", logged.Subject);
        Assert.Contains(engineer.Name, logged.ActorName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_candidate_is_not_deployed_to_production_and_nothing_is_saved()
    {
        var board = await app.CreateProjectAsync();
        var candidate = await app.AddModelAsync(board.Id, "v2", recall: 0.95);

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => app.SendAsync(new RecordDeploymentCommand(board.Id, candidate, DeploymentEnvironment.Production, OperationsScenario.Endpoint)));
        var badEndpoint = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(new RecordDeploymentCommand(board.Id, candidate, DeploymentEnvironment.Test, "not a url")));

        Assert.Contains("cannot become", refused.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(RecordDeploymentCommand.Endpoint), badEndpoint.Errors.Keys);
        Assert.False(await app.WithDbAsync(db => db.Deployments.AnyAsync(d => d.ProjectId == board.Id)));
        Assert.Equal(ModelStage.Candidate, await app.WithDbAsync(db => db.ModelVersions.Where(m => m.Id == candidate).Select(m => m.Stage).SingleAsync()));
    }

    [Fact]
    public async Task A_monitor_needs_a_deployed_model_version()
    {
        var board = await app.CreateProjectAsync();
        var undeployed = await app.ModelInProductionAsync(board.Id);

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => app.SendAsync(OperationsScenario.Monitor(board.Id, undeployed)));
        var bad = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(OperationsScenario.Monitor(board.Id, undeployed) with { Metric = " ", Threshold = double.NaN }));

        Assert.Contains("no live deployment", refused.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(AddMonitorCommand.Metric), bad.Errors.Keys);
        Assert.Contains(nameof(AddMonitorCommand.Threshold), bad.Errors.Keys);
        Assert.False(await app.WithDbAsync(db => db.Monitors.AnyAsync(m => m.ProjectId == board.Id)));
    }

    [Fact]
    public async Task A_breach_opens_one_alert_told_to_its_people_and_recovery_closes_it()
    {
        var board = await app.CreateProjectAsync();
        var engineer = await app.CreateMemberAsync(board.Id, "Mia ML", ProjectRole.MLEngineer);
        var scientist = await app.CreateMemberAsync(board.Id, "Sid Scientist", ProjectRole.DataScientist);
        var dataEngineer = await app.CreateMemberAsync(board.Id, "Dan Data", ProjectRole.DataEngineer);
        await app.SubscribeAsync(board.Id, WebhookScenario.Unanswered, WebhookEventType.AlertOpened, WebhookEventType.AlertClosed);
        var monitor = await app.MonitoredAsync(board.Id);

        var first = await app.SendAsync(OperationsScenario.Signals(monitor, (0.9, 50), (0.7, 40), (0.6, 30)), engineer);
        var more = await app.SendAsync(OperationsScenario.Signals(monitor, (0.5, 20)), engineer);

        var alert = Assert.Single(await app.AlertsAsync(board.Id));
        Assert.Equal([alert.Id], first.AlertsOpened);
        Assert.Empty(more.AlertsOpened);
        Assert.True(more.Breaching);
        Assert.Equal(0.7, alert.OpeningValue);
        Assert.Single(await AlertNoticesAsync(scientist, board.Key));
        Assert.Single(await AlertNoticesAsync(app.Lead, board.Key));
        Assert.Empty(await AlertNoticesAsync(engineer, board.Key));
        Assert.Empty(await AlertNoticesAsync(dataEngineer, board.Key));
        var inAlert = await app.SendAsync(new ModelsInAlertQuery(), scientist);
        Assert.True(Assert.Single(inAlert, r => r.ProjectId == board.Id).CanTriage);

        var recovered = await app.SendAsync(OperationsScenario.Signals(monitor, (0.85, 10), (0.3, 5)), engineer);

        Assert.Equal([alert.Id], recovered.AlertsClosed);
        var alerts = await app.AlertsAsync(board.Id);
        Assert.Equal(2, alerts.Count);
        Assert.Equal(AlertClosure.Recovered, alerts[0].ClosedBecause);
        Assert.True(alerts[1].IsOpen);
        var ops = await app.SendAsync(new ProjectOperationsQuery(board.Key), dataEngineer);
        var row = Assert.Single(ops.Monitors);
        Assert.Equal((0.3, true), (row.LatestValue, row.IsBreaching));
        Assert.Equal([alerts[1].Id], ops.OpenAlerts.Select(a => a.Id));
        Assert.Equal(2, ops.RecentAlerts.Count);
        Assert.False(ops.CanTriage);
        // The second batch closed one alert and opened the next in one transaction: their events share a time.
        Assert.Equal(
            [WebhookEventType.AlertOpened, WebhookEventType.AlertOpened, WebhookEventType.AlertClosed],
            (await app.DeliveriesAsync(board.Id)).Select(d => d.Type).Order());
        Assert.Equal(6, await app.WithDbAsync(db => db.Signals.CountAsync(s => s.MonitorId == monitor)));
    }

    [Fact]
    public async Task Signals_sent_out_of_order_are_judged_by_their_time()
    {
        var board = await app.CreateProjectAsync();
        var monitor = await app.MonitoredAsync(board.Id);

        // Sent newest first: judged oldest first, the breach at 30 opens, the recovery at 10 closes.
        var sent = await app.SendAsync(OperationsScenario.Signals(monitor, (0.9, 10), (0.5, 20), (0.6, 30), (0.95, 40)));
        // Older than the latest (10 minutes ago): history only.
        var late = await app.SendAsync(OperationsScenario.Signals(monitor, (0.1, 15)));

        var alert = Assert.Single(await app.AlertsAsync(board.Id));
        Assert.Equal(0.6, alert.OpeningValue);
        Assert.Equal(0.9, alert.ClosingValue);
        Assert.False(sent.Breaching);
        Assert.Equal((1, false), (late.Stale, late.Breaching));
        Assert.Empty(late.AlertsOpened);
    }

    [Fact]
    public async Task A_signal_from_the_future_is_refused_and_nothing_of_its_batch_is_saved()
    {
        var board = await app.CreateProjectAsync();
        var monitor = await app.MonitoredAsync(board.Id);

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => app.SendAsync(OperationsScenario.Signals(monitor, (0.1, 5), (0.1, -60))));
        var empty = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(new RecordSignalsCommand(monitor, [])));

        Assert.Contains("future", refused.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(RecordSignalsCommand.Signals), empty.Errors.Keys);
        Assert.False(await app.WithDbAsync(db => db.Signals.AnyAsync(s => s.MonitorId == monitor)));
        Assert.Empty(await app.AlertsAsync(board.Id));
    }

    [Fact]
    public async Task A_dismissed_alert_needs_a_reason_and_keeps_its_episode()
    {
        var board = await app.CreateProjectAsync();
        var monitor = await app.MonitoredAsync(board.Id);
        await app.SendAsync(OperationsScenario.Signals(monitor, (0.5, 30)));
        var alert = Assert.Single(await app.AlertsAsync(board.Id));

        var refused = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(new DismissAlertCommand(alert.Id, alert.Version, " ")));
        Assert.Contains(nameof(DismissAlertCommand.Reason), refused.Errors.Keys);
        Assert.Equal(AlertTriage.None, Assert.Single(await app.AlertsAsync(board.Id)).Triage);

        await app.SendAsync(new DismissAlertCommand(alert.Id, alert.Version, "Holiday traffic"));
        await app.SendAsync(OperationsScenario.Signals(monitor, (0.4, 20)));

        var dismissed = Assert.Single(await app.AlertsAsync(board.Id));
        Assert.Equal((AlertTriage.Dismissed, "Holiday traffic"), (dismissed.Triage, dismissed.TriageReason));
        Assert.Empty((await app.SendAsync(new ProjectOperationsQuery(board.Key))).OpenAlerts);
        await Assert.ThrowsAsync<ConflictException>(() => app.SendAsync(new DismissAlertCommand(alert.Id, alert.Version, "again")));
    }

    [Theory]
    [InlineData(MonitorKind.DataDrift, PhaseKind.DataDevelopment)]
    [InlineData(MonitorKind.ModelPerformance, PhaseKind.ModelDevelopment)]
    [InlineData(MonitorKind.Security, PhaseKind.ProductionDeployment)]
    public async Task Rework_from_an_alert_starts_a_new_iteration_of_a_completed_project_from_the_phase_that_fits(MonitorKind kind, PhaseKind phase)
    {
        var board = await app.CreateProjectAsync();
        var second = await app.CreateMemberAsync(board.Id, $"Sam Second {Guid.NewGuid():N}", ProjectRole.TeamLead);
        var scientist = await app.CreateMemberAsync(board.Id, "Sid Scientist", ProjectRole.DataScientist);
        var monitor = await app.MonitoredAsync(board.Id, kind);
        foreach (var each in Enum.GetValues<PhaseKind>())
        {
            await app.PassGateAsync(board.Key, each, second, each == PhaseKind.BusinessAnalysis ? GateOutcome.CompleteProject : GateOutcome.NextPhase);
        }

        await app.SendAsync(OperationsScenario.Signals(monitor, (0.5, 30)));
        var alert = Assert.Single(await app.AlertsAsync(board.Id));

        var iteration = await app.SendAsync(new OpenReworkFromAlertCommand(alert.Id, alert.Version, "Retrain on spring data"), scientist);

        var board2 = await app.BoardAsync(board.Key);
        Assert.Equal((2, ProjectStatus.Active, phase), (iteration, board2.Status, board2.CurrentPhase));
        var reworked = Assert.Single(await app.AlertsAsync(board.Id));
        Assert.Equal((AlertTriage.ReworkOpened, 2), (reworked.Triage, reworked.ReworkIteration));
        var started = await app.WithDbAsync(db => db.Activity.SingleAsync(a => a.ProjectId == board.Id && a.Kind == ActivityKind.IterationStarted));
        Assert.Contains("Retrain on spring data", started.Reason, StringComparison.Ordinal);
        Assert.Contains(alert.Metric, started.Reason, StringComparison.Ordinal);
        Assert.Equal(phase, started.Phase);
    }

    [Fact]
    public async Task A_monitor_opens_rework_by_itself_once_the_breach_has_lasted_its_time()
    {
        var (board, monitor) = await app.CompletedAndMonitoredAsync(reworkAfter: 30);

        var early = await app.SendAsync(OperationsScenario.Signals(monitor, (0.5, 20)));
        await app.ShortenReworkTimeAsync(monitor, 15);
        var due = await app.SendAsync(OperationsScenario.Signals(monitor, (0.5, 1)));

        Assert.Null(early.ReworkIteration);
        Assert.Equal(2, due.ReworkIteration);
        var board2 = await app.BoardAsync(board.Key);
        Assert.Equal((ProjectStatus.Active, PhaseKind.DataDevelopment), (board2.Status, board2.CurrentPhase));
        Assert.Equal(AlertTriage.ReworkOpened, Assert.Single(await app.AlertsAsync(board.Id)).Triage);
    }

    [Fact]
    public async Task The_sweep_opens_rework_for_a_breach_that_has_lasted_its_time_without_a_new_signal()
    {
        var (board, monitor) = await app.CompletedAndMonitoredAsync(reworkAfter: 30);
        var (_, recovered) = await app.CompletedAndMonitoredAsync(reworkAfter: 15);
        await app.SendAsync(OperationsScenario.Signals(monitor, (0.5, 20)));
        await app.SendAsync(OperationsScenario.Signals(recovered, (0.5, 20), (0.9, 10)));
        var notYet = await SweepDueAsync();

        await app.ShortenReworkTimeAsync(monitor, 15);
        var due = await SweepDueAsync();
        var opened = await SweepAsync(sweep => sweep.OpenAsync(monitor, CancellationToken.None));
        var again = await SweepAsync(sweep => sweep.OpenAsync(monitor, CancellationToken.None));

        Assert.DoesNotContain(monitor, notYet);
        Assert.Contains(monitor, due);
        Assert.DoesNotContain(recovered, due);
        Assert.Equal(2, opened);
        Assert.Null(again);
        Assert.Equal(PhaseKind.DataDevelopment, (await app.BoardAsync(board.Key)).CurrentPhase);
        var triaged = await app.WithDbAsync(db => db.Activity.SingleAsync(a => a.ProjectId == board.Id && a.Kind == ActivityKind.AlertTriaged));
        Assert.Equal((null, "DsProcess"), (triaged.ActorId, triaged.ActorName));
        Assert.DoesNotContain(monitor, await SweepDueAsync());
    }

    private Task<IReadOnlyList<Guid>> SweepDueAsync() => SweepAsync(sweep => sweep.DueAsync(CancellationToken.None));

    private async Task<T> SweepAsync<T>(Func<MonitorReworkSweep, Task<T>> run)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await run(scope.ServiceProvider.GetRequiredService<MonitorReworkSweep>());
    }

    [Fact]
    public async Task A_pipeline_keeps_its_latest_run_and_a_monitor_can_be_changed_and_removed()
    {
        var board = await app.CreateProjectAsync();
        var monitor = await app.MonitoredAsync(board.Id);
        await app.SendAsync(new RecordPipelineRunCommand(board.Id, PipelineKind.ML, PipelineState.Failed, DateTimeOffset.UtcNow.AddMinutes(-5), "OOM"));
        var older = await app.SendAsync(new RecordPipelineRunCommand(board.Id, PipelineKind.ML, PipelineState.Succeeded, DateTimeOffset.UtcNow.AddMinutes(-50)));
        await app.SendAsync(OperationsScenario.Signals(monitor, (0.5, 30)));

        var version = await VersionOf(db => db.Monitors, monitor);
        await app.SendAsync(new ChangeMonitorCommand { MonitorId = monitor, Version = version, Metric = "accuracy", Direction = TargetDirection.AtLeast, Threshold = 0.4, Severity = AlertSeverity.Info });
        var changed = (await app.SendAsync(new ProjectOperationsQuery(board.Key))).Monitors.Single();
        await app.SendAsync(new RemoveMonitorCommand(monitor, changed.Version));

        Assert.False(older);
        var ops = await app.SendAsync(new ProjectOperationsQuery(board.Key));
        Assert.Equal([null, PipelineState.Failed, null], ops.Pipelines.Select(p => p.State));
        Assert.Equal("OOM", ops.Pipelines[1].Note);
        Assert.Equal((0.4, AlertSeverity.Info), (changed.Threshold, changed.Severity));
        Assert.Empty(ops.Monitors);
        Assert.Equal(AlertClosure.MonitorRemoved, Assert.Single(ops.RecentAlerts).ClosedBecause);
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(OperationsScenario.Signals(monitor, (0.5, 1))));
        var kinds = await app.WithDbAsync(db => db.Activity.Where(a => a.ProjectId == board.Id && (int)a.Kind >= 70).OrderBy(a => a.Id).Select(a => a.Kind).ToListAsync());
        // One of each, the alert closed with its monitor's removal.
        Assert.Equal(
            [ActivityKind.DeploymentRecorded, ActivityKind.PipelineRunRecorded, ActivityKind.MonitorAdded, ActivityKind.MonitorChanged, ActivityKind.MonitorRemoved, ActivityKind.AlertOpened, ActivityKind.AlertClosed],
            kinds.Order());
    }

    private Task<ProjectStatus> StatusAsync(Guid projectId) =>
        app.WithDbAsync(db => db.Projects.Where(p => p.Id == projectId).Select(p => p.Status).SingleAsync());

    private Task<uint> VersionOf<T>(Func<Infrastructure.Data.AppDbContext, IQueryable<T>> set, Guid id)
        where T : Domain.Common.Entity =>
        app.WithDbAsync(db => set(db).Where(e => e.Id == id).Select(e => EF.Property<uint>(e, "Version")).SingleAsync());

    private async Task<List<NotificationItem>> AlertNoticesAsync(TestPerson person, string key) =>
        [.. (await app.SendAsync(new MyNotificationsQuery(), person)).Items.Where(n => n.Kind == NotificationKind.AlertOpened && n.Link == $"/projects/{key}/operations")];
}
