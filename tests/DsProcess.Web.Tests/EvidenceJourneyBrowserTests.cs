using DsProcess.Application.Tasks.Commands.SetChecklistItem;
using DsProcess.Domain.Projects;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DsProcess.Web.Tests;

/// <summary>A project carried through Data and Model Development on its evidence, each piece entered in the browser.</summary>
public sealed class EvidenceJourneyBrowserTests(ServedAppFixture app, Browser browser) : BrowserTests(app, browser)
{
    [Fact]
    public async Task Data_then_models_registered_in_the_browser_open_the_gates_and_the_lineage_shows_the_chain()
    {
        var board = await App.CreateProjectAsync(name: "Churn journey", withEvidence: false);
        var engineer = await App.CreateMemberAsync(board.Id, "Dana Engineer", ProjectRole.DataEngineer);
        var scientist = await App.CreateMemberAsync(board.Id, "Sara Scientist", ProjectRole.DataScientist);

        // Dana registers raw Bronze data, the governed Silver version cut from it, and the two splits.
        var dana = await OpenAsync(Browser.Wide);
        await Browser.SignInAsync(dana, engineer, $"/projects/{board.Key}/data");
        await EvidenceForms.CreateDatasetAsync(dana, "Raw events");
        await EvidenceForms.CreateDatasetAsync(dana, "Customers", "Silver", "Curated");
        await EvidenceForms.CreateDatasetAsync(dana, "churn_train", "Silver", "Training split");
        await EvidenceForms.CreateDatasetAsync(dana, "churn_test", "Silver", "Test (hold-out) split");
        var raw = await EvidenceForms.StartVersionAsync(dana, "Raw events", "v1", "s3://lake/raw/events/v1");
        await EvidenceForms.FinishVersionAsync(dana, raw, "Raw events", "v1");
        var silver = await EvidenceForms.StartVersionAsync(dana, "Customers", "v1", "s3://lake/silver/customers/v1", "Raw events v1 (Bronze)");
        await silver.GetByText("Record quality facts now").ClickAsync();
        await silver.GetByRole(AriaRole.Button, new() { Name = "Add check" }).ClickAsync();
        await silver.GetByLabel("Check 1", new() { Exact = true }).FillAsync("No duplicate customer ids");
        await silver.GetByText("Personal data (PII) removed").ClickAsync();
        await silver.GetByLabel("How it was removed", new() { Exact = true }).FillAsync("E-mail and phone dropped");
        await EvidenceForms.ChooseAsync(dana, silver, "Access granted to", "Data scientist", multiple: true);
        await EvidenceForms.FinishVersionAsync(dana, silver, "Customers", "v1");
        await Expect(dana.Locator("[data-dataset='Customers']").GetByTestId("version-quality")).ToContainTextAsync("Governed");
        foreach (var split in new[] { "churn_train", "churn_test" })
        {
            var dialog = await EvidenceForms.StartVersionAsync(dana, split, "v1", $"s3://lake/silver/{split}/v1", "Customers v1 (Silver)");
            await EvidenceForms.FinishVersionAsync(dana, dialog, split, "v1");
        }

        await Browser.ScreenshotAsync(dana, "journey-data-wide");

        // With the evidence in place the Data Development gate shows it met; Dana hands the curated version over.
        await Browser.FollowInAppAsync(dana, $"/projects/{board.Key}?gate=DataDevelopment");
        await Expect(dana.GetByTestId("gate-panel").GetByTestId("automatic-GovernedData")).ToHaveAttributeAsync("data-met", "true");
        await Expect(dana.GetByTestId("gate-panel").GetByTestId("automatic-TrainingAndTestSplits")).ToHaveAttributeAsync("data-met", "true");
        await App.FinishAsync(board.Key, "Data collection");
        var preprocessing = await App.MoveAsync(board.Key, "Data preprocessing", TaskMove.Start);
        foreach (var item in preprocessing.Checklist)
        {
            await App.SendAsync(new SetChecklistItemCommand(preprocessing.Id, item.Number, Done: true));
        }

        await Browser.FollowInAppAsync(dana, $"/projects/{board.Key}?task={preprocessing.Id}");
        await dana.GetByTestId("task-panel").GetByRole(AriaRole.Button, new() { Name = "Mark done" }).ClickAsync();
        var done = dana.GetByRole(AriaRole.Dialog);
        await done.GetByTestId("done-datasets").ClickAsync();
        await dana.GetByRole(AriaRole.Option, new() { Name = "Customers v1" }).ClickAsync();
        // A click beside the open list lands on its overlay and closes it (Escape would close the dialog).
        await done.GetByText("Finish: Data preprocessing").ClickAsync(new() { Force = true });
        await Expect(dana.GetByRole(AriaRole.Option, new() { Name = "Customers v1" })).ToBeHiddenAsync();
        await done.GetByRole(AriaRole.Button, new() { Name = "Mark done" }).ClickAsync();
        await Expect(dana.GetByTestId("task-panel").GetByTestId("task-status")).ToHaveTextAsync("Done");

        // The gate passes on that evidence (its other tasks and manual criteria done by the lead).
        await App.PassGateAsync(board.Key, PhaseKind.DataDevelopment, scientist);

        // Sara finds the handed-over version in My work, then sets the target and registers a version that misses it.
        var sara = await OpenAsync(Browser.Wide);
        await Browser.SignInAsync(sara, scientist);
        var handoff = sara.GetByTestId("handoff-item").Filter(new() { HasText = "Feature engineering" });
        await Expect(handoff.GetByRole(AriaRole.Link, new() { Name = "Dataset version Customers v1" })).ToHaveAttributeAsync("href", $"/projects/{board.Key}/data");
        await App.FinishRequiredTasksAsync(board.Key, PhaseKind.ModelDevelopment);
        await Browser.FollowInAppAsync(sara, $"/projects/{board.Key}/models");
        await sara.GetByRole(AriaRole.Button, new() { Name = "Set target" }).ClickAsync();
        var target = sara.GetByRole(AriaRole.Dialog);
        await target.GetByLabel("Metric").FillAsync("recall");
        await target.GetByLabel("Threshold").FillAsync("0.8");
        await target.GetByRole(AriaRole.Button, new() { Name = "Save target" }).ClickAsync();
        await Expect(sara.GetByTestId("target")).ToHaveTextAsync("recall on the test (hold-out) split ≥ 0.8");
        await EvidenceForms.RegisterModelAsync(sara, "Churn model", "v1", "0.72", "churn_train v1", "churn_test v1");

        // The Model Development gate stays locked and says why.
        await Browser.FollowInAppAsync(sara, $"/projects/{board.Key}?gate=ModelDevelopment");
        var gate = sara.GetByTestId("gate-panel");
        var submit = gate.GetByRole(AriaRole.Button, new() { Name = "Submit gate" });
        await Expect(gate.GetByTestId("automatic-ModelMeetsTargets")).ToHaveAttributeAsync("data-met", "false");
        await Expect(gate.GetByTestId("gate-submit-why")).ToContainTextAsync("a model version evaluated on the hold-out split meets every metric target");
        await Expect(submit).ToBeDisabledAsync();

        // The second version meets the target: the gate opens and Sara submits it.
        await Browser.FollowInAppAsync(sara, $"/projects/{board.Key}/models");
        await EvidenceForms.RegisterModelAsync(sara, "Churn model", "v2", "0.84", "churn_train v1", "churn_test v1");
        await Expect(sara.GetByTestId("model-versions").Locator("tbody tr").Filter(new() { HasText = "Churn model v2" }).GetByTestId("meets-targets")).ToBeVisibleAsync();
        await Browser.FollowInAppAsync(sara, $"/projects/{board.Key}?gate=ModelDevelopment");
        await Expect(gate.GetByTestId("automatic-ModelMeetsTargets")).ToHaveAttributeAsync("data-met", "true");
        await Expect(submit).ToBeEnabledAsync();
        await submit.ClickAsync();
        await Expect(sara.GetByTestId("phase-ModelDevelopment").GetByTestId("gate-state")).ToHaveTextAsync("Gate: awaiting decision");

        // The lineage shows the chain from the raw events to the model that met the target.
        await Browser.FollowInAppAsync(sara, $"/projects/{board.Key}/lineage");
        await Expect(sara.Locator("[data-testid=lineage-edge][data-from='Raw events v1'][data-to='Customers v1']")).ToBeAttachedAsync();
        await sara.Locator("[data-testid=lineage-node][data-node='Churn model v2']").ClickAsync();
        await Expect(sara.GetByTestId("lineage-upstream")).ToContainTextAsync("Raw events v1");
        await Expect(sara.GetByTestId("lineage-upstream")).ToContainTextAsync("Customers v1");
        await Expect(sara.GetByTestId("lineage-upstream")).ToContainTextAsync("churn_test v1");
        await Browser.ScreenshotAsync(sara, "journey-lineage-wide");

        var phone = await OpenAsync(Browser.Narrow);
        await Browser.SignInAsync(phone, scientist, $"/projects/{board.Key}/lineage");
        await phone.GetByRole(AriaRole.Tab, new() { Name = "List" }).ClickAsync();
        await phone.GetByTestId("lineage-list-item").Filter(new() { HasText = "Raw events v1" }).ClickAsync();
        await Expect(phone.GetByTestId("lineage-downstream")).ToContainTextAsync("Churn model v2");
        await Browser.ScreenshotAsync(phone, "journey-lineage-narrow");
        await Browser.FollowInAppAsync(phone, $"/projects/{board.Key}/models");
        await Expect(phone.GetByTestId("chart-recall-Test").GetByTestId("chart-point")).ToHaveCountAsync(2);
        await Browser.ScreenshotAsync(phone, "journey-models-narrow");
    }
}
