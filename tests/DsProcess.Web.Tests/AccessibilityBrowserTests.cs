using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using DsProcess.Domain.People;
using DsProcess.Domain.Playbooks;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DsProcess.Web.Tests;

/// <summary>Every page scanned by axe-core in Chromium, in the light and the dark theme: no serious or critical violation.</summary>
public sealed class AccessibilityBrowserTests(ServedAppFixture app, Browser browser) : BrowserTests(app, browser)
{
    [Theory]
    [InlineData(ColorScheme.Light)]
    [InlineData(ColorScheme.Dark)]
    public async Task Every_page_passes_axe_without_serious_or_critical_violations(ColorScheme scheme)
    {
        var board = await App.CreateProjectAsync(name: $"Accessible churn {scheme}");
        var admin = await App.CreatePersonAsync("Ada Admin", SystemRole.Admin);
        var violations = new List<string>();

        var signedOut = await OpenAsync(Browser.Wide);
        await signedOut.EmulateMediaAsync(new() { ColorScheme = scheme });
        await signedOut.GotoAsync("/Account/Login");
        await ScanAsync(signedOut, "/Account/Login", violations);
        await signedOut.GotoAsync("/Account/Unsubscribe?token=forged");
        await ScanAsync(signedOut, "/Account/Unsubscribe", violations);

        var lead = await OpenAsync(Browser.Wide);
        await lead.EmulateMediaAsync(new() { ColorScheme = scheme });
        await Browser.SignInAsync(lead, App.Lead, "/my-work");
        string[] leadPages =
        [
            "/my-work", "/projects", $"/projects/{board.Key}", $"/projects/{board.Key}/team", $"/projects/{board.Key}/timeline",
            $"/projects/{board.Key}/data", $"/projects/{board.Key}/models", $"/projects/{board.Key}/lineage",
            $"/projects/{board.Key}/operations", $"/projects/{board.Key}/kpis", $"/projects/{board.Key}/report",
            $"/projects/{board.Key}/settings", $"/projects/{board.Key}/integrations", "/dashboard", "/profile", "/search?q=churn",
        ];
        foreach (var path in leadPages)
        {
            await Browser.FollowInAppAsync(lead, path);
            await ScanAsync(lead, path, violations);
        }

        // The board with a task's panel and a gate's panel open.
        await Browser.FollowInAppAsync(lead, $"/projects/{board.Key}");
        await lead.GetByRole(AriaRole.Button, new() { Name = "Open task Data collection" }).ClickAsync();
        await Expect(lead.GetByTestId("task-panel")).ToBeVisibleAsync();
        await ScanAsync(lead, "board with a task open", violations);

        var adminPage = await OpenAsync(Browser.Wide);
        await adminPage.EmulateMediaAsync(new() { ColorScheme = scheme });
        await Browser.SignInAsync(adminPage, admin, "/admin/users");
        foreach (var path in new[] { "/admin/users", "/admin/playbooks", $"/admin/playbooks/{DefaultPlaybook.Id}", "/admin/tokens" })
        {
            await Browser.FollowInAppAsync(adminPage, path);
            await ScanAsync(adminPage, path, violations);
        }

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    private static async Task ScanAsync(IPage page, string name, List<string> violations)
    {
        // The page's data first: a scan of the loading state would check little.
        await Expect(page.Locator(".mud-progress-indeterminate")).ToHaveCountAsync(0);
        var found = Serious(await page.RunAxe());
        if (found.Count > 0)
        {
            // A button enabled while axe ran (its section finished loading) is judged half disabled, half not: what is
            // still there on a second scan is the page's own.
            found = Serious(await page.RunAxe());
        }

        violations.AddRange(found.Select(v =>
            $"{name}: {v.Id} ({v.Impact}) {v.Help}: {string.Join(" | ", v.Nodes.Take(3).Select(n => $"{n.Html} [{n.Target}]"))}"));
    }

    private static List<AxeResultItem> Serious(AxeResult result) => [.. result.Violations.Where(v => v.Impact is "serious" or "critical")];
}
