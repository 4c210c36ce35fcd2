using System.Collections.Concurrent;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DsProcess.Web.Tests;

public sealed class SecurityBrowserTests(ServedAppFixture app, Browser browser) : BrowserTests(app, browser)
{
    [Fact]
    public async Task The_board_task_panel_dialogs_and_snackbars_work_under_the_content_security_policy()
    {
        var board = await App.CreateProjectAsync(name: "Policy check");
        var page = await OpenAsync(Browser.Wide);
        var violations = await RecordPolicyViolationsAsync(page);

        await Browser.SignInAsync(page, App.Lead, $"/projects/{board.Key}");
        await Expect(page.GetByTestId("task-card")).ToHaveCountAsync(21);
        await page.GetByRole(AriaRole.Button, new() { Name = "Open task Data collection" }).ClickAsync();
        var panel = page.GetByTestId("task-panel");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
        await Expect(panel.GetByTestId("task-status")).ToHaveTextAsync("In progress");

        await panel.GetByRole(AriaRole.Button, new() { Name = "Block" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("What is blocking it?").FillAsync("Waiting for access to the CRM");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Block" }).ClickAsync();
        await Expect(panel.GetByTestId("status-reason")).ToContainTextAsync("Waiting for access to the CRM");

        await panel.GetByLabel("Title").FillAsync("Data collection from the CRM");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Save plan" }).ClickAsync();
        await Expect(page.GetByText("Plan saved.")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "board-under-csp-wide");

        Assert.Empty(violations);
    }

    /// <summary>Collects what the browser reports about the Content-Security-Policy: its console errors and violation events.</summary>
    private static async Task<ConcurrentQueue<string>> RecordPolicyViolationsAsync(IPage page)
    {
        var violations = new ConcurrentQueue<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Enqueue(message.Text);
            }
        };
        await page.Context.AddInitScriptAsync("""
            document.addEventListener('securitypolicyviolation', e =>
                console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`));
            """);
        return violations;
    }

}
