using System.Text.RegularExpressions;
using DsProcess.Domain.Notifications;
using DsProcess.Domain.People;
using DsProcess.Domain.Projects;
using DsProcess.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DsProcess.Web.Tests;

/// <summary>What people use every day: the search box, keyboard shortcuts and dark mode, in Chromium.</summary>
public sealed class EverydayBrowserTests(ServedAppFixture app, Browser browser) : BrowserTests(app, browser)
{
    /// <summary>The page's background in the light and the dark palette (AppTheme).</summary>
    private const string LightBackground = "rgb(245, 246, 250)";
    private const string DarkBackground = "rgb(21, 23, 31)";

    [Fact]
    public async Task Slash_focuses_the_search_box_and_a_result_opens_the_task_it_found()
    {
        var board = await App.CreateProjectAsync(name: "Churn radar");
        var other = await App.CreateProjectAsync(name: "Churn elsewhere");
        var scientist = await App.CreateMemberAsync(board.Id, "Sam Scientist", ProjectRole.DataScientist);
        var page = await OpenAsync(Browser.Wide);
        await Browser.SignInAsync(page, scientist, "/projects");
        // The page's heading takes the focus once the circuit has drawn it (as after every navigation); "/" before
        // that would have the heading take it back from the box.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Projects", Level = 1 })).ToBeFocusedAsync();

        await page.Keyboard.PressAsync("/");
        var box = page.GetByRole(AriaRole.Searchbox, new() { Name = "Search projects, tasks, people, gate decisions, datasets and models" });
        await Expect(box).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("functional testing");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(new Regex(@"/search\?q=functional%20testing$"));
        var tasks = page.GetByTestId("search-group").Filter(new() { HasText = "Tasks" });
        await Expect(tasks.GetByTestId("search-result")).ToHaveCountAsync(1);
        await Expect(tasks).ToContainTextAsync($"{board.Key} Churn radar");
        await Expect(page.GetByText(other.Key)).ToHaveCountAsync(0);
        await Expect(box).ToHaveValueAsync("functional testing");
        await Browser.ScreenshotAsync(page, "search-wide");

        await tasks.GetByRole(AriaRole.Link, new() { Name = "Functional testing" }).ClickAsync();
        await Expect(page.GetByTestId("task-panel")).ToContainTextAsync("Functional testing");

        // Nothing found says so; on a phone the app bar offers the search page.
        var phone = await OpenAsync(Browser.Narrow);
        await Browser.SignInAsync(phone, scientist, "/projects");
        await phone.GetByRole(AriaRole.Link, new() { Name = "Search", Exact = true }).ClickAsync();
        await phone.GetByTestId("search-page-input").FillAsync("quantum teleportation");
        await phone.GetByTestId("search-page-input").PressAsync("Enter");
        await Expect(phone.GetByTestId("search-empty")).ToContainTextAsync("Nothing found for “quantum teleportation”");
        await phone.GetByTestId("search-page-input").FillAsync("churn");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(phone.GetByTestId("search-group").Filter(new() { HasText = "Projects" }).GetByTestId("search-result")).ToHaveCountAsync(1);
        await Browser.ScreenshotAsync(phone, "search-narrow");
    }

    [Fact]
    public async Task Shortcuts_move_between_pages_and_work_the_open_task_but_never_while_typing()
    {
        var board = await App.CreateProjectAsync(name: "Shortcut trial");
        var engineer = await App.CreateMemberAsync(board.Id, "Kim Keys", ProjectRole.DataEngineer);
        var page = await OpenAsync(Browser.Wide);
        await Browser.SignInAsync(page, engineer, $"/projects/{board.Key}/team");

        await page.Keyboard.PressAsync("?");
        var help = page.GetByRole(AriaRole.Dialog, new() { Name = "Keyboard shortcuts" });
        await Expect(help).ToBeVisibleAsync();
        await Expect(help).ToContainTextAsync("My work");
        await Browser.ScreenshotAsync(page, "shortcuts-wide", fullPage: false);
        await page.Keyboard.PressAsync("Escape");
        await Expect(help).ToBeHiddenAsync();

        await page.Keyboard.PressAsync("g");
        await page.Keyboard.PressAsync("b");
        await Expect(page).ToHaveURLAsync(new Uri(App.BaseAddress, $"/projects/{board.Key}").ToString());

        await page.GetByRole(AriaRole.Button, new() { Name = "Open task Data collection" }).ClickAsync();
        var panel = page.GetByTestId("task-panel");
        await Expect(panel.GetByTestId("task-status")).ToHaveTextAsync("Not started");
        await page.Keyboard.PressAsync("s");
        await Expect(panel.GetByTestId("task-status")).ToHaveTextAsync("In progress");
        await page.Keyboard.PressAsync("b");
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("What is blocking it?").FillAsync("Waiting for the warehouse credentials");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Block" }).ClickAsync();
        await Expect(panel.GetByTestId("task-status")).ToHaveTextAsync("Blocked");

        // Typed into a field, the same keys are only text.
        var search = page.GetByRole(AriaRole.Searchbox, new() { Name = "Search projects, tasks, people, gate decisions, datasets and models" });
        await search.FocusAsync();
        await page.Keyboard.TypeAsync("g w s");
        await Expect(search).ToHaveValueAsync("g w s");
        await Expect(page).ToHaveURLAsync(new Uri(App.BaseAddress, $"/projects/{board.Key}").ToString());

        await search.BlurAsync();
        await page.Keyboard.PressAsync("g");
        await page.Keyboard.PressAsync("w");
        await Expect(page).ToHaveURLAsync(new Uri(App.BaseAddress, "/my-work").ToString());
        Assert.Equal(ProjectTaskStatus.Blocked, (await App.TaskAsync(board.Key, "Data collection")).Status);
    }

    [Fact]
    public async Task The_app_follows_the_device_until_a_person_chooses_and_remembers_their_choice()
    {
        var board = await App.CreateProjectAsync(name: "Dark room");
        var person = await App.CreateMemberAsync(board.Id, "Nora Night", ProjectRole.DataScientist);
        var page = await OpenAsync(Browser.Wide);
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await Browser.SignInAsync(page, person, $"/projects/{board.Key}/models");

        var body = page.Locator("body");
        await Expect(body).ToHaveCSSAsync("background-color", DarkBackground);
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        await Expect(body).ToHaveCSSAsync("background-color", LightBackground);

        await page.GetByTestId("user-menu").ClickAsync();
        await page.GetByTestId("appearance-Dark").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Uri(App.BaseAddress, $"/projects/{board.Key}/models").ToString());
        await Expect(body).ToHaveCSSAsync("background-color", DarkBackground);
        await Expect(page.GetByTestId("chart-point").First).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "models-dark-wide");
        Assert.Equal(Appearance.Dark, await App.WithDbAsync(db => db.People.Where(p => p.Id == person.Id).Select(p => p.Appearance).SingleAsync()));

        // Remembered for the person: another device signing in gets it, whatever it is set to.
        var phone = await OpenAsync(Browser.Narrow);
        await phone.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        await Browser.SignInAsync(phone, person, $"/projects/{board.Key}");
        await Expect(phone.Locator("body")).ToHaveCSSAsync("background-color", DarkBackground);
        await Expect(phone.GetByTestId("task-card").First).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(phone, "board-dark-narrow");

        await page.GetByTestId("user-menu").ClickAsync();
        await Expect(page.GetByTestId("appearance-Dark")).ToHaveAttributeAsync("aria-pressed", "true");
        await page.GetByTestId("appearance-System").ClickAsync();
        await Expect(body).ToHaveCSSAsync("background-color", LightBackground);
    }

    [Fact]
    public async Task The_board_is_worked_from_the_keyboard_alone_with_a_visible_focus()
    {
        var board = await App.CreateProjectAsync(name: "Keyboard only");
        var page = await OpenAsync(Browser.Wide);
        await Browser.SignInAsync(page, App.Lead, $"/projects/{board.Key}");
        var card = page.GetByRole(AriaRole.Button, new() { Name = "Open task Data collection" });
        await Expect(card).ToBeVisibleAsync();

        // Tab moves focus in the browser alone (no round trip to the server), so each step can be read at once.
        await TabToAsync(page, "Open task Data collection");
        await Expect(card).ToBeFocusedAsync();
        await Expect(card).Not.ToHaveCSSAsync("box-shadow", "none");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("task-panel")).ToContainTextAsync("Data collection");
        await page.Keyboard.PressAsync("s");
        await Expect(page.GetByTestId("task-panel").GetByTestId("task-status")).ToHaveTextAsync("In progress");

        await page.GetByRole(AriaRole.Button, new() { Name = "Close task panel" }).PressAsync("Enter");
        await Expect(page.GetByTestId("task-panel")).ToBeHiddenAsync();
        await TabToAsync(page, "Open the Data Development gate");
        // The board may still redraw for the task just started (the change feed), which can take the focus with the old
        // button: Enter goes to the gate's button as it is now.
        await page.GetByRole(AriaRole.Button, new() { Name = "Open the Data Development gate" }).PressAsync("Enter");
        await Expect(page.GetByTestId("gate-panel")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_person_chooses_their_emails_on_the_profile_and_stops_one_kind_from_an_emails_link()
    {
        var person = await App.CreatePersonAsync("Elsa Email");
        var page = await OpenAsync(Browser.Wide);
        await Browser.SignInAsync(page, person, "/profile");

        var handoffs = page.GetByTestId("email-HandoffToYou");
        await Expect(handoffs.GetByRole(AriaRole.Radio, new() { Name = "At once" })).ToBeCheckedAsync();
        await page.GetByTestId("email-TaskAssigned").GetByText("In the app only").ClickAsync();
        await Expect(page.GetByText("“Tasks assigned to you”: in the app only.")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("email-TaskAssigned").GetByRole(AriaRole.Radio, new() { Name = "In the app only" })).ToBeCheckedAsync();
        await Browser.ScreenshotAsync(page, "profile-email-wide");

        // The link at the foot of an e-mail works signed out, and only once its button is pressed.
        var link = App.Services.GetRequiredService<UnsubscribeLinks>().For(person.Id, NotificationKind.HandoffToYou);
        var mail = await OpenAsync(Browser.Narrow);
        await mail.GotoAsync(new Uri(link).PathAndQuery);
        await Expect(mail.GetByText("Stop e-mails about “Work handed to you”?")).ToBeVisibleAsync();
        Assert.Equal(EmailChoice.Immediate, await ChoiceAsync(person.Id, NotificationKind.HandoffToYou));
        await mail.GetByRole(AriaRole.Button, new() { Name = "Stop these e-mails" }).ClickAsync();
        await Expect(mail.GetByRole(AriaRole.Alert)).ToContainTextAsync("“Work handed to you” now shows under the bell only");
        await Browser.ScreenshotAsync(mail, "unsubscribe-narrow");
        Assert.Equal(EmailChoice.InApp, await ChoiceAsync(person.Id, NotificationKind.HandoffToYou));

        await mail.GotoAsync("/Account/Unsubscribe?token=forged");
        await Expect(mail.GetByRole(AriaRole.Alert)).ToContainTextAsync("This link is not valid.");
    }

    private async Task<EmailChoice> ChoiceAsync(Guid personId, NotificationKind kind) =>
        await App.WithDbAsync(db => db.EmailPreferences.Where(p => p.PersonId == personId && p.Kind == kind).Select(p => (EmailChoice?)p.Choice).SingleOrDefaultAsync())
            ?? EmailChoices.Default(kind);

    private static async Task TabToAsync(IPage page, string name)
    {
        for (var i = 0; i < 80; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if ((await page.EvaluateAsync<string?>("() => document.activeElement?.textContent"))?.Contains(name, StringComparison.Ordinal) == true)
            {
                return;
            }
        }

        Assert.Fail($"Tab never reached \"{name}\".");
    }
}
