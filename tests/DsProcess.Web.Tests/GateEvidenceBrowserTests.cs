using DsProcess.Domain.Projects;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DsProcess.Web.Tests;

public sealed class GateEvidenceBrowserTests(ServedAppFixture app, Browser browser) : BrowserTests(app, browser)
{
    [Fact]
    public async Task The_model_gate_stays_locked_until_a_version_meets_the_targets_then_submits()
    {
        var board = await App.CreateProjectAsync(name: "Churn evidence", withEvidence: false);
        var scientist = await App.CreateMemberAsync(board.Id, "Sara Scientist", ProjectRole.DataScientist);
        await App.AddGovernedDataAsync(board.Id);
        await App.PassGateAsync(board.Key, PhaseKind.DataDevelopment, scientist);
        await App.FinishRequiredTasksAsync(board.Key, PhaseKind.ModelDevelopment);
        await App.AddTargetAsync(board.Id, "recall", 0.8);
        await App.AddModelAsync(board.Id, "v1", recall: 0.71);

        var sara = await OpenAsync(Browser.Wide);
        await Browser.SignInAsync(sara, scientist, $"/projects/{board.Key}?gate=ModelDevelopment");
        var gate = sara.GetByTestId("gate-panel");
        var criterion = gate.GetByTestId("automatic-ModelMeetsTargets");
        var submit = gate.GetByRole(AriaRole.Button, new() { Name = "Submit gate" });
        var bestModel = sara.GetByTestId("best-model");

        // Only v1 exists and it misses the target: the gate is locked and says why.
        await Expect(sara.GetByTestId("phase-ModelDevelopment").GetByTestId("gate-state")).ToHaveTextAsync("Gate: locked");
        await Expect(criterion).ToHaveAttributeAsync("data-met", "false");
        await Expect(criterion.GetByTestId("automatic-missing")).ToHaveTextAsync("Missing: churn-gbm v1 misses recall on the test (hold-out) split ≥ 0.8");
        await Expect(gate.GetByTestId("gate-submit-why")).ToContainTextAsync("the evidence must show: a model version evaluated on the hold-out split meets every metric target");
        await Expect(submit).ToBeDisabledAsync();
        await Expect(bestModel).ToContainTextAsync("churn-gbm v1");
        await Expect(bestModel).ToContainTextAsync("0 of 1 targets met");
        await Browser.ScreenshotAsync(sara, "gate-evidence-not-met-wide");

        // v2 meets the target: the open board shows it met, names it, and the gate submits.
        await App.AddModelAsync(board.Id, "v2", recall: 0.86);
        await Expect(criterion).ToHaveAttributeAsync("data-met", "true");
        await Expect(criterion.GetByRole(AriaRole.Link, new() { Name = "churn-gbm v2" })).ToHaveAttributeAsync("href", $"/projects/{board.Key}/models");
        await Expect(bestModel).ToContainTextAsync("churn-gbm v2");
        await Expect(bestModel).ToContainTextAsync("meets all targets");
        await Expect(submit).ToBeEnabledAsync();
        await Browser.ScreenshotAsync(sara, "gate-evidence-met-wide");
        await submit.ClickAsync();
        await Expect(sara.GetByTestId("phase-ModelDevelopment").GetByTestId("gate-state")).ToHaveTextAsync("Gate: awaiting decision");
        var wide = await OpenAsync(Browser.Wide);
        await Browser.SignInAsync(wide, scientist, $"/projects/{board.Key}");
        await Expect(wide.GetByTestId("best-model")).ToContainTextAsync("churn-gbm v2");
        await Browser.ScreenshotAsync(wide, "board-best-model-wide");

        var phone = await OpenAsync(Browser.Narrow);
        await Browser.SignInAsync(phone, scientist, $"/projects/{board.Key}?gate=ModelDevelopment");
        await Expect(phone.GetByTestId("gate-panel").GetByTestId("automatic-ModelMeetsTargets")).ToHaveAttributeAsync("data-met", "true");
        await Browser.ScreenshotAsync(phone, "gate-evidence-narrow");
        await phone.GetByTestId("gate-panel").GetByRole(AriaRole.Button, new() { Name = "Close gate panel" }).ClickAsync();
        await Expect(phone.GetByTestId("best-model")).ToContainTextAsync("meets all targets");
        await Browser.ScreenshotAsync(phone, "board-best-model-narrow");
    }
}
