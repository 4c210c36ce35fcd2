using System.Text.RegularExpressions;
using DsProcess.Domain.Common;
using DsProcess.Domain.Projects;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DsProcess.Web.Tests;

/// <summary>
/// Text far longer than a field allows never costs the user their circuit: the browser caps what is pasted or
/// typed (every field carries maxlength), and what a script pushes past that still reaches the server, whose
/// validator answers with the field's message.
/// </summary>
public sealed partial class LongInputBrowserTests(ServedAppFixture app, Browser browser) : BrowserTests(app, browser)
{
    [Fact]
    public async Task A_paste_far_longer_than_the_reason_allows_is_capped_and_the_task_is_blocked_with_it()
    {
        var board = await App.CreateProjectAsync();
        var page = await OpenAsync(Browser.Wide);
        await Browser.SignInAsync(page, App.Lead, $"/projects/{board.Key}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Open task Data collection" }).ClickAsync();
        var panel = page.GetByTestId("task-panel");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Block" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);

        // 100,000 characters as one insertion, the way a paste arrives: over three times SignalR's message limit.
        await dialog.GetByLabel("What is blocking it?").FillAsync(new string('x', 100_000));

        await Expect(dialog.GetByLabel("What is blocking it?")).ToHaveValueAsync(new string('x', Limits.Reason));
        await Expect(dialog.GetByText($"{Limits.Reason} / {Limits.Reason}")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "long-reason-capped-wide");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Block" }).ClickAsync();
        await Expect(panel.GetByTestId("task-status")).ToHaveTextAsync("Blocked");
        await Expect(panel.GetByTestId("status-reason")).ToContainTextAsync(new string('x', Limits.Reason));
        var blocked = await App.TaskAsync(board.Key, "Data collection");
        Assert.Equal((ProjectTaskStatus.Blocked, Limits.Reason), (blocked.Status, blocked.StatusReason?.Length));
    }

    [Fact]
    public async Task A_description_pushed_past_the_limit_by_a_script_gets_the_field_message_and_the_page_keeps_working()
    {
        var board = await App.CreateProjectAsync();
        var before = await App.TaskAsync(board.Key, "Data collection");
        var page = await OpenAsync(Browser.Narrow);
        await Browser.SignInAsync(page, App.Lead, $"/projects/{board.Key}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Open task Data collection" }).ClickAsync();
        var panel = page.GetByTestId("task-panel");
        var description = panel.GetByLabel("Description");
        await Expect(description).ToHaveAttributeAsync("maxlength", Limits.TaskDescription.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // Setting the value from script skips maxlength, as some autofill tools do. The change event carries the
        // value twice: 20,000 characters make a message of 40 KB, over SignalR's default limit of 32 KB.
        await description.EvaluateAsync(
            "(field, length) => { field.value = 'd'.repeat(length); for (const name of ['input', 'change']) field.dispatchEvent(new Event(name, { bubbles: true })); }",
            20_000);
        await panel.GetByRole(AriaRole.Button, new() { Name = "Save plan" }).ClickAsync();

        await Expect(panel.GetByText($"The description must be at most {Limits.TaskDescription} characters.")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "long-description-message-narrow");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
        await Expect(panel.GetByTestId("task-status")).ToHaveTextAsync("In progress");
        var task = await App.TaskAsync(board.Key, "Data collection");
        Assert.Equal(before.Description, task.Description);
    }

    [Fact]
    public void Every_text_field_has_a_maxlength_so_the_browser_caps_what_is_pasted()
    {
        var components = Path.Combine(Measurements.RepositoryRoot(), "src", "DsProcess.Web", "Components");
        var fields = Directory.EnumerateFiles(components, "*.razor", SearchOption.AllDirectories)
            .SelectMany(file => TextField().Matches(File.ReadAllText(file)).Select(m => (File: Path.GetFileName(file), Tag: m.Value)))
            .ToList();

        Assert.True(fields.Count >= 17, $"found only {fields.Count} text fields; has the markup changed?");
        Assert.All(fields, field => Assert.True(field.Tag.Contains("MaxLength=", StringComparison.Ordinal), $"{field.File}: {field.Tag}"));
    }

    // A MudTextField tag up to its end; quoted attribute values may hold '>' (lambdas).
    [GeneratedRegex("""<MudTextField\b(?:\s+[@\w:.-]+(?:="[^"]*")?)*\s*/?>""")]
    private static partial Regex TextField();
}
