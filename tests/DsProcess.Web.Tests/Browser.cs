using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(DsProcess.Web.Tests.Browser))]

namespace DsProcess.Web.Tests;

/// <summary>One real Chromium for the whole test run; each test opens its own context (cookies, viewport).</summary>
public sealed class Browser : IAsyncLifetime
{
    public static readonly ViewportSize Wide = new() { Width = 1366, Height = 900 };
    public static readonly ViewportSize Narrow = new() { Width = 390, Height = 844 };

    private IPlaywright? _playwright;

    public IBrowser Instance { get; private set; } = default!;

    public async ValueTask InitializeAsync()
    {
        // A busy two-core machine runs browser and server side by side; give screens time to answer.
        Assertions.SetDefaultExpectTimeout(10_000);
        _playwright = await Playwright.CreateAsync();
        Instance = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath(),
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-sync",
                "--disable-background-networking", "--disable-component-update",
            ],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Instance is not null)
        {
            await Instance.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    public async Task<IPage> OpenAsync(Uri baseAddress, ViewportSize viewport)
    {
        var context = await Instance.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = viewport,
            Locale = "en-GB",
            TimezoneId = "UTC",
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>Loads a page (a new HTTP request) and waits until Blazor has made it interactive; returns the first response.</summary>
    public static async Task<IResponse> GoToAsync(IPage page, string path)
    {
        var response = await page.GotoAsync(path) ?? throw new InvalidOperationException($"No response for {path}.");
        await WaitUntilInteractiveAsync(page);
        return response;
    }

    /// <summary>Follows an address inside the open app, as an in-app link does: the circuit renders it, no page load.</summary>
    public static async Task FollowInAppAsync(IPage page, string path)
    {
        await page.EvaluateAsync("path => Blazor.navigateTo(path)", path);
        await Assertions.Expect(page).ToHaveURLAsync(new Uri(new Uri(page.Url), path).ToString());
    }

    /// <summary>Signs in through the real sign-in page and waits for the app to be interactive.</summary>
    public static async Task SignInAsync(IPage page, TestPerson person, string path = "/")
    {
        await page.GotoAsync($"/Account/Login?returnUrl={Uri.EscapeDataString(path)}");
        await page.GetByLabel("E-mail").FillAsync(person.Email);
        await page.GetByLabel("Password").FillAsync(AppFixture.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await WaitUntilInteractiveAsync(page);
    }

    // The layout sets the flag only when the circuit renders it, so events have handlers from then on.
    private static Task WaitUntilInteractiveAsync(IPage page) => page.Locator("[data-interactive=true]").WaitForAsync();

    public static async Task ScreenshotAsync(IPage page, string name, bool fullPage = true)
    {
        var folder = Path.Combine(Measurements.RepositoryRoot(), "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}.png"), FullPage = fullPage });
    }

    // Debian's chromium, or one named by DSPROCESS_CHROMIUM; null lets Playwright use a browser it installed itself.
    private static string? ChromiumPath() =>
        new[] { Environment.GetEnvironmentVariable("DSPROCESS_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser" }
            .FirstOrDefault(p => !string.IsNullOrEmpty(p) && File.Exists(p));
}

/// <summary>The app served by Kestrel on a free port, on a database of its own, for browser tests.</summary>
public sealed class ServedAppFixture : AppFixture
{
    protected override bool ServeOverHttp => true;
}
