using DsProcess.Application.Teams.Commands.RemoveMember;
using DsProcess.Domain.Projects;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DsProcess.Web.Tests;

/// <summary>A project page the application refuses is a friendly page with its status code, never a server error.</summary>
public sealed class ProjectRefusalTests(ServedAppFixture app, Browser browser) : BrowserTests(app, browser)
{
    [Fact]
    public async Task Someone_not_on_the_team_gets_a_403_page_for_the_board_team_timeline_and_gate()
    {
        var board = await App.CreateProjectAsync(name: "Private forecast");
        var outsider = await App.CreatePersonAsync("Otto Outsider");
        var page = await OpenAsync(Browser.Wide);
        await Browser.SignInAsync(page, outsider, "/projects");

        foreach (var path in ProjectPages(board.Key))
        {
            var response = await Browser.GoToAsync(page, path);

            Assert.Equal(403, response.Status);
            var html = await response.TextAsync();
            Assert.Contains($"You cannot open {board.Key}", html, StringComparison.Ordinal);
            Assert.DoesNotContain("Private forecast", html, StringComparison.Ordinal);
            await Expect(Refused(page, board.Key)).ToBeVisibleAsync();
            await Expect(page.GetByTestId("project-refusal")).ToContainTextAsync("You are not on this project's team.");
        }

        await Browser.ScreenshotAsync(page, "refused-not-on-team-wide");
        var phone = await OpenAsync(Browser.Narrow);
        await Browser.SignInAsync(phone, outsider, $"/projects/{board.Key}/team");
        await Expect(Refused(phone, board.Key)).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(phone, "refused-not-on-team-narrow");
    }

    [Fact]
    public async Task A_key_no_project_has_gets_a_404_page_for_the_board_team_timeline_and_gate()
    {
        var page = await OpenAsync(Browser.Wide);
        await Browser.SignInAsync(page, App.Lead, "/projects");

        foreach (var path in ProjectPages("NOSUCH"))
        {
            var response = await Browser.GoToAsync(page, path);

            Assert.Equal(404, response.Status);
            Assert.Contains("That page does not exist", await response.TextAsync(), StringComparison.Ordinal);
            await Expect(NotFound(page)).ToBeVisibleAsync();
        }

        await Browser.ScreenshotAsync(page, "refused-no-such-project-wide");
        var phone = await OpenAsync(Browser.Narrow);
        await Browser.SignInAsync(phone, App.Lead, "/projects/NOSUCH");
        await Expect(NotFound(phone)).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(phone, "refused-no-such-project-narrow");
    }

    [Fact]
    public async Task Inside_the_open_app_a_refused_project_page_shows_its_message_and_the_app_keeps_working()
    {
        var board = await App.CreateProjectAsync(name: "Private pricing");
        var outsider = await App.CreatePersonAsync("Olga Outsider");
        var page = await OpenAsync(Browser.Wide);
        await Browser.SignInAsync(page, outsider, "/my-work");
        // A page load would start a new document and lose this mark.
        await page.EvaluateAsync("() => window.sameDocument = true");

        foreach (var path in ProjectPages(board.Key))
        {
            // From a page without the message, so each one shown is the new page's own.
            await Browser.FollowInAppAsync(page, "/my-work");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My work" })).ToBeVisibleAsync();
            await Browser.FollowInAppAsync(page, path);
            await Expect(Refused(page, board.Key)).ToBeVisibleAsync();
        }

        await Browser.FollowInAppAsync(page, "/projects/NOSUCH/timeline");
        await Expect(NotFound(page)).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Go to projects" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Uri(App.BaseAddress, "/projects").ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Projects", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("project-refusal")).ToHaveCountAsync(0);
        Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === true"));
    }

    [Fact]
    public async Task A_member_taken_off_the_team_sees_the_open_board_turn_into_the_refusal()
    {
        var board = await App.CreateProjectAsync(name: "Shrinking team");
        var engineer = await App.CreateMemberAsync(board.Id, "Rita Removed", ProjectRole.DataEngineer);
        var page = await OpenAsync(Browser.Wide);
        await Browser.SignInAsync(page, engineer, $"/projects/{board.Key}");
        await Expect(page.GetByTestId("task-card")).ToHaveCountAsync(21);

        await App.SendAsync(new RemoveMemberCommand(board.Id, engineer.Id));

        await Expect(Refused(page, board.Key)).ToBeVisibleAsync();
        await Expect(page.GetByTestId("task-card")).ToHaveCountAsync(0);
    }

    private static string[] ProjectPages(string key) =>
        [$"/projects/{key}", $"/projects/{key}/team", $"/projects/{key}/timeline", $"/projects/{key}?gate=DataDevelopment", $"/projects/{key}/data", $"/projects/{key}/lineage", $"/projects/{key}/models"];

    private static ILocator Refused(IPage page, string key) =>
        page.GetByRole(AriaRole.Heading, new() { Name = $"You cannot open {key}" });

    private static ILocator NotFound(IPage page) =>
        page.GetByRole(AriaRole.Heading, new() { Name = "That page does not exist" });
}
