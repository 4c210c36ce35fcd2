using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DsProcess.Web.Components.Shared;

/// <summary>
/// MudBlazor's look in plain HTML, for what a page shows many times (task cards, chips, icons): each MudBlazor
/// component is a component the server keeps per open tab and diffs on every render, while this markup is
/// only a few frames of the component that shows it. The classes are MudBlazor's, so the look stays the same.
/// Keep MudBlazor components where they bring behaviour (menus, dialogs, drawers, form fields).
/// An open tab keeps what its page rendered, so what many tabs show alike is made once and shared: icons are one
/// markup string each, and class lists come from <see cref="Shared"/>.
/// </summary>
internal static class Html
{
    private static readonly ConcurrentDictionary<(string Icon, string Size, string? Css, string? Style), MarkupString> IconMarkup = new();

    private static readonly ConcurrentDictionary<string, string> Strings = new(StringComparer.Ordinal);

    /// <summary>
    /// One shared copy of a string from a small, fixed set (a class list built from enum values): every open tab
    /// then holds a reference to it instead of a copy of its own.
    /// </summary>
    public static string Shared(string text) => Strings.GetOrAdd(text, text);

    /// <summary>An icon as MudIcon renders it (MudBlazor's icon constants are the SVG's inner markup), made once per look.</summary>
    public static MarkupString Icon(string icon, string size = "small", string? css = null, string? style = null) =>
        IconMarkup.GetOrAdd((icon, size, css, style), static key =>
        {
            var (svg, size, css, style) = key;
            var classes = css is null ? $"mud-icon-root mud-svg-icon mud-icon-size-{size}" : $"mud-icon-root mud-svg-icon {css} mud-icon-size-{size}";
            var styled = style is null ? "" : $" style=\"{Encode(style)}\"";
            return new MarkupString($"<svg class=\"{classes}\"{styled} focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\">{svg}</svg>");
        });

    /// <summary>A small chip as MudChip renders it (not clickable), as one markup string.</summary>
    public static MarkupString Chip(string? text, Color color, Variant variant, string? icon = null, string? testId = null)
    {
        var classes = $"mud-chip mud-chip-{Name(variant)} mud-chip-size-small mud-chip-color-{Name(color)}";
        var test = testId is null ? "" : $" data-testid=\"{Encode(testId)}\"";
        var start = icon is null ? "" : Icon(icon, css: "mud-chip-icon").Value;
        return new MarkupString($"<div class=\"mud-chip-container\"><div class=\"{classes}\"{test}>{start}<span class=\"mud-chip-content\">{Encode(text)}</span></div></div>");
    }

    /// <summary>
    /// Markup for each value of an enum (a status chip, a role with its icon), made once: every card or column that
    /// shows a value holds a reference to the same string.
    /// </summary>
    public static FrozenDictionary<T, MarkupString> PerValue<T>(Func<T, MarkupString> markup)
        where T : struct, Enum =>
        Enum.GetValues<T>().ToFrozenDictionary(value => value, markup);

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
        b.AddAttribute(7, "class", Shared($"mud-progress-linear mud-progress-linear-rounded mud-progress-linear-{size} mud-progress-linear-color-success mud-progress-linear-background horizontal"));
        b.OpenElement(8, "div");
        b.AddAttribute(9, "class", "mud-progress-linear-bars mud-flip-x-rtl");
        b.OpenElement(10, "div");
        b.AddAttribute(11, "class", "mud-progress-linear-bar");
        b.AddAttribute(12, "style", Shared($"transform: translateX(-{100 - Math.Clamp(percent, 0, 100)}%);"));
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

    private static string Encode(string? text) => text is null ? "" : HtmlEncoder.Default.Encode(text);

    private static string Name(Color color) => color.ToString().ToLowerInvariant();

    private static string Name(Variant variant) => variant.ToString().ToLowerInvariant();
}
