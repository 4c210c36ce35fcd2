using DsProcess.Domain.Projects;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DsProcess.Web.Tests;

/// <summary>
/// The database goes away under a served app with an open board (the app reaches it through a <see cref="TcpRelay"/>
/// that the test cuts) while another instance keeps working, and comes back.
/// </summary>
public sealed class DatabaseOutageBrowserTests(AppFixture other, Browser browser) : IClassFixture<AppFixture>, IAsyncLifetime
{
    // The change feed reconnects with a back-off of at most 10 seconds.
    private static readonly LocatorAssertionsToContainTextOptions AfterReconnect = new() { Timeout = 30_000 };

    private readonly LogEvents _logs = new();
    private TcpRelay? _relay;
    private DsProcessApp? _app;
    private IBrowserContext? _tab;

    public async ValueTask InitializeAsync()
    {
        _relay = TcpRelay.StartFor(other.ConnectionString);
        _app = new DsProcessApp(
            _relay.Through(other.ConnectionString),
            serveOverHttp: true,
            log: _logs);
        var page = await browser.OpenAsync(_app.BaseAddress, Browser.Wide);
        _tab = page.Context;
    }

    public async ValueTask DisposeAsync()
    {
        if (_tab is not null)
        {
            await _tab.CloseAsync();
        }

        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_relay is not null)
        {
            await _relay.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_outage_signs_nobody_out_says_the_database_is_unavailable_and_the_board_catches_up_after()
    {
        var board = await other.CreateProjectAsync();
        var page = _tab!.Pages[0];
        await Browser.SignInAsync(page, other.Lead, $"/projects/{board.Key}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Open task Data collection" }).ClickAsync();
        var panel = page.GetByTestId("task-panel");
        await Expect(panel.GetByTestId("task-status")).ToHaveTextAsync("Not started");

        _relay!.Cut();
        await panel.GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
        await Expect(page.GetByText("The database is unavailable right now")).ToBeVisibleAsync();

        // The start showed at once and was put back when it could not be saved; the board stays, as it was.
        await Expect(panel.GetByTestId("task-status")).ToHaveTextAsync("Not started");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Open task Data collection" })).ToContainTextAsync("Not started");
        await Browser.ScreenshotAsync(page, "database-unavailable-wide");
        Assert.Equal(ProjectTaskStatus.NotStarted, (await other.TaskAsync(board.Key, "Data collection")).Status);

        // The tab's user is re-checked during the outage and stays signed in; meanwhile another instance works on.
        await _logs.WaitForAsync("Could not re-check a signed-in user", TimeSpan.FromSeconds(20));
        await other.MoveAsync(board.Key, "Data preprocessing", TaskMove.Start);

        _relay.Restore();
        var preprocessing = page.GetByRole(AriaRole.Button, new() { Name = "Open task Data preprocessing" });
        await Expect(preprocessing).ToContainTextAsync("In progress", AfterReconnect);
        await panel.GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
        await Expect(panel.GetByTestId("task-status")).ToHaveTextAsync("In progress");
        await Expect(page).ToHaveURLAsync(new Uri(_app!.BaseAddress, $"/projects/{board.Key}").ToString());

        // The screen that stayed empty for a minute after a restart: the team page's person list.
        await page.GetByRole(AriaRole.Button, new() { Name = "Close task panel" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Team (1)" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add member" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog).GetByTestId("member-person")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_page_opened_during_an_outage_says_the_database_is_unavailable_with_503_and_loads_after_try_again()
    {
        var board = await other.CreateProjectAsync(name: "Opened in an outage");
        var page = _tab!.Pages[0];
        await Browser.SignInAsync(page, other.Lead, "/projects");

        _relay!.Cut();
        var response = await page.GotoAsync($"/projects/{board.Key}");
        Assert.Equal(503, response!.Status);
        var unavailable = page.GetByTestId("database-unavailable");
        await Expect(unavailable).ToContainTextAsync("The database is unavailable");
        await Expect(page).ToHaveURLAsync(new Uri(_app!.BaseAddress, $"/projects/{board.Key}").ToString());
        var export = await page.APIRequest.GetAsync($"/export/projects/{board.Key}/timeline.csv");
        Assert.Equal(503, export.Status);
        await Browser.ScreenshotAsync(page, "database-unavailable-page-wide");

        // Once the live page has met the outage too (the prerendered one was the first), the database comes back.
        await _logs.WaitForAsync($"projects/{board.Key}\": the database is unavailable", TimeSpan.FromSeconds(20), times: 2);
        _relay.Restore();
        await unavailable.GetByRole(AriaRole.Button, new() { Name = "Try again" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Opened in an outage" })).ToBeVisibleAsync();
    }
}
