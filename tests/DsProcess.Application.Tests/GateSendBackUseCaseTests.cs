using System.Text.Json;
using DsProcess.Application.Dashboards.Queries.FlowMetrics;
using DsProcess.Application.Gates.Commands.DecideGate;
using DsProcess.Application.Gates.Commands.SubmitGate;
using DsProcess.Application.Gates.Queries.GateDetails;
using DsProcess.Application.Notifications.Queries.MyNotifications;
using DsProcess.Application.Projects.Queries.ProjectBoard;
using DsProcess.Application.Reports.Queries.ProjectReport;
using DsProcess.Domain.Activity;
using DsProcess.Domain.Common;
using DsProcess.Domain.Gates;
using DsProcess.Domain.Notifications;
using DsProcess.Domain.Projects;
using DsProcess.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using ValidationException = DsProcess.Application.Common.Exceptions.ValidationException;

namespace DsProcess.Application.Tests;

/// <summary>A gate decider sending the project back to an earlier phase, through the mediator as the UI and the API do.</summary>
public sealed class GateSendBackUseCaseTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Reason = "The model degrades on last month's traffic: retrain with the new features.";

    [Fact]
    public async Task The_production_deployment_gate_sends_the_project_back_to_model_development_and_everyone_hears_of_it()
    {
        var (board, scientist, review) = await AwaitingProductionDeploymentAsync();
        var subscription = await app.SubscribeAsync(board.Id, WebhookScenario.Unanswered, WebhookEventType.GateDecided);
        await app.PauseAsync(subscription.Id);

        await app.SendAsync(new DecideGateCommand(review, GateDecision.Rejected, GateOutcome.IterateFromModelDevelopment, Reason), scientist);

        var after = await app.BoardAsync(board.Key);
        Assert.Equal(2, after.Iteration);
        Assert.Equal(PhaseKind.ModelDevelopment, after.CurrentPhase);
        Assert.Equal([PhaseState.Completed, PhaseState.Active, PhaseState.NotStarted, PhaseState.NotStarted], after.Phases.Select(p => p.State));
        Assert.Equal([1, 2, 2, 2], after.Phases.Select(p => p.Iteration));

        var history = (await app.SendAsync(new GateDetailsQuery(board.Key, PhaseKind.ProductionDeployment, WithKpis: false))).History;
        var decided = Assert.Single(history);
        Assert.Equal((GateDecision.Rejected, GateOutcome.IterateFromModelDevelopment, Reason), (decided.Decision, decided.Outcome, decided.DecisionReason));

        var told = Assert.Single((await app.SendAsync(new MyNotificationsQuery())).Items, n => n.Kind == NotificationKind.GateDecided && n.Text.Contains($"sent {board.Key} back", StringComparison.Ordinal));
        Assert.Equal($"{scientist.Name} sent {board.Key} back to Model Development: {Reason}", told.Text);

        var log = await app.WithDbAsync(db => db.Activity.AsNoTracking().Where(a => a.ProjectId == board.Id && a.Reason == Reason).ToListAsync());
        Assert.Equal("Back to Model Development: new iteration", Assert.Single(log, a => a.Kind == ActivityKind.GateRejected).To);
        Assert.Equal(PhaseKind.ModelDevelopment, Assert.Single(log, a => a.Kind == ActivityKind.IterationStarted).Phase);

        using var payload = JsonDocument.Parse(Assert.Single(await app.DeliveriesAsync(board.Id)).Payload);
        var gate = payload.RootElement.GetProperty("gate");
        Assert.Equal("productionDeployment", gate.GetProperty("phase").GetString());
        Assert.Equal("rejected", gate.GetProperty("decision").GetString());
        Assert.Equal("iterateFromModelDevelopment", gate.GetProperty("outcome").GetString());
        Assert.Equal(Reason, gate.GetProperty("reason").GetString());

        var report = await app.SendAsync(new ProjectReportQuery(board.Key));
        Assert.Equal($"Sent back to Model Development: {Reason}", Assert.Single(report.Decisions, d => d.Phase == PhaseKind.ProductionDeployment).Outcome);
    }

    [Fact]
    public async Task A_send_back_counts_as_rework_in_the_flow_metrics_and_runs_the_phase_again()
    {
        var (board, scientist, review) = await AwaitingProductionDeploymentAsync();

        await app.SendAsync(new DecideGateCommand(review, GateDecision.Rejected, GateOutcome.IterateFromModelDevelopment, Reason), scientist);

        // Every decided Production Deployment gate of this class's projects was a send-back: all of them are rework.
        var decided = await app.WithDbAsync(db => db.GateReviews.CountAsync(r => r.Phase == PhaseKind.ProductionDeployment && r.Decision != null));
        var deployment = (await app.SendAsync(new FlowMetricsQuery(7))).Phases.Single(p => p.Phase == PhaseKind.ProductionDeployment);
        Assert.Equal(decided, deployment.Decisions);
        Assert.Equal(1.0, deployment.ReworkRate!.Value, precision: 6);
        var modelRuns = await app.WithDbAsync(db => db.Database
            .SqlQueryRaw<int>("SELECT iteration AS \"Value\" FROM phase_runs WHERE project_id = {0} AND phase = 2 ORDER BY iteration", board.Id)
            .ToListAsync());
        Assert.Equal([1, 2], modelRuns);
    }

    [Fact]
    public async Task The_board_offers_each_gate_the_phases_before_it()
    {
        var board = await app.CreateProjectAsync(withEvidence: false);

        Assert.Equal(
            [[], [PhaseKind.DataDevelopment], [PhaseKind.DataDevelopment, PhaseKind.ModelDevelopment], [PhaseKind.DataDevelopment, PhaseKind.ModelDevelopment, PhaseKind.ProductionDeployment]],
            board.Phases.Select(p => p.SendsBackTo));
    }

    [Theory]
    [InlineData(GateOutcome.IterateFromProductionDeployment, "to rework this phase, reject the gate")]
    [InlineData(GateOutcome.IterateFromDataDevelopment, null)]
    public async Task Only_an_earlier_phase_takes_the_project_back(GateOutcome outcome, string? refusal)
    {
        var (board, scientist, review) = await AwaitingProductionDeploymentAsync();

        if (refusal is null)
        {
            await app.SendAsync(new DecideGateCommand(review, GateDecision.Rejected, outcome, Reason), scientist);
            Assert.Equal(PhaseKind.DataDevelopment, (await app.BoardAsync(board.Key)).CurrentPhase);
            return;
        }

        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => app.SendAsync(new DecideGateCommand(review, GateDecision.Rejected, outcome, Reason), scientist));
        Assert.Contains(refusal, refused.Message, StringComparison.Ordinal);
        var unchanged = await app.BoardAsync(board.Key);
        Assert.Equal((1, PhaseKind.ProductionDeployment, PhaseState.AwaitingGate), (unchanged.Iteration, unchanged.CurrentPhase!.Value, unchanged.Phases[2].State));
    }

    [Fact]
    public async Task A_rejection_that_names_no_phase_is_refused_on_the_outcome_and_a_send_back_needs_a_reason()
    {
        var (board, scientist, review) = await AwaitingProductionDeploymentAsync();

        var completes = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(new DecideGateCommand(review, GateDecision.Rejected, GateOutcome.CompleteProject, Reason), scientist));
        var silent = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(new DecideGateCommand(review, GateDecision.Rejected, GateOutcome.IterateFromModelDevelopment, " "), scientist));

        Assert.Equal(["Outcome"], completes.Errors.Keys);
        Assert.Equal(["Reason"], silent.Errors.Keys);
        Assert.Equal(PhaseState.AwaitingGate, (await app.BoardAsync(board.Key)).Phases[2].State);
    }

    /// <summary>A project whose Production Deployment gate the lead submitted; a data scientist (who receives the work next) decides it.</summary>
    private async Task<(ProjectBoardDto Board, TestPerson Scientist, Guid Review)> AwaitingProductionDeploymentAsync()
    {
        var board = await app.CreateProjectAsync();
        var scientist = await app.CreateMemberAsync(board.Id, "Sara Scientist", ProjectRole.DataScientist);
        var mlEngineer = await app.CreateMemberAsync(board.Id, "Milo Ops", ProjectRole.MLEngineer);
        await app.PassGateAsync(board.Key, PhaseKind.DataDevelopment, scientist);
        await app.PassGateAsync(board.Key, PhaseKind.ModelDevelopment, mlEngineer);
        await app.FinishRequiredTasksAsync(board.Key, PhaseKind.ProductionDeployment);
        var review = await app.SendAsync(new SubmitGateCommand(board.Id, PhaseKind.ProductionDeployment));
        return (board, scientist, review);
    }
}
