using DsProcess.Application.Tasks.Commands.SetChecklistItem;
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

    [Fact]
    public async Task The_engineer_hands_over_a_dataset_version_and_the_scientist_opens_it_from_my_work()
    {
        var board = await App.CreateProjectAsync(name: "Handed data", withEvidence: false);
        var engineer = await App.CreateMemberAsync(board.Id, "Dan Engineer", ProjectRole.DataEngineer);
        var scientist = await App.CreateMemberAsync(board.Id, "Sara Scientist", ProjectRole.DataScientist);
        await App.AddGovernedDataAsync(board.Id);
        await App.FinishAsync(board.Key, "Data collection");
        var preprocessing = await App.MoveAsync(board.Key, "Data preprocessing", TaskMove.Start);
        foreach (var item in preprocessing.Checklist)
        {
            await App.SendAsync(new SetChecklistItemCommand(preprocessing.Id, item.Number, Done: true));
        }

        // Dan marks the task done and names the curated version he produced.
        var dan = await OpenAsync(Browser.Wide);
        await Browser.SignInAsync(dan, engineer, $"/projects/{board.Key}?task={preprocessing.Id}");
        await dan.GetByTestId("task-panel").GetByRole(AriaRole.Button, new() { Name = "Mark done" }).ClickAsync();
        var done = dan.GetByRole(AriaRole.Dialog);
        await done.GetByTestId("done-datasets").ClickAsync();
        await dan.GetByRole(AriaRole.Option, new() { Name = "customers-clean v1" }).ClickAsync();
        // A click beside the open list lands on its overlay and closes it (Escape would close the dialog).
        await done.GetByText("Finish: Data preprocessing").ClickAsync(new() { Force = true });
        await Expect(dan.GetByRole(AriaRole.Option, new() { Name = "customers-clean v1" })).ToBeHiddenAsync();
        await Browser.ScreenshotAsync(dan, "done-dialog-versions-wide");
        await done.GetByRole(AriaRole.Button, new() { Name = "Mark done" }).ClickAsync();
        await Expect(dan.GetByTestId("task-panel").GetByTestId("task-status")).ToHaveTextAsync("Done");

        // Sara sees the version on the handoff in My work and in the board's task panel; it opens the Data page.
        var sara = await OpenAsync(Browser.Narrow);
        await Browser.SignInAsync(sara, scientist);
        var handoff = sara.GetByTestId("handoff-item").Filter(new() { HasText = "Feature engineering" });
        var version = handoff.GetByRole(AriaRole.Link, new() { Name = "Dataset version customers-clean v1" });
        await Expect(version).ToHaveAttributeAsync("href", $"/projects/{board.Key}/data");
        await Browser.ScreenshotAsync(sara, "my-work-handed-versions-narrow");
        await handoff.GetByRole(AriaRole.Link, new() { Name = "Feature engineering" }).ClickAsync();
        await Expect(sara.GetByTestId("task-panel").GetByTestId("handed-versions")).ToContainTextAsync("customers-clean v1");
    }
}
