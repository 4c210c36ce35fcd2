using DsProcess.Application.Dashboards.Queries.OperationsFlow;
using DsProcess.Application.Operations.Alerts.Commands.OpenReworkFromAlert;
using DsProcess.Domain.Gates;
using DsProcess.Domain.Operations;
using DsProcess.Domain.Projects;

namespace DsProcess.Application.Tests;

/// <summary>Flow in operation on a database of its own, so that no other test's alerts count.</summary>
public sealed class OperationsFlowTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Alerts_count_per_monitored_model_with_the_hours_to_recovery_and_to_rework()
    {
        var board = await app.CreateProjectAsync();
        var second = await app.CreateMemberAsync(board.Id, "Sam Second", ProjectRole.TeamLead);
        var monitor = await app.MonitoredAsync(board.Id, MonitorKind.ModelPerformance);
        foreach (var phase in Enum.GetValues<PhaseKind>())
        {
            await app.PassGateAsync(board.Key, phase, second, phase == PhaseKind.BusinessAnalysis ? GateOutcome.CompleteProject : GateOutcome.NextPhase);
        }

        // Ten days ago an episode recovered after a day; this morning one recovered after two hours; a third opened
        // three hours ago and is turned into rework now.
        await app.SendAsync(OperationsScenario.Signals(monitor, (0.5, 14_400), (0.9, 12_960), (0.5, 600), (0.9, 480), (0.6, 180)));
        var open = (await app.AlertsAsync(board.Id)).Single(a => a.ClosedAt is null);
        await app.SendAsync(new OpenReworkFromAlertCommand(open.Id, open.Version));

        var week = await app.SendAsync(new OperationsFlowQuery(7));
        var month = await app.SendAsync(new OperationsFlowQuery(30));

        Assert.Equal((2, 1), (week.Alerts, week.MonitoredModels));
        Assert.Equal(2 / (7 / 30.0), week.AlertsPerModelPerMonth!.Value, 6);
        Assert.Equal(2.0, week.ToRecoveryHours.Mean!.Value, 3);
        Assert.Equal(1, week.ToRecoveryHours.Samples);
        Assert.InRange(week.ToReworkHours.Mean!.Value, 3.0, 3.1);
        Assert.Equal(1, week.ToReworkHours.Samples);
        Assert.Equal((3, 3.0), (month.Alerts, month.AlertsPerModelPerMonth));
        Assert.Equal(13.0, month.ToRecoveryHours.Mean!.Value, 3);
        Assert.Equal(2 + (22 * 0.85), month.ToRecoveryHours.P85!.Value, 3);
    }

    [Fact]
    public void The_85th_percentile_interpolates_as_postgresql_does()
    {
        // percentile_cont(0.85) over 1..5: position 3.4 between 4 and 5.
        var spread = Spread.Of([5, 1, 3, 2, 4]);
        Assert.Equal(3.0, spread.Mean);
        Assert.Equal(4.4, spread.P85!.Value, 9);
        Assert.Equal(new Spread(null, null, 0), Spread.Of([]));
    }
}
