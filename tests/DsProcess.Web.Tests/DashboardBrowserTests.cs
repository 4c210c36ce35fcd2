using DsProcess.Application.Projects.Commands.CreateProject;
using DsProcess.Domain.People;
using DsProcess.Domain.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DsProcess.Web.Tests;

public sealed class DashboardBrowserTests(ServedAppFixture app, Browser browser) : BrowserTests(app, browser)
{
    [Fact]
    public async Task A_viewer_lands_on_the_dashboard_sees_its_charts_and_clicks_through_to_the_projects_behind_a_number()
    {
        var blocked = await App.CreateProjectAsync(name: "Blocked forecast");
        await App.MoveAsync(blocked.Key, "Data collection", TaskMove.Block, "waiting for access");
        var quiet = await App.CreateProjectAsync(name: "Quiet churn");
        await App.PassGateAsync(quiet.Key, PhaseKind.DataDevelopment, await App.CreateMemberAsync(quiet.Id, "Sid Scientist", ProjectRole.DataScientist));
        await App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("SELECT dashboard_refresh_all(); SELECT dashboard_refresh_flow();"));
        var viewer = await App.CreatePersonAsync("Mia Manager", SystemRole.Viewer);
        var page = await OpenAsync(Browser.Wide);

        await Browser.SignInAsync(page, viewer);

        await Expect(page).ToHaveURLAsync(new Uri(App.BaseAddress, "/dashboard").ToString());
        await Expect(page.GetByTestId("phase-count-DataDevelopment")).ToHaveTextAsync("1");
        await Expect(page.GetByTestId("phase-count-ModelDevelopment")).ToHaveTextAsync("1");
        await Expect(page.Locator(".mud-chart svg").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("flow-table")).ToContainTextAsync("Data Development");
        await Browser.ScreenshotAsync(page, "dashboard-wide");

        await page.GetByRole(AriaRole.Button, new() { Name = "Blocked: 1. Show the list" }).ClickAsync();
        var drill = page.GetByTestId("drill-down");
        await Expect(drill).ToContainTextAsync("Blocked projects (1)");
        await Expect(drill.GetByRole(AriaRole.Link, new() { Name = blocked.Key })).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("health=Blocked"));

        await page.GetByTestId("period").GetByText("30 d").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("period=30"));
        await Expect(page.GetByText("all projects, last 30 days")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Clear filters" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Uri(App.BaseAddress, "/dashboard?period=30").ToString());
        await Expect(drill).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Link, new() { Name = "Model Development" }).ClickAsync();
        await Expect(drill).ToContainTextAsync("Projects in Model Development (1)");
        await drill.GetByRole(AriaRole.Link, new() { Name = quiet.Key }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Uri(App.BaseAddress, $"/projects/{quiet.Key}").ToString());

        var phone = await OpenAsync(Browser.Narrow);
        await Browser.SignInAsync(phone, viewer);
        await Expect(phone.GetByTestId("health-tiles")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(phone, "dashboard-narrow");
    }

    [Fact]
    public async Task Dashboard_tables_export_as_csv()
    {
        var viewer = await App.CreatePersonAsync("Eli Exporter", SystemRole.Viewer);
        var page = await OpenAsync(Browser.Wide);
        await Browser.SignInAsync(page, viewer);

        var response = await page.APIRequest.GetAsync("/export/dashboard/flow.csv?period=30");

        Assert.Equal(200, response.Status);
        Assert.StartsWith("text/csv", response.Headers["content-type"], StringComparison.Ordinal);
        var text = await response.TextAsync();
        Assert.StartsWith("phase,time_in_phase_median_days", text.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains("All phases", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_export_asked_for_with_values_the_dashboard_does_not_offer_answers_400_with_the_reason()
    {
        var viewer = await App.CreatePersonAsync("Una Unusual", SystemRole.Viewer);
        var page = await OpenAsync(Browser.Wide);
        await Browser.SignInAsync(page, viewer);

        var period = await page.APIRequest.GetAsync("/export/dashboard/flow.csv?period=13");
        var status = await page.APIRequest.GetAsync("/export/dashboard/projects.csv?status=99");

        Assert.Equal(400, period.Status);
        Assert.Contains("Choose a period of 7, 30, 90 or 365 days.", await period.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(400, status.Status);
        Assert.Contains("Choose a project status from the list.", await status.TextAsync(), StringComparison.Ordinal);
    }
}

/// <summary>A team lead's dashboard, on a database of its own (the viewer's test counts every project).</summary>
public sealed class TeamLeadDashboardBrowserTests(ServedAppFixture app, Browser browser) : BrowserTests(app, browser)
{
    [Fact]
    public async Task A_team_lead_sees_only_the_projects_whose_team_they_are_on()
    {
        var others = await App.CreateProjectAsync(name: "Someone else's");
        await App.MoveAsync(others.Key, "Data collection", TaskMove.Block, "no access");
        var tess = await App.CreatePersonAsync("Tess Lead", SystemRole.TeamLead);
        await App.SendAsync(new CreateProjectCommand { Name = "Tess's own", Key = Keys.Next("T"), TargetDate = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(200) }, tess);
        await App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("SELECT dashboard_refresh_all(); SELECT dashboard_refresh_flow();"));
        var page = await OpenAsync(Browser.Wide);

        await Browser.SignInAsync(page, tess, "/dashboard");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your projects", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("phase-count-DataDevelopment")).ToHaveTextAsync("1");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Blocked: 0. Show the list" })).ToBeVisibleAsync();
        await Expect(page.GetByText("your projects, last 90 days")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "dashboard-team-lead-wide");

        var phone = await OpenAsync(Browser.Narrow);
        await Browser.SignInAsync(phone, tess, "/dashboard");
        await Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Your projects", Exact = true })).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(phone, "dashboard-team-lead-narrow");
    }
}
