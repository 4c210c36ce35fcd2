using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DsProcess.Web.Tests;

public sealed class ProjectSettingsBrowserTests(ServedAppFixture app, Browser browser) : BrowserTests(app, browser)
{
    [Fact]
    public async Task A_lead_previews_a_replan_puts_the_project_on_hold_with_a_reason_and_the_dashboard_shows_it_on_hold()
    {
        var board = await App.CreateProjectAsync(name: "Paused forecast", withEvidence: false);
        var page = await OpenAsync(Browser.Wide);
        await Browser.SignInAsync(page, App.Lead, $"/projects/{board.Key}");

        await page.GetByTestId("settings-link").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Paused forecast: settings" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("project-status")).ToHaveTextAsync("Active");

        var newTarget = board.TargetDate.AddDays(14);
        var date = page.GetByLabel("New target date");
        await date.FillAsync(newTarget.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await date.PressAsync("Tab");
        await page.GetByTestId("replan-preview").ClickAsync();
        await Expect(page.GetByTestId("replan-summary")).ToContainTextAsync("move 14 day(s) later");
        await Expect(page.GetByTestId("replan-table")).ToContainTextAsync("Data collection");
        await Browser.ScreenshotAsync(page, "settings-wide");

        await page.GetByTestId("put-on-hold").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Put on hold" }).ClickAsync();
        await Expect(dialog).ToContainTextAsync("A reason is required.");
        await dialog.GetByLabel("Why is it paused?").FillAsync("Waiting for the data-sharing contract");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Put on hold" }).ClickAsync();
        await Expect(page.GetByTestId("project-status")).ToHaveTextAsync("On hold");
        await Expect(page.GetByTestId("status-banner")).ToContainTextAsync("On hold: Waiting for the data-sharing contract");
        await Expect(page.GetByTestId("resume")).ToBeVisibleAsync();

        var phone = await OpenAsync(Browser.Narrow);
        await Browser.SignInAsync(phone, App.Lead, $"/projects/{board.Key}/settings");
        await Expect(phone.GetByTestId("status-banner")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(phone, "settings-narrow");

        await Browser.FollowInAppAsync(phone, $"/projects/{board.Key}");
        await Expect(phone.GetByTestId("status-banner")).ToContainTextAsync("On hold: Waiting for the data-sharing contract");
        await Browser.ScreenshotAsync(phone, "board-on-hold-narrow", fullPage: false);

        // The dashboard's read model follows the change feed in the background; refreshing it here keeps the test quick.
        await App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("SELECT dashboard_refresh_all()"));
        await Browser.FollowInAppAsync(page, "/dashboard");
        await Expect(page.GetByTestId("on-hold-count")).ToContainTextAsync("project(s) on hold");
        await page.GetByTestId("on-hold-count").GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("status=OnHold"));
        var drill = page.GetByTestId("drill-down");
        await Expect(drill.GetByRole(AriaRole.Link, new() { Name = board.Key })).ToBeVisibleAsync();
        await Expect(page.GetByTestId($"status-{board.Key}")).ToHaveTextAsync("On hold");
        await Browser.ScreenshotAsync(page, "dashboard-on-hold-wide");
    }
}
