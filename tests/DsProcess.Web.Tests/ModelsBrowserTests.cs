using DsProcess.Domain.Projects;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DsProcess.Web.Tests;

public sealed class ModelsBrowserTests(ServedAppFixture app, Browser browser) : BrowserTests(app, browser)
{
    [Fact]
    public async Task The_scientist_sets_a_target_registers_two_versions_and_sees_the_second_pass_in_the_table_and_above_the_target_line()
    {
        var board = await App.CreateProjectAsync(name: "Churn model", withEvidence: false);
        var scientist = await App.CreateMemberAsync(board.Id, "Sara Scientist", ProjectRole.DataScientist);
        await App.AddSplitsAsync(board.Id);
        var page = await OpenAsync(Browser.Wide);
        await Browser.SignInAsync(page, scientist, $"/projects/{board.Key}");

        await page.GetByRole(AriaRole.Link, new() { Name = "Models" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Churn model: models" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("model-versions")).ToContainTextAsync("No model versions yet");
        await Expect(page.GetByTestId("targets")).ToContainTextAsync("No targets yet");

        await page.GetByRole(AriaRole.Button, new() { Name = "Set target" }).ClickAsync();
        var targetDialog = page.GetByRole(AriaRole.Dialog);
        await targetDialog.GetByLabel("Metric").FillAsync("recall");
        await targetDialog.GetByLabel("Threshold").FillAsync("0.8");
        await targetDialog.GetByRole(AriaRole.Button, new() { Name = "Save target" }).ClickAsync();
        await Expect(page.GetByTestId("target")).ToHaveTextAsync("recall on the test (hold-out) split ≥ 0.8");

        await EvidenceForms.RegisterModelAsync(page, "Churn model", "v1", "0.72", "churn_train v1", "churn_test v1");
        var rows = page.GetByTestId("model-versions").Locator("tbody tr");
        var v1 = rows.Filter(new() { HasText = "Churn model v1" });
        await Expect(v1.GetByTestId("target-result")).ToHaveTextAsync("Not met");
        await Expect(v1.GetByTestId("meets-targets")).ToHaveCountAsync(0);

        await EvidenceForms.RegisterModelAsync(page, "Churn model", "v2", "0.84", "churn_train v1", "churn_test v1");
        var v2 = rows.Filter(new() { HasText = "Churn model v2" });
        await Expect(v2.GetByTestId("target-result")).ToHaveTextAsync("Met");
        await Expect(v2.GetByTestId("meets-targets")).ToBeVisibleAsync();
        // Newest first.
        await Expect(rows.First).ToContainTextAsync("Churn model v2");

        var chart = page.GetByTestId("chart-recall-Test");
        await Expect(chart.GetByTestId("target-line")).ToBeVisibleAsync();
        await Expect(chart.GetByTestId("target-line")).ToContainTextAsync("target ≥ 0.8");
        await Expect(chart.GetByTestId("chart-point")).ToHaveCountAsync(2);

        // Bad input is refused on its field: a metric without a value here, a label already used by the server.
        await page.GetByRole(AriaRole.Button, new() { Name = "Register model version" }).ClickAsync();
        var again = page.GetByRole(AriaRole.Dialog);
        await again.GetByLabel("Version", new() { Exact = true }).FillAsync("v2");
        await again.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await Expect(again.GetByTestId("metric-row")).ToContainTextAsync("The value must be a number.");
        await again.GetByTestId("metric-row").GetByLabel("Value", new() { Exact = true }).FillAsync("0.9");
        await again.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await Expect(again).ToContainTextAsync("This model already has a version with that label.");
        await again.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(2);

        // Opened afresh (without the messages of the changes), as the team sees it.
        await page.ReloadAsync();
        await Expect(page.GetByTestId("chart-recall-Test").GetByTestId("target-line")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "models-wide");

        var phone = await OpenAsync(Browser.Narrow);
        await Browser.SignInAsync(phone, scientist, $"/projects/{board.Key}/models");
        await Expect(phone.GetByTestId("chart-recall-Test").GetByTestId("target-line")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(phone, "models-narrow");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Register model version" }).ClickAsync();
        await Expect(phone.GetByRole(AriaRole.Dialog).GetByTestId("metric-row")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(phone, "models-register-narrow");
    }
}
