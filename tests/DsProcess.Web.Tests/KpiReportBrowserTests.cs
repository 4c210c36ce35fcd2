using System.Text;
using DsProcess.Application.Kpis.Commands.AddKpi;
using DsProcess.Application.Kpis.Commands.RecordKpiValue;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.People;
using DsProcess.Domain.Projects;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DsProcess.Web.Tests;

public sealed class KpiReportBrowserTests(ServedAppFixture app, Browser browser) : BrowserTests(app, browser)
{
    [Fact]
    public async Task The_lead_defines_a_kpi_records_a_value_and_downloads_the_report_as_markdown()
    {
        var board = await App.CreateProjectAsync(name: "Shelf availability");
        var page = await OpenAsync(Browser.Wide);
        await Browser.SignInAsync(page, App.Lead, $"/projects/{board.Key}");

        await page.GetByRole(AriaRole.Link, new() { Name = "KPIs" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Shelf availability: business KPIs" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("kpis-empty")).ToContainTextAsync("No business KPIs yet.");

        await page.GetByTestId("add-kpi").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save KPI" }).ClickAsync();
        await Expect(dialog).ToContainTextAsync("Name the KPI.");
        await dialog.GetByLabel("Name").FillAsync("Conversion rate");
        await dialog.GetByLabel("Unit").FillAsync("%");
        await dialog.GetByLabel("Baseline").FillAsync("3.2");
        await dialog.GetByLabel("Target").FillAsync("5");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save KPI" }).ClickAsync();
        var kpi = page.GetByTestId("kpi");
        await Expect(kpi).ToContainTextAsync("Conversion rate ≥ 5 % (baseline 3.2 %)");
        await Expect(kpi.GetByTestId("kpi-result")).ToHaveTextAsync("No value yet");

        await kpi.GetByTestId("record-value").ClickAsync();
        var record = page.GetByRole(AriaRole.Dialog);
        await record.GetByLabel("Value").FillAsync("5.4");
        await record.GetByLabel("Note").FillAsync("first full week");
        await record.GetByRole(AriaRole.Button, new() { Name = "Record value" }).ClickAsync();
        await Expect(kpi.GetByTestId("kpi-result")).ToHaveTextAsync("Met");
        await Expect(kpi.GetByTestId("kpi-point")).ToHaveCountAsync(1);
        await Expect(kpi.GetByTestId("kpi-target-line")).ToContainTextAsync("target ≥ 5");

        var monitor = await App.MonitoredAsync(board.Id);
        await App.SendAsync(OperationsScenario.Signals(monitor, (0.5, 30)));
        await Browser.FollowInAppAsync(page, $"/projects/{board.Key}");
        await page.GetByTestId("report-link").ClickAsync();
        await Expect(page.GetByTestId("project-report")).ToContainTextAsync("Shelf availability");
        await Expect(page.GetByTestId("report-kpi")).ToContainTextAsync("Conversion rate");
        await Expect(page.GetByTestId("report-deployment")).ToContainTextAsync("churn-gbm v1");
        await Expect(page.GetByTestId("report-deployment-row")).ToContainTextAsync(OperationsScenario.Endpoint);
        await Expect(page.GetByTestId("report-deployment-row")).ToContainTextAsync("Live");
        await Expect(page.GetByTestId("report-monitor")).ToContainTextAsync("accuracy ≥ 0.8");
        await Expect(page.GetByTestId("report-alert-counts")).ToHaveTextAsync("1 alert: 1 open, 0 recovered, 0 dismissed, 0 reworked.");
        await Expect(page.GetByTestId("report-alert")).ToContainTextAsync("0.5 vs accuracy ≥ 0.8");
        await Browser.ScreenshotAsync(page, "report-wide");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("report-markdown").ClickAsync());
        Assert.Equal($"{board.Key}-report-{DateTime.UtcNow:yyyy-MM-dd}.md", download.SuggestedFilename);
        var markdown = await File.ReadAllTextAsync(await download.PathAsync(), Encoding.UTF8);
        Assert.StartsWith($"# Shelf availability ({board.Key})", markdown, StringComparison.Ordinal);
        Assert.Contains("| Conversion rate | 3.2 % | ≥ 5 % | 5.4 % |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Model performance on churn-gbm v1 | Critical | 0.5 vs accuracy ≥ 0.8 | Open |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_markdown_export_is_markdown_for_readers_403_for_outsiders_and_404_for_an_unknown_key()
    {
        var board = await App.CreateProjectAsync(name: "Demand forecast");
        var id = await App.SendAsync(new AddKpiCommand(board.Id, "Stock-outs per week", null, 40, 25, TargetDirection.AtMost));
        await App.SendAsync(new RecordKpiValueCommand(id, 31, Note: "pilot stores"));
        var viewer = await App.CreatePersonAsync("Vic Viewer", SystemRole.Viewer);
        var outsider = await App.CreatePersonAsync("Otto Outsider");
        var address = $"/export/projects/{board.Key}/report.md";

        var page = await OpenAsync(Browser.Wide);
        await Browser.SignInAsync(page, viewer);
        var response = await page.APIRequest.GetAsync(address);
        Assert.Equal(200, response.Status);
        Assert.Equal("text/markdown; charset=utf-8", response.Headers["content-type"]);
        Assert.Contains($"filename={board.Key}-report-{DateTime.UtcNow:yyyy-MM-dd}.md", response.Headers["content-disposition"], StringComparison.Ordinal);
        var markdown = Encoding.UTF8.GetString(await response.BodyAsync());
        Assert.Contains("| Stock-outs per week | 40 | ≤ 25 | 31 |", markdown, StringComparison.Ordinal);
        Assert.Contains("not met", markdown, StringComparison.Ordinal);
        Assert.Equal(404, (await page.APIRequest.GetAsync("/export/projects/NOSUCH1/report.md")).Status);

        var other = await OpenAsync(Browser.Wide);
        await Browser.SignInAsync(other, outsider);
        Assert.Equal(403, (await other.APIRequest.GetAsync(address)).Status);
    }
}
