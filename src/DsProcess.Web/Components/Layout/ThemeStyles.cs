using DsProcess.Infrastructure.Identity;
using DsProcess.Domain.People;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace DsProcess.Web.Components.Layout;

/// <summary>
/// The dark palette as CSS, for App.razor to put after the light theme: always for a person who chose dark, and under
/// <c>prefers-color-scheme: dark</c> for one who follows their device (and for everyone signed out). MudBlazor's theme
/// provider renders one palette for one mode; this renders it once in dark mode and keeps only the palette's variables,
/// so the page needs no script to follow the device and never flashes the other theme.
/// </summary>
internal sealed class ThemeStyles(IServiceScopeFactory scopes, ILoggerFactory logging)
{
    private Task<MarkupString>? _dark;

    public Task<MarkupString> DarkPaletteAsync() => _dark ??= RenderDarkPaletteAsync();

    /// <summary>The appearance a request's person chose (in their sign-in cookie); the device's setting for everyone else.</summary>
    public static Appearance AppearanceOf(System.Security.Claims.ClaimsPrincipal user) =>
        Enum.TryParse<Appearance>(user.FindFirst(AppClaims.Appearance)?.Value, out var appearance) ? appearance : Appearance.System;

    private async Task<MarkupString> RenderDarkPaletteAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, logging);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(MudThemeProvider.Theme)] = AppTheme.Theme,
                [nameof(MudThemeProvider.IsDarkMode)] = true,
            });
            return (await renderer.RenderComponentAsync<MudThemeProvider>(parameters)).ToHtmlString();
        });
        var palette = html.Split('\n').Select(line => line.Trim())
            .Where(line => line.StartsWith("--mud-palette-", StringComparison.Ordinal) || line.StartsWith("--mud-native-html-color-scheme", StringComparison.Ordinal));
        return new MarkupString($":root{{{string.Concat(palette)}}}");
    }
}
