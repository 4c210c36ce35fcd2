using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DsProcess.Web.Tests;

/// <summary>The evidence dialogs (new dataset, dataset version, model version) filled in as a person does.</summary>
internal static class EvidenceForms
{
    /// <summary>On the Data page: a new dataset, with its layer and purpose when given (otherwise the defaults).</summary>
    public static async Task CreateDatasetAsync(IPage page, string name, string? layer = null, string? purpose = null)
    {
        await page.GetByTestId("new-dataset").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        if (layer is not null)
        {
            await ChooseAsync(page, dialog, "Layer", layer, multiple: false);
        }

        if (purpose is not null)
        {
            await ChooseAsync(page, dialog, "Purpose", purpose, multiple: false);
        }

        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create dataset" }).ClickAsync();
        await Expect(page.Locator($"[data-dataset='{name}']")).ToBeVisibleAsync();
    }

    /// <summary>On the Data page: opens the register dialog of a dataset and fills in the version's label, location and parent.</summary>
    public static async Task<ILocator> StartVersionAsync(IPage page, string dataset, string label, string location, string? derivedFrom = null)
    {
        await page.Locator($"[data-dataset='{dataset}']").GetByRole(AriaRole.Button, new() { Name = $"Register a version of {dataset}" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await (await FocusedLabelAsync(dialog)).FillAsync(label);
        await dialog.GetByLabel("Location", new() { Exact = true }).FillAsync(location);
        if (derivedFrom is not null)
        {
            await ChooseAsync(page, dialog, "Derived from", derivedFrom, multiple: true);
        }

        return dialog;
    }

    /// <summary>
    /// The version dialog's Label field, once the dialog has moved the focus there after it opened. Filling another
    /// field before that can lose the text to Label: the focus moves while the text goes in.
    /// </summary>
    public static async Task<ILocator> FocusedLabelAsync(ILocator dialog)
    {
        var label = dialog.GetByLabel("Label", new() { Exact = true });
        await Expect(label).ToBeFocusedAsync();
        return label;
    }

    /// <summary>Registers the version the dialog holds and waits for it on the page.</summary>
    public static async Task FinishVersionAsync(IPage page, ILocator dialog, string dataset, string label)
    {
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Register version" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(page.Locator($"[data-dataset='{dataset}']").GetByTestId("version-label").First).ToContainTextAsync(label);
    }

    /// <summary>Picks an option of a dialog's select; a multiple-choice list is closed with Escape, which MudBlazor keeps to the list.</summary>
    public static async Task ChooseAsync(IPage page, ILocator dialog, string label, string option, bool multiple)
    {
        await dialog.GetByLabel(label, new() { Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = option }).ClickAsync();
        if (multiple)
        {
            await page.Keyboard.PressAsync("Escape");
        }

        await Expect(dialog.GetByRole(AriaRole.Combobox, new() { Name = label, Exact = true })).ToMatchAriaSnapshotAsync($"- combobox \"{label}\": {option}");
    }

    /// <summary>On the Models page: registers a version with its recall on the test split (the metric row the target asks for).</summary>
    public static async Task RegisterModelAsync(IPage page, string name, string label, string recall, string trainedOn, string evaluatedOn)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Register model version" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Model name").FillAsync(name);
        await dialog.GetByLabel("Version", new() { Exact = true }).FillAsync(label);
        await ChooseVersionAsync(page, dialog.GetByTestId("model-trained-on"), trainedOn);
        await ChooseVersionAsync(page, dialog.GetByTestId("model-evaluated-on"), evaluatedOn);
        // The metric rows start with what the targets ask for.
        await Expect(dialog.GetByTestId("metric-row").GetByLabel("Metric", new() { Exact = true })).ToHaveValueAsync("recall");
        await dialog.GetByTestId("metric-row").GetByLabel("Value", new() { Exact = true }).FillAsync(recall);
        await Browser.ScreenshotAsync(page, $"models-register-{label}-wide");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
    }

    /// <summary>Picks one item of a multiple-choice list and closes the list with a click beside it, as a person does.</summary>
    private static async Task ChooseVersionAsync(IPage page, ILocator select, string item)
    {
        await select.ClickAsync();
        var open = page.Locator(".mud-popover-open");
        await open.GetByText(item).ClickAsync();
        await Expect(select).ToHaveValueAsync(item);
        // The list's transparent overlay takes the click wherever it lands; forced, because it covers the heading.
        await page.GetByRole(AriaRole.Dialog).GetByText("Register model version").ClickAsync(new() { Force = true });
        await Expect(select).ToHaveAttributeAsync("aria-expanded", "false");
    }
}
