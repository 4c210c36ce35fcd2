using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DsProcess.Web.Tests;

public sealed partial class SecurityBrowserTests(ServedAppFixture app, Browser browser) : BrowserTests(app, browser)
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

    [Fact]
    public async Task Signing_out_in_one_browser_signs_the_same_user_out_of_another()
    {
        var person = await App.CreatePersonAsync("Tess Twice");
        var laptop = await OpenAsync(Browser.Wide);
        var phone = await OpenAsync(Browser.Narrow);
        await Browser.SignInAsync(laptop, person);
        await Browser.SignInAsync(phone, person, "/my-work");
        await Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "My work" })).ToBeVisibleAsync();

        await laptop.GetByTestId("user-menu").ClickAsync();
        await laptop.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(laptop).ToHaveURLAsync(LoginPage());

        // The open tab re-checks its user every 2 seconds in tests, and its sign-in cookie is refused from then on.
        await Expect(phone).ToHaveURLAsync(LoginPage());
        await phone.GotoAsync("/my-work");
        await Expect(phone).ToHaveURLAsync(LoginPage());
        await Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Too_many_sign_in_attempts_show_a_page_that_says_when_to_try_again()
    {
        // The same app with a budget of two attempts per account.
        await using var strict = new DsProcessApp(App.ConnectionString, serveOverHttp: true, new Dictionary<string, string?>
        {
            ["DsProcess:Auth:AttemptsPerAccount"] = "2",
            ["DsProcess:Auth:AttemptWindow"] = "00:10:00",
        });
        var person = await App.CreatePersonAsync("Gus Guesser");
        var page = await OpenAsync(strict.BaseAddress, Browser.Narrow);
        await page.GotoAsync("/Account/Login");
        for (var i = 0; i < 2; i++)
        {
            await page.GetByLabel("E-mail").FillAsync(person.Email);
            await page.GetByLabel("Password").FillAsync($"guess-{i}");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Wrong e-mail or password.");
        }

        await page.GetByLabel("E-mail").FillAsync(person.Email);
        await page.GetByLabel("Password").FillAsync(AppFixture.Password);
        var response = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync(),
            r => r.Request.Method == "POST");

        Assert.Equal(429, response.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Too many attempts" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync(TryAgainIn());
        await Browser.ScreenshotAsync(page, "too-many-attempts-narrow");
        await page.SetViewportSizeAsync(Browser.Wide.Width, Browser.Wide.Height);
        await Browser.ScreenshotAsync(page, "too-many-attempts-wide");
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

    [GeneratedRegex("/Account/Login")]
    private static partial Regex LoginPage();

    [GeneratedRegex(@"Try again in (\d+ minutes|a minute)\.")]
    private static partial Regex TryAgainIn();
}
