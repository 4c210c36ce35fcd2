using DsProcess.Domain.Activity;
using DsProcess.Domain.Common;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.Gates;
using DsProcess.Domain.Operations;
using DsProcess.Domain.Projects;

namespace DsProcess.Domain.Tests;

public sealed class OperationsTests
{
    private static readonly Actor Pipeline = new(Guid.NewGuid(), "via token scoring of Mo ML");

    [Theory]
    [InlineData(TargetDirection.AtLeast, 0.8, 0.79, true)]
    [InlineData(TargetDirection.AtLeast, 0.8, 0.8, false)]
    [InlineData(TargetDirection.AtLeast, 0.8, 0.95, false)]
    [InlineData(TargetDirection.AtMost, 100, 101, true)]
    [InlineData(TargetDirection.AtMost, 100, 100, false)]
    [InlineData(TargetDirection.AtMost, 100, 20, false)]
    public void A_value_breaches_when_it_does_not_satisfy_the_threshold_in_its_direction(TargetDirection direction, double threshold, double value, bool breaches)
    {
        Assert.Equal(breaches, OperationsRules.Breaches(direction, threshold, value));
        Assert.Equal(breaches, Monitor(direction, threshold).Breaches(value));
    }

    [Fact]
    public void A_breach_opens_one_alert_per_episode_and_the_first_recovering_signal_closes_it()
    {
        var monitor = Monitor();
        Alert? current = null;

        var first = Judge(monitor, ref current, 0.7, 1);
        var second = Judge(monitor, ref current, 0.6, 2);
        var third = Judge(monitor, ref current, 0.5, 3);
        var alert = Assert.IsType<Alert>(first.Opened);

        Assert.Null(second.Opened);
        Assert.Null(third.Opened);
        Assert.True(alert.IsOpen);
        Assert.Equal(At(1), monitor.BreachingSince);
        Assert.Equal(0.5, monitor.LatestValue);

        var recovered = Judge(monitor, ref current, 0.85, 4);

        Assert.Same(alert, recovered.Closed);
        Assert.Equal((At(4), AlertClosure.Recovered, 0.85), (alert.ClosedAt, alert.ClosedBecause, alert.ClosingValue));
        Assert.False(monitor.IsBreaching);
        Assert.Null(monitor.CurrentAlertId);
        Assert.Null(Judge(monitor, ref current, 0.9, 5).Closed);

        var next = Judge(monitor, ref current, 0.1, 6);
        Assert.NotNull(next.Opened);
        Assert.NotSame(alert, next.Opened);
        Assert.Equal([ActivityKind.AlertOpened, ActivityKind.AlertClosed], alert.PendingActivity.Select(a => a.Kind));
    }

    [Fact]
    public void A_dismissed_alert_keeps_its_episode_so_further_breaches_open_nothing_until_recovery()
    {
        var monitor = Monitor();
        Alert? current = null;
        var alert = Judge(monitor, ref current, 0.7, 1).Opened!;

        alert.Dismiss("Known seasonal dip", Build.Lead, Build.Now);

        Assert.False(alert.IsOpen);
        Assert.Equal((AlertTriage.Dismissed, "Known seasonal dip"), (alert.Triage, alert.TriageReason));
        Assert.Null(Judge(monitor, ref current, 0.6, 2).Opened);
        Assert.Same(alert, Judge(monitor, ref current, 0.9, 3).Closed);
        Assert.NotNull(Judge(monitor, ref current, 0.6, 4).Opened);
        Assert.Throws<DomainRuleException>(() => alert.Dismiss("again", Build.Lead, Build.Now));
    }

    [Fact]
    public void Dismissing_needs_a_reason()
    {
        var monitor = Monitor();
        Alert? current = null;
        var alert = Judge(monitor, ref current, 0.7, 1).Opened!;

        Assert.Throws<DomainRuleException>(() => alert.Dismiss("  ", Build.Lead, Build.Now));
        Assert.Equal(AlertTriage.None, alert.Triage);
    }

    [Fact]
    public void A_signal_older_than_the_latest_is_kept_but_neither_opens_nor_closes()
    {
        var monitor = Monitor();
        Alert? current = null;
        var alert = Judge(monitor, ref current, 0.7, 10).Opened!;

        var olderGood = Judge(monitor, ref current, 0.95, 5);
        var sameTime = Judge(monitor, ref current, 0.95, 10);

        Assert.False(olderGood.Newest);
        Assert.False(sameTime.Newest);
        Assert.Null(olderGood.Closed);
        Assert.False(alert.IsClosed);
        Assert.Equal((0.7, At(10)), (monitor.LatestValue, monitor.LatestAt));

        Judge(monitor, ref current, 0.95, 20);
        var olderBad = Judge(monitor, ref current, 0.1, 15);

        Assert.True(alert.IsClosed);
        Assert.Null(olderBad.Opened);
        Assert.False(monitor.IsBreaching);
    }

    [Fact]
    public void A_signal_from_the_future_or_not_a_number_is_refused()
    {
        var monitor = Monitor();

        Assert.Throws<DomainRuleException>(() => monitor.Judge(0.5, Build.Now.AddHours(1), null, Pipeline, Build.Now));
        Assert.Throws<DomainRuleException>(() => monitor.Judge(double.NaN, Build.Now, null, Pipeline, Build.Now));
        Assert.Null(monitor.LatestAt);
    }

    [Theory]
    [InlineData(MonitorKind.DataDrift, PhaseKind.DataDevelopment)]
    [InlineData(MonitorKind.ModelPerformance, PhaseKind.ModelDevelopment)]
    [InlineData(MonitorKind.Infrastructure, PhaseKind.ProductionDeployment)]
    [InlineData(MonitorKind.Security, PhaseKind.ProductionDeployment)]
    public void Rework_from_an_alert_starts_a_new_iteration_from_the_phase_that_fits_its_kind(MonitorKind kind, PhaseKind phase)
    {
        var project = CompletedProject();
        var monitor = Monitor(kind: kind, projectId: project.Id);
        Alert? current = null;
        var alert = Judge(monitor, ref current, 0.5, 1).Opened!;

        alert.OpenRework(project, "Retrain on the spring data", Build.Lead, Build.Now);

        Assert.Equal(phase, OperationsRules.ReworkPhase(kind));
        Assert.Equal((ProjectStatus.Active, phase, 2), (project.Status, project.CurrentPhase, project.Iteration));
        Assert.Equal(PhaseState.Active, project.Phase(phase).State);
        Assert.Equal((AlertTriage.ReworkOpened, 2), (alert.Triage, alert.ReworkIteration));
        var started = project.PendingActivity.Last();
        Assert.Equal(ActivityKind.IterationStarted, started.Kind);
        Assert.StartsWith(alert.Summary, started.Reason, StringComparison.Ordinal);
        Assert.Throws<DomainRuleException>(() => alert.Dismiss("too late", Build.Lead, Build.Now));
    }

    [Fact]
    public void Rework_of_an_active_project_goes_only_back_to_an_earlier_phase()
    {
        var project = Build.Project();
        Build.PassGate(project, PhaseKind.DataDevelopment);

        var same = Assert.Throws<DomainRuleException>(() => project.StartReworkFromOperations(PhaseKind.ModelDevelopment, "drift", Build.Lead, Build.Now));
        Assert.Contains("already working on", same.Message, StringComparison.Ordinal);
        Assert.Equal(1, project.Iteration);

        project.StartReworkFromOperations(PhaseKind.DataDevelopment, "drift", Build.Lead, Build.Now);
        Assert.Equal((PhaseKind.DataDevelopment, 2), (project.CurrentPhase, project.Iteration));
    }

    [Fact]
    public void Rework_waits_for_a_gate_awaiting_its_decision()
    {
        var project = Build.Project();
        Build.PassGate(project, PhaseKind.DataDevelopment);
        Build.FinishRequiredTasks(project.Phase(PhaseKind.ModelDevelopment));
        project.SubmitGate(PhaseKind.ModelDevelopment, null, Build.Met(PhaseKind.ModelDevelopment), Build.Lead, Build.Now);

        Assert.Throws<DomainRuleException>(() => project.StartReworkFromOperations(PhaseKind.DataDevelopment, "drift", Build.Lead, Build.Now));
        Assert.Equal(1, project.Iteration);
    }

    [Fact]
    public void A_completed_project_with_a_live_production_model_is_in_operation_until_it_is_not()
    {
        var project = CompletedProject();
        Build.ClearActivity(project);

        Assert.False(project.ReflectOperation(liveInProduction: false, Build.Lead, Build.Now));
        Assert.True(project.ReflectOperation(liveInProduction: true, Build.Lead, Build.Now));
        Assert.Equal(ProjectStatus.InOperation, project.Status);
        Assert.True(project.IsLifecycleComplete);
        Assert.False(project.ReflectOperation(liveInProduction: true, Build.Lead, Build.Now));

        Assert.True(project.ReflectOperation(liveInProduction: false, Build.Lead, Build.Now));
        Assert.Equal(ProjectStatus.Completed, project.Status);
        Assert.Equal(
            [("Completed", "In operation"), ("In operation", "Completed")],
            project.PendingActivity.Where(a => a.Kind == ActivityKind.OperationStatusChanged).Select(a => (a.From, a.To)));
    }

    [Fact]
    public void An_active_project_does_not_go_into_operation()
    {
        var project = Build.Project();

        Assert.False(project.ReflectOperation(liveInProduction: true, Build.Lead, Build.Now));
        Assert.Equal(ProjectStatus.Active, project.Status);
    }

    [Fact]
    public void A_project_in_operation_reworked_from_an_alert_is_active_again()
    {
        var project = CompletedProject();
        project.ReflectOperation(liveInProduction: true, Build.Lead, Build.Now);

        project.StartReworkFromOperations(PhaseKind.ProductionDeployment, "latency", Build.Lead, Build.Now);

        Assert.Equal((ProjectStatus.Active, PhaseKind.ProductionDeployment), (project.Status, project.CurrentPhase));
        Assert.False(project.ReflectOperation(liveInProduction: true, Build.Lead, Build.Now));
    }

    [Fact]
    public void Deploying_to_production_puts_an_approved_version_in_production_and_a_candidate_is_refused()
    {
        var approved = Model();
        approved.MoveTo(ModelStage.Approved, "Beats the baseline", Build.Lead, Build.Now);
        var candidate = Model("v2");

        var deployment = Deployment.Record(approved, DeploymentEnvironment.Production, "https://scoring.example.com/churn", Build.Lead, Build.Now);
        var toTest = Deployment.Record(candidate, DeploymentEnvironment.Test, "https://test.example.com/churn", Build.Lead, Build.Now);

        Assert.Equal(ModelStage.InProduction, approved.Stage);
        Assert.Equal(ModelStage.Candidate, candidate.Stage);
        Assert.Equal(DeploymentEnvironment.Test, toTest.Environment);
        Assert.Throws<DomainRuleException>(() => Deployment.Record(candidate, DeploymentEnvironment.Production, "https://x.example.com", Build.Lead, Build.Now));
        deployment.End("Replaced by v2", Build.Lead, Build.Now);
        Assert.Throws<DomainRuleException>(() => deployment.End("again", Build.Lead, Build.Now));
        candidate.MoveTo(ModelStage.Retired, "Worse", Build.Lead, Build.Now);
        Assert.Throws<DomainRuleException>(() => Deployment.Record(candidate, DeploymentEnvironment.Test, "https://x.example.com", Build.Lead, Build.Now));
    }

    [Fact]
    public void A_pipeline_keeps_its_latest_run_and_ignores_an_older_report()
    {
        var pipeline = Domain.Operations.Pipeline.Start(Guid.NewGuid(), PipelineKind.ML);

        Assert.True(pipeline.RecordRun(PipelineState.Running, At(1), null, null, Build.Lead, Build.Now));
        Assert.True(pipeline.RecordRun(PipelineState.Failed, At(5), "OOM", "https://ci.example.com/runs/5", Build.Lead, Build.Now));
        Assert.False(pipeline.RecordRun(PipelineState.Succeeded, At(3), null, null, Build.Lead, Build.Now));

        Assert.Equal((PipelineState.Failed, At(5), "OOM"), (pipeline.State, pipeline.LastRunAt, pipeline.Note));
        Assert.Equal(2, pipeline.PendingActivity.Count);
    }

    [Fact]
    public void A_monitor_goes_on_a_deployed_version_in_play_only()
    {
        var model = Model();

        Assert.Throws<DomainRuleException>(() => ModelMonitor.Add(model, deployed: false, MonitorKind.DataDrift, Settings(), Build.Lead, Build.Now));
        Assert.Throws<DomainRuleException>(() => ModelMonitor.Add(model, deployed: true, MonitorKind.DataDrift, Settings() with { ReworkAfterMinutes = 0 }, Build.Lead, Build.Now));
        Assert.Throws<DomainRuleException>(() => ModelMonitor.Add(model, deployed: true, MonitorKind.DataDrift, Settings() with { Threshold = double.PositiveInfinity }, Build.Lead, Build.Now));
        var monitor = ModelMonitor.Add(model, deployed: true, MonitorKind.DataDrift, Settings(), Build.Lead, Build.Now);
        Assert.Equal(ActivityKind.MonitorAdded, Assert.Single(monitor.PendingActivity).Kind);
    }

    [Fact]
    public void A_monitor_asks_for_rework_once_the_untriaged_breach_has_lasted_long_enough()
    {
        var monitor = Monitor(reworkAfter: 30);
        Alert? current = null;
        var alert = Judge(monitor, ref current, 0.5, 0).Opened!;

        Judge(monitor, ref current, 0.5, 10);
        Assert.False(monitor.IsDueForRework(alert, At(29)));
        // No signal since: the breach goes on until one recovers.
        Assert.True(monitor.IsDueForRework(alert, At(30)));
        alert.Dismiss("Expected", Build.Lead, Build.Now);
        Assert.False(monitor.IsDueForRework(alert, At(60)));
    }

    [Fact]
    public void Removing_a_monitor_closes_its_open_alert_and_refuses_later_signals()
    {
        var monitor = Monitor();
        Alert? current = null;
        var alert = Judge(monitor, ref current, 0.5, 1).Opened!;

        monitor.Remove(alert, Build.Lead, Build.Now);

        Assert.Equal(AlertClosure.MonitorRemoved, alert.ClosedBecause);
        Assert.Throws<DomainRuleException>(() => monitor.Judge(0.5, At(2), null, Pipeline, Build.Now));
    }

    private static DateTimeOffset At(int minute) => Build.Now.AddHours(-2).AddMinutes(minute);

    private static SignalJudgement Judge(ModelMonitor monitor, ref Alert? current, double value, int minute)
    {
        var judged = monitor.Judge(value, At(minute), current, Pipeline, Build.Now);
        current = judged.Opened ?? (judged.Closed is not null ? null : current);
        return judged;
    }

    private static MonitorSettings Settings() => new("accuracy", TargetDirection.AtLeast, 0.8, AlertSeverity.Warning);

    private static ModelMonitor Monitor(
        TargetDirection direction = TargetDirection.AtLeast, double threshold = 0.8, MonitorKind kind = MonitorKind.ModelPerformance, Guid? projectId = null, int? reworkAfter = null) =>
        ModelMonitor.Add(Model(projectId: projectId), deployed: true, kind, new MonitorSettings("accuracy", direction, threshold, AlertSeverity.Critical, reworkAfter), Build.Lead, Build.Now);

    private static ModelVersion Model(string label = "v1", Guid? projectId = null) =>
        ModelVersion.Register(projectId ?? Guid.NewGuid(), null, new ModelVersionFacts("churn-gbm", label, null, null, null), [], [], [], Build.Lead, Build.Now);

    private static Project CompletedProject()
    {
        var project = Build.Project();
        foreach (var kind in Enum.GetValues<PhaseKind>())
        {
            Build.PassGate(project, kind, kind == PhaseKind.BusinessAnalysis ? GateOutcome.CompleteProject : GateOutcome.NextPhase);
        }

        Assert.Equal(ProjectStatus.Completed, project.Status);
        return project;
    }
}
