using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using MudBlazor;

namespace DsProcess.Web.Components.Shared;

/// <summary>
/// MudBlazor's look in plain HTML, for what a page shows many times (task cards, chips, icons): each MudBlazor
/// component is a component the server keeps per open tab and diffs on every render, while this markup is
/// only a few frames of the component that shows it. The classes are MudBlazor's, so the look stays the same.
/// Keep MudBlazor components where they bring behaviour (menus, dialogs, drawers, form fields).
/// </summary>
internal static class Html
{
    /// <summary>An icon as MudIcon renders it: MudBlazor's icon constants are the SVG's inner markup.</summary>
    public static RenderFragment Icon(string icon, string size = "small", string? css = null, string? style = null) => b =>
    {
        b.OpenElement(0, "svg");
        b.AddAttribute(1, "class", css is null ? $"mud-icon-root mud-svg-icon mud-icon-size-{size}" : $"mud-icon-root mud-svg-icon {css} mud-icon-size-{size}");
        b.AddAttribute(2, "style", style);
        b.AddAttribute(3, "focusable", "false");
        b.AddAttribute(4, "viewBox", "0 0 24 24");
        b.AddAttribute(5, "aria-hidden", "true");
        b.AddMarkupContent(6, icon);
        b.CloseElement();
    };

    /// <summary>A small chip as MudChip renders it (not clickable).</summary>
    public static RenderFragment Chip(string? text, Color color, Variant variant, string? icon = null, string? testId = null) => b =>
    {
        b.OpenElement(0, "div");
        b.AddAttribute(1, "class", "mud-chip-container");
        b.OpenElement(2, "div");
        b.AddAttribute(3, "class", $"mud-chip mud-chip-{Name(variant)} mud-chip-size-small mud-chip-color-{Name(color)}");
        b.AddAttribute(4, "data-testid", testId);
        if (icon is not null)
        {
            b.AddContent(5, Icon(icon, css: "mud-chip-icon"));
        }

        b.OpenElement(6, "span");
        b.AddAttribute(7, "class", "mud-chip-content");
        b.AddContent(8, text);
        b.CloseElement();
        b.CloseElement();
        b.CloseElement();
    };

    /// <summary>A thin progress bar as MudProgressLinear renders it.</summary>
    public static RenderFragment Progress(int percent, string label, string size = "small", string? testId = null) => b =>
    {
        b.OpenElement(0, "div");
        b.AddAttribute(1, "role", "progressbar");
        b.AddAttribute(2, "aria-valuenow", percent);
        b.AddAttribute(3, "aria-valuemin", "0");
        b.AddAttribute(4, "aria-valuemax", "100");
        b.AddAttribute(5, "aria-label", label);
        b.AddAttribute(6, "data-testid", testId);
        b.AddAttribute(7, "class", $"mud-progress-linear mud-progress-linear-rounded mud-progress-linear-{size} mud-progress-linear-color-success mud-progress-linear-background horizontal");
        b.OpenElement(8, "div");
        b.AddAttribute(9, "class", "mud-progress-linear-bars mud-flip-x-rtl");
        b.OpenElement(10, "div");
        b.AddAttribute(11, "class", "mud-progress-linear-bar");
        b.AddAttribute(12, "style", $"transform: translateX(-{100 - Math.Clamp(percent, 0, 100)}%);");
        b.CloseElement();
        b.CloseElement();
        b.CloseElement();
    };

    /// <summary>A link styled as a small outlined MudButton with a start icon.</summary>
    public static RenderFragment LinkButton(string href, string text, string icon, string? testId = null) => b =>
    {
        b.OpenElement(0, "a");
        b.AddAttribute(1, "class", "mud-button-root mud-button mud-button-outlined mud-button-outlined-default mud-button-outlined-size-small mud-ripple");
        b.AddAttribute(2, "href", href);
        b.AddAttribute(3, "data-testid", testId);
        b.OpenElement(4, "span");
        b.AddAttribute(5, "class", "mud-button-label");
        b.OpenElement(6, "span");
        b.AddAttribute(7, "class", "mud-button-icon-start mud-button-icon-size-small");
        b.AddContent(8, Icon(icon));
        b.CloseElement();
        b.AddContent(9, text);
        b.CloseElement();
        b.CloseElement();
    };

    private static string Name(Color color) => color.ToString().ToLowerInvariant();

    private static string Name(Variant variant) => variant.ToString().ToLowerInvariant();
}
