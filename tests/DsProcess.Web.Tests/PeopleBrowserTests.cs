using DsProcess.Application.Tasks.Commands.AssignTask;
using DsProcess.Application.Tasks.Commands.ChangeTaskStatus;
using DsProcess.Application.Tasks.Commands.SetChecklistItem;
using DsProcess.Domain.People;
using DsProcess.Domain.Projects;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DsProcess.Web.Tests;

public sealed class PeopleBrowserTests(ServedAppFixture app, Browser browser) : BrowserTests(app, browser)
{
    [Fact]
    public async Task A_data_engineer_finishes_a_task_from_my_work()
    {
        var board = await App.CreateProjectAsync(name: "Demand forecast");
        var engineer = await App.CreateMemberAsync(board.Id, "Dan Engineer", ProjectRole.DataEngineer);
        var task = board.Tasks.Single(t => t.Title == "Data collection");
        await App.SendAsync(new AssignTaskCommand(task.Id, task.Version, engineer.Id));
        await App.MoveAsync(board.Key, "Data collection", TaskMove.Start);
        foreach (var checklistItem in task.Checklist)
        {
            await App.SendAsync(new SetChecklistItemCommand(task.Id, checklistItem.Number, Done: true), engineer);
        }

        var page = await OpenAsync(Browser.Wide);
        await Browser.SignInAsync(page, engineer);

        await Expect(page).ToHaveURLAsync(new Uri(App.BaseAddress, "/my-work").ToString());
        var item = page.GetByTestId("work-item").Filter(new() { HasText = "Data collection" });
        await Expect(item).ToContainTextAsync("In progress");
        await Expect(page.GetByTestId("work-item").Filter(new() { HasText = "Data preprocessing" })).ToContainTextAsync("Start");
        await Browser.ScreenshotAsync(page, "my-work-wide");

        await item.GetByRole(AriaRole.Button, new() { Name = "Done Data collection" }).ClickAsync();

        await Expect(page.GetByText("“Data collection” is done.")).ToBeVisibleAsync();
        await Expect(item).ToHaveCountAsync(0);
        Assert.Equal(ProjectTaskStatus.Done, (await App.TaskAsync(board.Key, "Data collection")).Status);

        var phone = await OpenAsync(Browser.Narrow);
        await Browser.SignInAsync(phone, engineer);
        await Expect(phone.GetByTestId("work-item").First).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(phone, "my-work-narrow");
    }

    [Fact]
    public async Task A_viewer_sees_the_board_but_no_action_buttons()
    {
        var board = await App.CreateProjectAsync(name: "Fraud detection");
        var viewer = await App.CreatePersonAsync("Vera Viewer", SystemRole.Viewer);
        var page = await OpenAsync(Browser.Wide);

        await Browser.SignInAsync(page, viewer, $"/projects/{board.Key}");

        await Expect(page.GetByTestId("task-card")).ToHaveCountAsync(21);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Complete phase" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Add task" })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Open task Data collection" }).ClickAsync();
        var panel = page.GetByTestId("task-panel");
        await Expect(panel.GetByText("Only the assignee, a data engineer or the team lead can change this task.")).ToBeVisibleAsync();
        await Expect(panel.GetByTestId("task-actions").GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        await Expect(panel.GetByRole(AriaRole.Button, new() { Name = "Save plan" })).ToHaveCountAsync(0);
        await Browser.ScreenshotAsync(page, "board-viewer-wide");
    }

    [Fact]
    public async Task Disabling_a_signed_in_user_signs_their_open_tab_out()
    {
        var board = await App.CreateProjectAsync(name: "Pricing");
        var engineer = await App.CreateMemberAsync(board.Id, "Deb Engineer", ProjectRole.DataEngineer);
        var admin = await App.CreatePersonAsync("Ada Admin", SystemRole.Admin);
        var page = await OpenAsync(Browser.Wide);
        await Browser.SignInAsync(page, engineer, $"/projects/{board.Key}");
        await Expect(page.GetByTestId("task-card")).ToHaveCountAsync(21);

        await App.SendAsync(new DsProcess.Application.People.Commands.SetUserEnabled.SetUserEnabledCommand(engineer.Id, Enabled: false), admin);

        // The tab re-checks its user every 2 seconds in tests; then it is sent to the sign-in page, and signing in is refused.
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"), new() { Timeout = 15_000 });
        await page.GetByLabel("E-mail").FillAsync(engineer.Email);
        await page.GetByLabel("Password").FillAsync(AppFixture.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You cannot sign in right now" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Signing_in_with_a_wrong_password_shows_an_error()
    {
        var person = await App.CreatePersonAsync("Wanda Wrong");
        var page = await OpenAsync(Browser.Narrow);

        await page.GotoAsync("/my-work");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"));
        await page.GetByLabel("E-mail").FillAsync(person.Email);
        await page.GetByLabel("Password").FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Wrong e-mail or password.");
        await Browser.ScreenshotAsync(page, "sign-in-error-narrow");
    }

    [Fact]
    public async Task A_lead_sees_the_team_with_roles_and_staffing()
    {
        var board = await App.CreateProjectAsync(name: "Churn");
        var sara = await App.CreateMemberAsync(board.Id, "Sara Scientist", ProjectRole.DataScientist, ProjectRole.DataEngineer);
        var page = await OpenAsync(Browser.Wide);

        await Browser.SignInAsync(page, App.Lead, $"/projects/{board.Key}/team");

        var table = page.GetByTestId("team-table");
        await Expect(table.GetByText("Sara Scientist")).ToBeVisibleAsync();
        await Expect(table.GetByText(sara.Email)).ToBeVisibleAsync();
        await Expect(table.GetByText("Data scientist")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("staffing-MLEngineer")).ToContainTextAsync("nobody holds this role");
        await Browser.ScreenshotAsync(page, "team-wide");

        var phone = await OpenAsync(Browser.Narrow);
        await Browser.SignInAsync(phone, App.Lead, $"/projects/{board.Key}/team");
        await Expect(phone.GetByTestId("team-table").GetByText("Sara Scientist")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(phone, "team-narrow");
    }

    [Fact]
    public async Task A_member_sees_the_team_by_name_without_e_mail_addresses()
    {
        var board = await App.CreateProjectAsync(name: "Names only");
        var engineer = await App.CreateMemberAsync(board.Id, "Nia Names", ProjectRole.DataEngineer);
        var page = await OpenAsync(Browser.Wide);

        await Browser.SignInAsync(page, engineer, $"/projects/{board.Key}/team");

        var table = page.GetByTestId("team-table");
        await Expect(table.GetByText("Nia Names")).ToBeVisibleAsync();
        await Expect(table.GetByText("Lea Lead")).ToBeVisibleAsync();
        await Expect(table.GetByText("@test.local")).ToHaveCountAsync(0);
        await Browser.ScreenshotAsync(page, "team-member-wide");

        var phone = await OpenAsync(Browser.Narrow);
        await Browser.SignInAsync(phone, engineer, $"/projects/{board.Key}/team");
        await Expect(phone.GetByTestId("team-table").GetByText("Nia Names")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(phone, "team-member-narrow");
    }
}
