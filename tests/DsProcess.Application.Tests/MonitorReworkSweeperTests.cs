using DsProcess.Domain.Operations;
using DsProcess.Domain.Projects;

namespace DsProcess.Application.Tests;

/// <summary>The app's own sweeper, running in the background, opens a breached monitor's rework without a new signal.</summary>
public sealed class MonitorReworkSweeperTests(MonitorReworkSweeperTests.FastSweepFixture app) : IClassFixture<MonitorReworkSweeperTests.FastSweepFixture>
{
    [Fact]
    public async Task A_breach_that_outlasts_its_rework_time_opens_rework_with_no_signal_arriving()
    {
        var (board, monitor) = await app.CompletedAndMonitoredAsync(reworkAfter: 30);
        await app.SendAsync(OperationsScenario.Signals(monitor, (0.5, 20)));
        Assert.Equal(ProjectStatus.InOperation, (await app.BoardAsync(board.Key)).Status);

        await app.ShortenReworkTimeAsync(monitor, 15);

        await Eventually.TrueAsync(async () => (await app.AlertsAsync(board.Id)).Single().Triage == AlertTriage.ReworkOpened);
        var reworked = await app.BoardAsync(board.Key);
        Assert.Equal((ProjectStatus.Active, 2, PhaseKind.DataDevelopment), (reworked.Status, reworked.Iteration, reworked.CurrentPhase));
    }

    public sealed class FastSweepFixture : AppFixture
    {
        protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?>
        {
            ["DsProcess:Operations:ReworkSweepInterval"] = "00:00:00.200",
        };
    }
}
