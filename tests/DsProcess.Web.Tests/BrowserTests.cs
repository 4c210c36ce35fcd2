using Microsoft.Playwright;

namespace DsProcess.Web.Tests;

/// <summary>
/// Base of the tests that drive the served app in Chromium: every tab a test opens is closed when the test
/// ends, so no page keeps running (and reconnecting to a stopped server) while later tests run.
/// </summary>
public abstract class BrowserTests<TApp>(TApp app, Browser browser) : IClassFixture<TApp>, IAsyncDisposable
    where TApp : AppFixture
{
    private readonly List<IBrowserContext> _contexts = [];

    protected TApp App => app;

    protected Task<IPage> OpenAsync(ViewportSize viewport) => OpenAsync(app.BaseAddress, viewport);

    /// <summary>Opens a tab on another instance of the app (one started with settings of its own).</summary>
    protected async Task<IPage> OpenAsync(Uri baseAddress, ViewportSize viewport)
    {
        var page = await browser.OpenAsync(baseAddress, viewport);
        _contexts.Add(page.Context);
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>Browser tests on the app as it ships.</summary>
public abstract class BrowserTests(ServedAppFixture app, Browser browser) : BrowserTests<ServedAppFixture>(app, browser);
