using DsProcess.Application.Operations.Deployments.Commands.RecordDeployment;
using DsProcess.Application.Operations.Monitors.Commands.AddMonitor;
using DsProcess.Application.Operations.Monitors.Commands.ChangeMonitor;
using DsProcess.Application.Operations.Monitors.Commands.RecordSignals;
using DsProcess.Application.Projects.Queries.ProjectBoard;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.Gates;
using DsProcess.Domain.Operations;
using DsProcess.Domain.Projects;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Tests;

/// <summary>Deployed models with monitors, for tests of the operations use cases.</summary>
public static class OperationsScenario
{
    public const string Endpoint = "https://scoring.example.com/churn";

    /// <summary>The model version the scenario project's evidence put in production ("churn-gbm v1").</summary>
    public static Task<Guid> ModelInProductionAsync(this AppFixture app, Guid projectId) =>
        app.WithDbAsync(db => db.ModelVersions.Where(m => m.ProjectId == projectId && m.Stage == ModelStage.InProduction).Select(m => m.Id).FirstAsync());

    /// <summary>Deploys the project's model in production to Production (as the lead, or <paramref name="by"/>); returns (model, deployment).</summary>
    public static async Task<(Guid Model, Guid Deployment)> DeployAsync(this AppFixture app, Guid projectId, TestPerson? by = null)
    {
        var model = await app.ModelInProductionAsync(projectId);
        var deployment = await app.SendAsync(new RecordDeploymentCommand(projectId, model, DeploymentEnvironment.Production, Endpoint), by);
        return (model, deployment);
    }

    /// <summary>A monitor that breaches below <paramref name="atLeast"/>.</summary>
    public static AddMonitorCommand Monitor(Guid projectId, Guid modelId, MonitorKind kind = MonitorKind.ModelPerformance, double atLeast = 0.8, int? reworkAfter = null) => new()
    {
        ProjectId = projectId,
        ModelVersionId = modelId,
        Kind = kind,
        Metric = "accuracy",
        Direction = TargetDirection.AtLeast,
        Threshold = atLeast,
        Severity = AlertSeverity.Critical,
        ReworkAfterMinutes = reworkAfter,
    };

    /// <summary>A deployed model with a monitor on it; returns the monitor's id.</summary>
    public static async Task<Guid> MonitoredAsync(this AppFixture app, Guid projectId, MonitorKind kind = MonitorKind.ModelPerformance, int? reworkAfter = null)
    {
        var (model, _) = await app.DeployAsync(projectId);
        return await app.SendAsync(Monitor(projectId, model, kind, reworkAfter: reworkAfter));
    }

    /// <summary>A project through all its gates to Completed, with a deployed, monitored model: in operation.</summary>
    public static async Task<(ProjectBoardDto Board, Guid Monitor)> CompletedAndMonitoredAsync(this AppFixture app, int? reworkAfter = null)
    {
        var board = await app.CreateProjectAsync();
        var second = await app.CreateMemberAsync(board.Id, $"Sam Second {Guid.NewGuid():N}", ProjectRole.TeamLead);
        var monitor = await app.MonitoredAsync(board.Id, MonitorKind.DataDrift, reworkAfter: reworkAfter);
        foreach (var each in Enum.GetValues<PhaseKind>())
        {
            await app.PassGateAsync(board.Key, each, second, each == PhaseKind.BusinessAnalysis ? GateOutcome.CompleteProject : GateOutcome.NextPhase);
        }

        return (board, monitor);
    }

    /// <summary>Changes the monitor's rework time only (its other settings are the scenario's).</summary>
    public static async Task ShortenReworkTimeAsync(this AppFixture app, Guid monitorId, int minutes)
    {
        var version = await app.WithDbAsync(db => db.Monitors.Where(m => m.Id == monitorId).Select(m => m.Version).SingleAsync());
        var settings = Monitor(Guid.Empty, Guid.Empty);
        await app.SendAsync(new ChangeMonitorCommand
        {
            MonitorId = monitorId, Version = version, Metric = settings.Metric, Direction = settings.Direction,
            Threshold = settings.Threshold, Severity = settings.Severity, ReworkAfterMinutes = minutes,
        });
    }

    /// <summary>Signals <paramref name="minutesAgo"/> minutes before now, with their values.</summary>
    public static RecordSignalsCommand Signals(Guid monitorId, params (double Value, int MinutesAgo)[] signals) =>
        new(monitorId, [.. signals.Select(s => new SignalInput(s.Value, DateTimeOffset.UtcNow.AddMinutes(-s.MinutesAgo)))]);

    public static Task<List<Alert>> AlertsAsync(this AppFixture app, Guid projectId) =>
        app.WithDbAsync(db => db.Alerts.AsNoTracking().Where(a => a.ProjectId == projectId).OrderBy(a => a.OpenedAt).ToListAsync());
}
