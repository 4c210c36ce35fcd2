using DsProcess.Application.Operations.Monitors.Commands.AddMonitor;
using DsProcess.Application.Operations.Monitors.Commands.RecordSignals;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.Gates;
using DsProcess.Domain.Operations;
using DsProcess.Domain.Projects;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DsProcess.Web.Tests;

public sealed class OperationsBrowserTests(ServedAppFixture app, Browser browser) : BrowserTests(app, browser)
{
    [Fact]
    public async Task A_drift_signal_reaches_the_ml_engineers_board_live_and_triage_opens_rework_from_data_development()
    {
        // A project through all four gates, its model in production and deployed there: in operation.
        var board = await App.CreateProjectAsync(name: "Churn in operation");
        var second = await App.CreateMemberAsync(board.Id, "Sam Second", ProjectRole.TeamLead);
        var engineer = await App.CreateMemberAsync(board.Id, "Mia Engineer", ProjectRole.MLEngineer);
        var (model, _) = await App.DeployAsync(board.Id, engineer);
        foreach (var phase in Enum.GetValues<PhaseKind>())
        {
            await App.PassGateAsync(board.Key, phase, second, phase == PhaseKind.BusinessAnalysis ? GateOutcome.CompleteProject : GateOutcome.NextPhase);
        }

        var monitor = await App.SendAsync(
            new AddMonitorCommand
            {
                ProjectId = board.Id, ModelVersionId = model, Kind = MonitorKind.DataDrift, Metric = "psi_tenure",
                Direction = TargetDirection.AtMost, Threshold = 0.2, Severity = AlertSeverity.Critical,
            },
            engineer);

        var page = await OpenAsync(Browser.Wide);
        await Browser.SignInAsync(page, engineer, $"/projects/{board.Key}");
        await Expect(page.GetByTestId("project-progress")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("board-alerts")).ToHaveCountAsync(0);
        Assert.Equal(ProjectStatus.InOperation, (await App.BoardAsync(board.Key)).Status);

        // A pipeline posts a drifting value; the open board shows the alert without a reload.
        await App.SendAsync(new RecordSignalsCommand(monitor, [new SignalInput(0.31, DateTimeOffset.UtcNow)]), engineer);
        await Expect(page.GetByTestId("board-alerts")).ToHaveTextAsync("1 model alert to triage");
        await Browser.ScreenshotAsync(page, "board-alert-wide");

        await page.GetByTestId("board-alerts").ClickAsync();
        var alert = page.GetByTestId("open-alert");
        await Expect(alert).ToContainTextAsync("Data drift on churn-gbm v1");
        await Expect(alert).ToContainTextAsync("psi_tenure was 0.31");
        await Expect(page.GetByTestId("monitor-state")).ToContainTextAsync("Breaching");
        await Browser.ScreenshotAsync(page, "operations-alert-wide");

        await alert.GetByRole(AriaRole.Button, new() { Name = "Open rework from Data Development" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Open rework" }).ClickAsync();
        await Expect(page.GetByTestId("no-open-alerts")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("alert-triage")).ToHaveTextAsync("Rework from Data Development (iteration 2), by Mia Engineer");
        await Expect(page.GetByTestId("alert-episode")).ToHaveTextAsync("Still breaching");

        // The board now works iteration 2 from Data Development, and has nothing left to triage.
        await page.GetByRole(AriaRole.Link, new() { Name = board.Key }).ClickAsync();
        await Expect(page.GetByTestId("board-alerts")).ToHaveCountAsync(0);
        Assert.Equal(2, (await App.BoardAsync(board.Key)).Iteration);
        Assert.Equal(PhaseKind.DataDevelopment, (await App.BoardAsync(board.Key)).CurrentPhase);

        var narrow = await OpenAsync(Browser.Narrow);
        await Browser.SignInAsync(narrow, engineer, $"/projects/{board.Key}/operations");
        await Expect(narrow.GetByTestId("alert-history")).ToContainTextAsync("psi_tenure ≤ 0.2");
        await Browser.ScreenshotAsync(narrow, "operations-narrow");
    }
}
