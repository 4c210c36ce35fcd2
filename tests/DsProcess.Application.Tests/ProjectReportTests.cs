using DsProcess.Application.Kpis.Commands.AddKpi;
using DsProcess.Application.Kpis.Commands.RecordKpiValue;
using DsProcess.Application.Operations.Alerts.Commands.DismissAlert;
using DsProcess.Application.Operations.Alerts.Commands.OpenReworkFromAlert;
using DsProcess.Application.Operations.Deployments.Commands.EndDeployment;
using DsProcess.Application.Operations.Deployments.Commands.RecordDeployment;
using DsProcess.Application.Operations.Pipelines.Commands.RecordPipelineRun;
using DsProcess.Application.Reports.Queries.ProjectReport;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.Gates;
using DsProcess.Domain.Operations;
using DsProcess.Domain.Projects;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DsProcess.Application.Tests;

public sealed class ProjectReportTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task The_report_assembles_the_evidence_the_decided_gates_and_the_kpis()
    {
        var board = await app.CreateProjectAsync(name: "Customer | churn");
        var scientist = await app.CreateMemberAsync(board.Id, "Sara Scientist", ProjectRole.DataScientist);
        await app.PassGateAsync(board.Key, PhaseKind.DataDevelopment, scientist);
        var conversion = await app.SendAsync(new AddKpiCommand(board.Id, "Conversion rate", "%", 3.2, 5, TargetDirection.AtLeast));
        await app.SendAsync(new RecordKpiValueCommand(conversion, 5.4, DateTimeOffset.UtcNow.AddDays(-1), "week 2"), scientist);

        var report = await app.SendAsync(new ProjectReportQuery(board.Key), scientist);

        Assert.Equal("Predict churn 60 days ahead", report.Objective);
        Assert.Contains(report.Team, m => m.Name == "Sara Scientist" && m.Roles.SequenceEqual([ProjectRole.DataScientist]));
        Assert.Equal(Enum.GetValues<PhaseKind>(), report.Phases.Select(p => p.Kind));
        Assert.Equal(PhaseState.Completed, report.Phases[0].State);
        Assert.NotNull(report.Phases[0].ActualEnd);
        var decision = Assert.Single(report.Decisions);
        Assert.Equal(GateDecision.Approved, decision.Decision);
        Assert.Equal("Sara Scientist", decision.DecidedByName);
        Assert.Contains("customers-clean v1", decision.Evidence);
        var train = Assert.Single(report.Datasets, d => d.Label == "customers-train v1");
        Assert.Equal(["customers-clean v1"], train.DerivedFrom);
        Assert.Equal(["recall on the test (hold-out) split ≥ 0.8"], report.Targets);
        var model = Assert.Single(report.Models);
        Assert.Equal([TargetResult.Met], model.Results);
        Assert.Equal([model], report.InProduction);
        Assert.False(report.Operations.EverDeployed);
        var kpi = Assert.Single(report.Kpis);
        Assert.Equal((5.4, TargetResult.Met), (kpi.LatestValue, kpi.Result));
        Assert.Null(report.Recommendation);

        var markdown = ProjectReportMarkdown.Write(report);
        Assert.StartsWith($"# Customer | churn ({board.Key})", markdown, StringComparison.Ordinal);
        Assert.Contains("| Conversion rate | 3.2 % | ≥ 5 % | 5.4 % |", markdown, StringComparison.Ordinal);
        Assert.Contains("## Deployment, monitors and alerts", markdown, StringComparison.Ordinal);
        Assert.Contains($"_{ReportOperations.NeverDeployed}_", markdown, StringComparison.Ordinal);
        Assert.Contains("Model versions at stage In production: churn-gbm v1.", markdown, StringComparison.Ordinal);
        Assert.Contains("| customers-train v1 | Silver | Training split | no | customers-clean v1 |", markdown, StringComparison.Ordinal);
        Assert.Equal($"{board.Key}-report-{report.GeneratedAt.UtcDateTime:yyyy-MM-dd}.md", ProjectReportMarkdown.FileName(report));
    }

    [Fact]
    public async Task The_deployment_section_shows_the_deployment_the_pipelines_the_monitor_and_how_each_alert_ended()
    {
        var board = await app.CreateProjectAsync();
        var monitor = await app.MonitoredAsync(board.Id);
        await app.SendAsync(new RecordPipelineRunCommand(board.Id, PipelineKind.ML, PipelineState.Succeeded, DateTimeOffset.UtcNow.AddMinutes(-90)));
        await app.SendAsync(OperationsScenario.Signals(monitor, (0.6, 60), (0.85, 50), (0.5, 40)));
        var dismissing = (await app.AlertsAsync(board.Id))[1];
        await app.SendAsync(new DismissAlertCommand(dismissing.Id, dismissing.Version, "Holiday traffic"));
        await app.SendAsync(OperationsScenario.Signals(monitor, (0.9, 30), (0.4, 20)));

        var operations = (await app.SendAsync(new ProjectReportQuery(board.Key))).Operations;

        Assert.True(operations.EverDeployed);
        var deployment = Assert.Single(operations.Deployments);
        Assert.Equal(("churn-gbm v1", DeploymentEnvironment.Production, OperationsScenario.Endpoint, "Lea Lead", true, "Live"),
            (deployment.ModelName, deployment.Environment, deployment.Endpoint, deployment.DeployedByName, deployment.IsLive, deployment.State));
        Assert.Equal(["Data pipeline", "ML pipeline", "DevOps pipeline"], operations.Pipelines.Select(p => p.Name));
        Assert.Equal([null, PipelineState.Succeeded, null], operations.Pipelines.Select(p => p.State));
        Assert.Equal("Never run", operations.Pipelines[0].LastRun);
        var watched = Assert.Single(operations.Monitors);
        Assert.Equal(("churn-gbm v1", MonitorKind.ModelPerformance, "accuracy ≥ 0.8", AlertSeverity.Critical, 0.4),
            (watched.ModelName, watched.Kind, watched.Rule, watched.Severity, watched.LatestValue));
        Assert.StartsWith("Breaching since ", watched.StateText, StringComparison.Ordinal);
        Assert.Equal(new ReportAlertCounts(1, 1, 1, 0, 0), operations.AlertCounts);
        Assert.Equal([ReportAlertOutcome.Open, ReportAlertOutcome.Dismissed, ReportAlertOutcome.Recovered], operations.Alerts.Select(a => a.Outcome));
        Assert.Equal("Open", operations.Alerts[0].Ending);
        Assert.Equal("0.4 vs accuracy ≥ 0.8", operations.Alerts[0].ValueAgainstRule);
        Assert.StartsWith("Dismissed by Lea Lead on ", operations.Alerts[1].Ending, StringComparison.Ordinal);
        Assert.Contains(": Holiday traffic. Recovered ", operations.Alerts[1].Ending, StringComparison.Ordinal);
        Assert.Matches(@"^Recovered \d{4}-\d\d-\d\d \d\d:\d\d UTC \(0\.85\)$", operations.Alerts[2].Ending);
        Assert.Equal(0, operations.EarlierAlerts);

        var markdown = ProjectReportMarkdown.Write(await app.SendAsync(new ProjectReportQuery(board.Key)));
        Assert.DoesNotContain(ReportOperations.NeverDeployed, markdown, StringComparison.Ordinal);
        Assert.Contains($"| churn-gbm v1 | Production | {OperationsScenario.Endpoint} | Lea Lead, ", markdown, StringComparison.Ordinal);
        Assert.Contains("| ML pipeline | ", markdown, StringComparison.Ordinal);
        Assert.Contains("| Data pipeline | Never run | — |", markdown, StringComparison.Ordinal);
        Assert.Contains("| churn-gbm v1 | Model performance | accuracy ≥ 0.8 | Critical | — | Breaching since ", markdown, StringComparison.Ordinal);
        Assert.Contains("3 alerts: 1 open, 1 recovered, 1 dismissed, 0 reworked.", markdown, StringComparison.Ordinal);
        Assert.Contains("| Model performance on churn-gbm v1 | Critical | 0.4 vs accuracy ≥ 0.8 | Open |", markdown, StringComparison.Ordinal);
        Assert.Contains(": Holiday traffic. Recovered ", markdown, StringComparison.Ordinal);
        Assert.Contains("(0.85) |", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("earlier", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_report_lists_the_latest_twenty_alerts_in_as_many_sql_round_trips_as_with_none()
    {
        var board = await app.CreateProjectAsync();
        var monitor = await app.MonitoredAsync(board.Id);
        var database = new NpgsqlConnectionStringBuilder(app.ConnectionString).Database!;
        await app.SendAsync(new ProjectReportQuery(board.Key));
        int quiet;
        using (var counter = new SqlCommandCounter(database))
        {
            await app.SendAsync(new ProjectReportQuery(board.Key));
            quiet = counter.Commands.Count;
        }

        // 25 episodes: each breach opens an alert, the next signal recovers it.
        await app.SendAsync(OperationsScenario.Signals(monitor, [.. Enumerable.Range(0, 50).Select(i => (i % 2 == 0 ? 0.5 : 0.9, 100 - i))]));
        await app.SendAsync(OperationsScenario.Monitor(board.Id, await app.ModelInProductionAsync(board.Id), MonitorKind.DataDrift));
        using var busy = new SqlCommandCounter(database);
        var report = await app.SendAsync(new ProjectReportQuery(board.Key));

        // The caller, the project, its team, phases, gate reviews, dataset versions, targets, model versions; the
        // deployments, pipelines, monitors, alert counts and latest alerts; the KPIs.
        Assert.Equal(14, quiet);
        Assert.Equal(quiet, busy.Commands.Count);
        Assert.Equal(new ReportAlertCounts(0, 25, 0, 0, 0), report.Operations.AlertCounts);
        Assert.Equal(ReportOperations.AlertHistory, report.Operations.Alerts.Count);
        Assert.Equal(5, report.Operations.EarlierAlerts);
        Assert.Equal(2, report.Operations.Monitors.Count);
        Assert.Contains("_And 5 earlier._", ProjectReportMarkdown.Write(report), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_alert_turned_into_rework_reads_as_its_iteration_in_the_report()
    {
        var board = await app.CreateProjectAsync();
        var scientist = await app.CreateMemberAsync(board.Id, "Sara Scientist", ProjectRole.DataScientist);
        await app.PassGateAsync(board.Key, PhaseKind.DataDevelopment, scientist);
        var monitor = await app.MonitoredAsync(board.Id, MonitorKind.DataDrift);
        await app.SendAsync(OperationsScenario.Signals(monitor, (0.5, 30)));
        var alert = Assert.Single(await app.AlertsAsync(board.Id));
        var iteration = await app.SendAsync(new OpenReworkFromAlertCommand(alert.Id, alert.Version));

        var report = await app.SendAsync(new ProjectReportQuery(board.Key));

        Assert.Equal(new ReportAlertCounts(0, 0, 0, 1, 0), report.Operations.AlertCounts);
        var reworked = Assert.Single(report.Operations.Alerts);
        Assert.Equal(ReportAlertOutcome.Reworked, reworked.Outcome);
        Assert.StartsWith($"Rework iteration {iteration} from Data Development, opened by Lea Lead on ", reworked.Ending, StringComparison.Ordinal);
        Assert.Contains("0 open, 0 recovered, 0 dismissed, 1 reworked.", ProjectReportMarkdown.Write(report), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_live_deployment_comes_first_and_an_ended_one_says_when_by_whom_and_why()
    {
        var board = await app.CreateProjectAsync();
        var model = await app.ModelInProductionAsync(board.Id);
        var trial = await app.SendAsync(new RecordDeploymentCommand(board.Id, model, DeploymentEnvironment.Test, "https://test.example.com/churn"));
        await app.SendAsync(new RecordDeploymentCommand(board.Id, model, DeploymentEnvironment.Production, OperationsScenario.Endpoint));
        var version = await app.WithDbAsync(db => db.Deployments.Where(d => d.Id == trial).Select(d => d.Version).SingleAsync());
        await app.SendAsync(new EndDeploymentCommand(trial, version, "Replaced by | production"));

        var report = await app.SendAsync(new ProjectReportQuery(board.Key));

        Assert.Equal([DeploymentEnvironment.Production, DeploymentEnvironment.Test], report.Operations.Deployments.Select(d => d.Environment));
        Assert.Equal("Live", report.Operations.Deployments[0].State);
        Assert.Matches(@"^Ended \d{4}-\d\d-\d\d \d\d:\d\d UTC by Lea Lead: Replaced by \| production$", report.Operations.Deployments[1].State);
        Assert.Contains("by Lea Lead: Replaced by \\| production |", ProjectReportMarkdown.Write(report), StringComparison.Ordinal);
    }
}
