using System.Collections.Concurrent;
using DsProcess.Application.Gates.Commands.SubmitGate;
using DsProcess.Application.Teams.Queries.ProjectTeam;
using DsProcess.Domain.Projects;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Serilog.Core;
using Serilog.Events;
using static Microsoft.Playwright.Assertions;

namespace DsProcess.Web.Tests;

/// <summary>An error no page expects shows an apology in place of the page; the rest of the app keeps working.</summary>
public sealed class PageErrorTests(FaultyTeamPageApp app, Browser browser) : BrowserTests<FaultyTeamPageApp>(app, browser)
{
    [Fact]
    public async Task An_unexpected_error_in_a_page_shows_an_apology_and_the_app_keeps_working()
    {
        var board = await App.CreateProjectAsync(name: "Fragile team page");
        var engineer = await App.CreateMemberAsync(board.Id, "Eve Engineer", ProjectRole.DataEngineer);
        var team = $"/projects/{board.Key}/team";
        var page = await OpenAsync(Browser.Wide);
        await Browser.SignInAsync(page, App.Lead, $"/projects/{board.Key}");
        await Expect(page.GetByTestId("task-card")).ToHaveCountAsync(21);

        // Inside the open app: the team page fails, the layout around it does not.
        App.FailNextTeamQueries(1);
        await Browser.FollowInAppAsync(page, team);
        await Expect(Apology(page)).ToBeVisibleAsync();
        await Expect(page.GetByTestId("team-table")).ToHaveCountAsync(0);
        await Browser.ScreenshotAsync(page, "page-error-wide");

        // The bell still hears of a new notification, and following it leaves the failed page behind.
        await App.FinishRequiredTasksAsync(board.Key, PhaseKind.DataDevelopment);
        await App.SendAsync(new SubmitGateCommand(board.Id, PhaseKind.DataDevelopment), engineer);
        await Expect(page.GetByTestId("bell")).ToHaveTextAsync("Notifications, 1 unread");
        await page.GetByTestId("bell").ClickAsync();
        await page.GetByTestId("notifications").GetByText("Eve Engineer submitted the Data Development gate").ClickAsync();
        await Expect(page.GetByTestId("gate-panel")).ToBeVisibleAsync();
        await Expect(Apology(page)).ToHaveCountAsync(0);

        // "Try again" renders the same page again, in place.
        App.FailNextTeamQueries(1);
        await Browser.FollowInAppAsync(page, team);
        await Expect(Apology(page)).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Try again" }).ClickAsync();
        await Expect(page.GetByTestId("team-table").GetByText(App.Lead.Name, new() { Exact = true })).ToBeVisibleAsync();

        // On a first request the apology comes with a 500; the live page that follows loads again.
        App.FailNextTeamQueries(1);
        var response = await Browser.GoToAsync(page, team);
        Assert.Equal(500, response.Status);
        Assert.Contains("Sorry, this page ran into a problem", await response.TextAsync(), StringComparison.Ordinal);
        await Expect(page.GetByTestId("team-table").GetByText(App.Lead.Name, new() { Exact = true })).ToBeVisibleAsync();

        Assert.Equal(3, App.PageErrorsLogged);

        // The wide tab leaves the team page, so the next provoked failure can only meet the phone's.
        await Browser.FollowInAppAsync(page, $"/projects/{board.Key}");
        await Expect(page.GetByTestId("task-card")).ToHaveCountAsync(21);

        var phone = await OpenAsync(Browser.Narrow);
        await Browser.SignInAsync(phone, App.Lead, $"/projects/{board.Key}");
        App.FailNextTeamQueries(1);
        await Browser.FollowInAppAsync(phone, team);
        await Expect(Apology(phone)).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(phone, "page-error-narrow");
    }

    private static ILocator Apology(IPage page) =>
        page.GetByRole(AriaRole.Heading, new() { Name = "Sorry, this page ran into a problem" });
}

/// <summary>
/// The served app with a stand-in in the mediator pipeline that makes the team page's query throw an error no
/// page expects, as often as a test asks; it also counts the page errors the app logs.
/// </summary>
public sealed class FaultyTeamPageApp : AppFixture, ILogEventSink
{
    private const string PageErrorMessage = "Unexpected error while showing a page";

    private readonly ConcurrentQueue<LogEvent> _errors = new();
    private int _failuresLeft;

    protected override bool ServeOverHttp => true;

    public int PageErrorsLogged => _errors.Count(e => e.MessageTemplate.Text == PageErrorMessage);

    public void FailNextTeamQueries(int count) => Interlocked.Exchange(ref _failuresLeft, count);

    void ILogEventSink.Emit(LogEvent logEvent)
    {
        if (logEvent.Level >= LogEventLevel.Error)
        {
            _errors.Enqueue(logEvent);
        }
    }

    protected override void ConfigureServices(IServiceCollection services)
    {
        // Serilog writes to every sink registered as a service.
        services.AddSingleton<ILogEventSink>(this);
        services.AddSingleton(this);
        services.AddScoped<IPipelineBehavior<ProjectTeamQuery, ProjectTeamDto>, FailingTeamQuery>();
    }

    private bool TakeFailure() => Interlocked.Decrement(ref _failuresLeft) >= 0;

    private sealed class FailingTeamQuery(FaultyTeamPageApp app) : IPipelineBehavior<ProjectTeamQuery, ProjectTeamDto>
    {
        public ValueTask<ProjectTeamDto> Handle(
            ProjectTeamQuery message,
            MessageHandlerDelegate<ProjectTeamQuery, ProjectTeamDto> next,
            CancellationToken cancellationToken) =>
            app.TakeFailure() ? throw new InvalidOperationException("A failure the test provoked.") : next(message, cancellationToken);
    }
}
