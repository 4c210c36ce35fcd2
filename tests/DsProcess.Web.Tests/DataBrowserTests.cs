using DsProcess.Application.Evidence.Datasets.Commands.CreateDataset;
using DsProcess.Application.Evidence.Datasets.Commands.RegisterDatasetVersion;
using DsProcess.Application.Tasks.Commands.SetChecklistItem;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DsProcess.Web.Tests;

public sealed class DataBrowserTests(ServedAppFixture app, Browser browser) : BrowserTests(app, browser)
{
    [Fact]
    public async Task A_data_engineer_registers_bronze_then_governed_silver_and_the_lineage_shows_the_chain()
    {
        var board = await App.CreateProjectAsync(name: "Churn data", withEvidence: false);
        var engineer = await App.CreateMemberAsync(board.Id, "Dana Engineer", ProjectRole.DataEngineer);
        var page = await OpenAsync(Browser.Wide);
        await Browser.SignInAsync(page, engineer, $"/projects/{board.Key}/data");
        await Expect(page.GetByTestId("data-empty")).ToBeVisibleAsync();

        await EvidenceForms.CreateDatasetAsync(page, "Raw events");
        await EvidenceForms.CreateDatasetAsync(page, "Customers", "Silver", "Curated");

        // Bronze v1, from the raw landing zone.
        await page.GetByTestId("register-version").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        var label = await EvidenceForms.FocusedLabelAsync(dialog);
        await Browser.ScreenshotAsync(page, "data-register-version-opened-wide");
        await label.FillAsync("v1");
        await dialog.GetByLabel("Location", new() { Exact = true }).FillAsync("s3://lake/raw/events/v1");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Register version" }).ClickAsync();
        var raw = page.Locator("[data-dataset='Raw events']");
        await Expect(raw.GetByTestId("version-label")).ToContainTextAsync("v1");

        // Silver v1, derived from it, with a passing check, PII removed and access granted. A missing label is named on its field.
        await page.Locator("[data-dataset='Customers']").GetByRole(AriaRole.Button, new() { Name = "Register a version of Customers" }).ClickAsync();
        await EvidenceForms.FocusedLabelAsync(dialog);
        await dialog.GetByLabel("Location", new() { Exact = true }).FillAsync("s3://lake/silver/customers/v1");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Register version" }).ClickAsync();
        await Expect(dialog.GetByText("Give the version a label, such as v1 or 2026-06-01.")).ToBeVisibleAsync();
        await dialog.GetByLabel("Label", new() { Exact = true }).FillAsync("v1");
        await EvidenceForms.ChooseAsync(page, dialog, "Derived from", "Raw events v1 (Bronze)", multiple: true);
        await dialog.GetByText("Record quality facts now").ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add check" }).ClickAsync();
        await dialog.GetByLabel("Check 1", new() { Exact = true }).FillAsync("No duplicate customer ids");
        await dialog.GetByText("Personal data (PII) removed").ClickAsync();
        await dialog.GetByLabel("How it was removed", new() { Exact = true }).FillAsync("E-mail and phone dropped, names hashed");
        await EvidenceForms.ChooseAsync(page, dialog, "Access granted to", "Data scientist", multiple: true);
        await Browser.ScreenshotAsync(page, "data-register-version-wide");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Register version" }).ClickAsync();
        var customers = page.Locator("[data-dataset='Customers']");
        await Expect(customers.GetByTestId("version-quality")).ToContainTextAsync("Governed");
        await Expect(customers.GetByTestId("version-parents")).ToHaveTextAsync("Raw events v1");
        await Browser.ScreenshotAsync(page, "data-wide");

        // A training split and a model trained on it, so the picture reaches the models column.
        await AddSplitAndModelAsync(board.Id);

        await page.GetByRole(AriaRole.Link, new() { Name = "Lineage" }).ClickAsync();
        var edge = page.Locator("[data-testid=lineage-edge][data-from='Raw events v1'][data-to='Customers v1']");
        await Expect(edge).ToBeAttachedAsync();
        await page.Locator("[data-testid=lineage-node][data-node='Customers v1']").ClickAsync();
        await Expect(page.GetByTestId("lineage-upstream")).ToContainTextAsync("Raw events v1");
        await Expect(page.GetByTestId("lineage-downstream")).ToContainTextAsync("churn-gbm v1");
        await Expect(edge).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bup\b"));
        await Browser.ScreenshotAsync(page, "lineage-wide");

        var phone = await OpenAsync(Browser.Narrow);
        await Browser.SignInAsync(phone, engineer, $"/projects/{board.Key}/data");
        await Expect(phone.Locator("[data-dataset='Customers']").GetByTestId("version-quality")).ToContainTextAsync("Governed");
        await Browser.ScreenshotAsync(phone, "data-narrow");
        await Browser.FollowInAppAsync(phone, $"/projects/{board.Key}/lineage");
        await phone.GetByRole(AriaRole.Tab, new() { Name = "List" }).ClickAsync();
        await phone.GetByTestId("lineage-list-item").Filter(new() { HasText = "churn-gbm v1" }).ClickAsync();
        await Expect(phone.GetByTestId("lineage-upstream")).ToContainTextAsync("Raw events v1");
        await Browser.ScreenshotAsync(phone, "lineage-narrow");
    }

    [Fact]
    public async Task Finishing_a_data_task_offers_to_register_the_version_it_produced()
    {
        var board = await App.CreateProjectAsync(name: "Produced data", withEvidence: false);
        var engineer = await App.CreateMemberAsync(board.Id, "Dora Engineer", ProjectRole.DataEngineer);
        await App.SendAsync(new CreateDatasetCommand { ProjectId = board.Id, Name = "Raw orders", Layer = DataLayer.Bronze, Purpose = DatasetPurpose.Source });
        var task = await App.MoveAsync(board.Key, "Data collection", TaskMove.Start);
        foreach (var item in task.Checklist.Where(i => i.IsRequired))
        {
            await App.SendAsync(new SetChecklistItemCommand(task.Id, item.Number, Done: true));
        }

        var page = await OpenAsync(Browser.Wide);
        await Browser.SignInAsync(page, engineer, $"/projects/{board.Key}?task={task.Id}");
        var panel = page.GetByTestId("task-panel");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Mark done" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByText("Register the dataset version this produced").ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Mark done" }).ClickAsync();

        await Expect(panel.GetByTestId("task-status")).ToHaveTextAsync("Done");
        await Expect(dialog.GetByRole(AriaRole.Combobox, new() { Name = "Produced by task (optional)" })).ToMatchAriaSnapshotAsync("- combobox \"Produced by task (optional)\": Data collection");
        await (await EvidenceForms.FocusedLabelAsync(dialog)).FillAsync("2026-06-01");
        await dialog.GetByLabel("Location", new() { Exact = true }).FillAsync("s3://lake/raw/orders/2026-06-01");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Register version" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();

        await Browser.FollowInAppAsync(page, $"/projects/{board.Key}/data");
        await Expect(page.Locator("[data-dataset='Raw orders']").GetByRole(AriaRole.Cell, new() { Name = "Data collection" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Finishing_a_data_task_before_any_dataset_exists_leads_to_the_data_page()
    {
        var board = await App.CreateProjectAsync(name: "No data yet", withEvidence: false);
        var engineer = await App.CreateMemberAsync(board.Id, "Dino Engineer", ProjectRole.DataEngineer);
        var task = await App.MoveAsync(board.Key, "Data collection", TaskMove.Start);
        foreach (var item in task.Checklist.Where(i => i.IsRequired))
        {
            await App.SendAsync(new SetChecklistItemCommand(task.Id, item.Number, Done: true));
        }

        var page = await OpenAsync(Browser.Narrow);
        await Browser.SignInAsync(page, engineer, $"/projects/{board.Key}?task={task.Id}");
        await page.GetByTestId("task-panel").GetByRole(AriaRole.Button, new() { Name = "Mark done" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByText("Register the dataset version this produced").ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Mark done" }).ClickAsync();

        var none = page.GetByRole(AriaRole.Dialog).GetByTestId("no-datasets");
        await Expect(none).ToContainTextAsync("this project has none yet");
        await Browser.ScreenshotAsync(page, "register-without-datasets-narrow");
        await none.GetByRole(AriaRole.Link, new() { Name = "Create one on the Data page" }).ClickAsync();
        await Expect(page.GetByTestId("data-empty")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToBeHiddenAsync();
    }

    private async Task AddSplitAndModelAsync(Guid projectId)
    {
        var curated = await App.WithDbAsync(db => db.DatasetVersions.SingleAsync(v => v.ProjectId == projectId && v.Purpose == DatasetPurpose.Curated));
        var train = await App.SendAsync(new CreateDatasetCommand { ProjectId = projectId, Name = "Training split", Layer = DataLayer.Silver, Purpose = DatasetPurpose.TrainingSplit });
        var trainV1 = await App.SendAsync(new RegisterDatasetVersionCommand { DatasetId = train, Label = "v1", Location = "s3://lake/silver/train/v1", DerivedFrom = [curated.Id] });
        await App.WithDbAsync(async db =>
        {
            var trainedOn = await db.DatasetVersions.Where(v => v.Id == trainV1).ToListAsync();
            db.ModelVersions.Add(ModelVersion.Register(projectId, null, new ModelVersionFacts("churn-gbm", "v1", "gradient boosting", null, null), trainedOn, [], [], App.Lead.AsActor(), DateTimeOffset.UtcNow));
            return await db.SaveChangesAsync();
        });
    }
}
