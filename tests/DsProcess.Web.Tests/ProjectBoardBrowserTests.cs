using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DsProcess.Web.Tests;

public sealed class ProjectBoardBrowserTests(ServedAppFixture app, Browser browser) : BrowserTests(app, browser)
{
    [Fact]
    public async Task A_lead_creates_a_project_then_starts_and_finishes_its_first_task()
    {
        var page = await OpenAsync(Browser.Wide);
        var key = Keys.Next("WEB");

        await Browser.SignInAsync(page, App.Lead, "/projects");
        await page.GetByRole(AriaRole.Button, new() { Name = "New project" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Name").FillAsync("Customer churn prediction");
        // The server suggests a key from the name; typing the key before that suggestion is back would mix the two.
        var keyField = dialog.GetByLabel("Key");
        await Expect(keyField).ToHaveValueAsync("CCP");
        await keyField.FillAsync(key);
        await Expect(keyField).ToHaveValueAsync(key);
        await dialog.GetByLabel("Business objective").FillAsync("Call likely churners before they leave.");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create project" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Uri(App.BaseAddress, $"/projects/{key}").ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Customer churn prediction" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("project-progress-text")).ToHaveTextAsync("0%");
        await Expect(page.GetByTestId("task-card")).ToHaveCountAsync(21);

        await page.GetByRole(AriaRole.Button, new() { Name = "Open task Data collection" }).ClickAsync();
        var panel = page.GetByTestId("task-panel");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
        await Expect(panel.GetByTestId("task-status")).ToHaveTextAsync("In progress");

        // A box ticks itself in the browser at once; the count of ticked items comes back from the server once saved.
        var items = panel.GetByTestId("checklist").GetByRole(AriaRole.Checkbox);
        await Expect(items).ToHaveCountAsync(4);
        for (var i = 0; i < 4; i++)
        {
            await items.Nth(i).ClickAsync();
            await Expect(panel).ToContainTextAsync($"{i + 1} of 4 ticked");
            await Expect(items.Nth(i)).ToBeCheckedAsync();
        }

        await panel.GetByRole(AriaRole.Button, new() { Name = "Mark done" }).ClickAsync();
        var done = page.GetByRole(AriaRole.Dialog);
        await Expect(done).ToContainTextAsync("Leave a note and links to the evidence");
        await done.GetByLabel("Evidence links, one per line (optional)").FillAsync("https://lake.example.com/bronze/sales/v1");
        await done.GetByRole(AriaRole.Button, new() { Name = "Mark done" }).ClickAsync();
        await Expect(panel.GetByTestId("task-status")).ToHaveTextAsync("Done");
        await Expect(panel.GetByRole(AriaRole.Link, new() { Name = "https://lake.example.com/bronze/sales/v1" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("project-progress-text")).ToHaveTextAsync("4%");
        await Expect(page.GetByTestId("phase-DataDevelopment").GetByTestId("phase-progress")).ToHaveTextAsync("1/6");
        await Browser.ScreenshotAsync(page, "board-task-panel-wide");

        await panel.GetByRole(AriaRole.Button, new() { Name = "Close task panel" }).ClickAsync();
        await Expect(panel).ToBeHiddenAsync();
        await Browser.ScreenshotAsync(page, "board-wide");

        var phone = await OpenAsync(Browser.Narrow);
        await Browser.SignInAsync(phone, App.Lead, $"/projects/{key}");
        await Expect(phone.GetByTestId("project-progress-text")).ToHaveTextAsync("4%");
        await Browser.ScreenshotAsync(phone, "board-narrow");
        await Browser.GoToAsync(phone, "/projects");
        await Expect(phone.GetByText(key)).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(phone, "projects-narrow");
        await Browser.GoToAsync(page, "/projects");
        await Expect(page.GetByText(key)).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "projects-wide");
    }

    [Fact]
    public async Task The_new_project_form_shows_messages_next_to_the_fields_and_creates_nothing()
    {
        var page = await OpenAsync(Browser.Wide);
        await Browser.SignInAsync(page, App.Lead, "/projects");
        await page.GetByRole(AriaRole.Button, new() { Name = "New project" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);

        var keyField = dialog.GetByLabel("Key");
        await keyField.FillAsync("bad key!");
        await Expect(keyField).ToHaveValueAsync("BAD KEY!");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create project" }).ClickAsync();

        await Expect(dialog.GetByText("Give the project a name.")).ToBeVisibleAsync();
        await Expect(dialog.GetByText("Use 2–10 capital letters or digits, like CHURN.")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "new-project-errors-wide");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        Assert.Equal(0, (await App.SendAsync(new DsProcess.Application.Projects.Queries.ListProjects.ListProjectsQuery("BADKEY"))).TotalCount);
    }

    [Fact]
    public async Task An_unknown_page_gets_a_friendly_404_page()
    {
        var page = await OpenAsync(Browser.Wide);
        await Browser.SignInAsync(page, App.Lead, "/projects");

        var response = await Browser.GoToAsync(page, "/this/does/not/exist");

        Assert.Equal(404, response.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "That page does not exist" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_mistyped_task_link_opens_the_board_without_a_panel()
    {
        var board = await App.CreateProjectAsync(name: "Mistyped link");
        var page = await OpenAsync(Browser.Wide);
        await Browser.SignInAsync(page, App.Lead, "/projects");

        var response = await Browser.GoToAsync(page, $"/projects/{board.Key}?task=not-a-task");

        Assert.Equal(200, response.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mistyped link" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("task-card")).ToHaveCountAsync(21);
        await Expect(page.GetByTestId("task-panel")).ToHaveCountAsync(0);
    }
}
