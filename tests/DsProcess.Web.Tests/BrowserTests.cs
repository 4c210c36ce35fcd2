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

    protected async Task<IPage> OpenAsync(ViewportSize viewport)
    {
        var page = await browser.OpenAsync(app.BaseAddress, viewport);
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
