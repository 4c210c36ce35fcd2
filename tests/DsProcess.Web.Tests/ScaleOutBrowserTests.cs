using DsProcess.Domain.Projects;
using DsProcess.Proxy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Model;
using static Microsoft.Playwright.Assertions;

namespace DsProcess.Web.Tests;

/// <summary>
/// Two app instances on one database behind the YARP proxy (src/DsProcess.Proxy, with its own appsettings.json), as
/// <c>docker compose --profile scale</c> runs them: two people, each kept on one instance, see each other's changes;
/// when one instance stops, its person reconnects to the other, still signed in.
/// </summary>
[Collection(Alone.Name)]
public sealed class ScaleOutBrowserTests(AppFixture data, Browser browser) : IClassFixture<AppFixture>, IAsyncLifetime
{
    /// <summary>The response header naming the instance that answered (added by the test, not the app).</summary>
    private const string InstanceHeader = "X-Test-Instance";

    private readonly Dictionary<string, DsProcessApp> _instances = [];
    private readonly List<IBrowserContext> _tabs = [];
    private WebApplication? _proxy;

    private Uri ProxyAddress => new(_proxy!.Urls.First());

    public async ValueTask InitializeAsync()
    {
        foreach (var name in new[] { "a", "b" })
        {
            _instances[name] = new DsProcessApp(data.ConnectionString, serveOverHttp: true, services: s => s.AddSingleton<IStartupFilter>(new TagResponses(name)));
        }

        _proxy = ProxyHost.Build(
            new WebApplicationOptions
            {
                ContentRootPath = Path.Combine(Measurements.RepositoryRoot(), "src", "DsProcess.Proxy"),
                Args = ["--urls", "http://127.0.0.1:0"],
            },
            new Dictionary<string, string?>
            {
                // The probes of the stopped instance fail, as they should.
                ["Logging:LogLevel:Default"] = "Error",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Error",
                ["Logging:LogLevel:Yarp.ReverseProxy.Health"] = "Error",
                ["ReverseProxy:Clusters:app:Destinations:a:Address"] = _instances["a"].BaseAddress.ToString(),
                ["ReverseProxy:Clusters:app:Destinations:b:Address"] = _instances["b"].BaseAddress.ToString(),
            });
        await _proxy.StartAsync();

        // Newcomers go to the less busy of the instances the proxy has seen answer; wait until it has seen both.
        var proxyState = _proxy.Services.GetRequiredService<IProxyStateLookup>();
        await Eventually.TrueAsync(() => proxyState.TryGetCluster("app", out var cluster)
            && cluster.Destinations.Values.All(d => d.Health.Active == DestinationHealth.Healthy));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var tab in _tabs)
        {
            await tab.CloseAsync();
        }

        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }

        foreach (var instance in _instances.Values)
        {
            await instance.DisposeAsync();
        }
    }

    [Fact]
    public async Task Two_people_on_two_instances_see_each_others_changes_and_a_stopped_instances_people_continue_on_the_other_signed_in()
    {
        var board = await data.CreateProjectAsync();
        var engineer = await data.CreateMemberAsync(board.Id, "Dana Engineer", ProjectRole.DataEngineer);
        var path = $"/projects/{board.Key}";

        // The lead's open circuit counts as a request under way on its instance, so the engineer's first request goes
        // to the other one (the proxy sends a newcomer to the less busy instance); each then stays where it landed.
        var lead = await OpenAsync();
        await Browser.SignInAsync(lead, data.Lead, path);
        var leadInstance = await InstanceAsync(lead);
        var colleague = await OpenAsync();
        await Browser.SignInAsync(colleague, engineer, path);
        var engineerInstance = await InstanceAsync(colleague);
        Assert.NotEqual(leadInstance, engineerInstance);

        // Each instance sees the browser's host and scheme, not its own address: the proxy forwards them.
        var health = await lead.Context.APIRequest.GetAsync("/health");
        Assert.Equal(leadInstance, health.Headers[InstanceHeader.ToLowerInvariant()]);
        Assert.Equal(ProxyAddress.Authority, health.Headers["x-test-seen-host"]);

        // A change made on the lead's instance shows on the page the other instance serves.
        await lead.GetByRole(AriaRole.Button, new() { Name = "Open task Data collection" }).ClickAsync();
        await lead.GetByTestId("task-panel").GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
        await Expect(colleague.GetByRole(AriaRole.Button, new() { Name = "Open task Data collection" })).ToContainTextAsync("In progress");

        // The lead's instance stops. Its reconnection attempts are held until the test has seen the reconnect UI, which
        // would otherwise be up only for the few seconds the proxy needs to notice.
        await lead.EvaluateAsync("() => window.beforeTheStop = true");
        var seen = new TaskCompletionSource();
        await lead.RouteAsync("**/_blazor/negotiate**", async route =>
        {
            await seen.Task;
            await route.ContinueAsync();
        });
        var reload = lead.WaitForResponseAsync(
            r => r.Request.ResourceType == "document" && r.Url == new Uri(ProxyAddress, path).ToString(),
            new() { Timeout = 60_000 });
        await _instances[leadInstance].DisposeAsync();
        _instances.Remove(leadInstance);
        await Expect(Reconnecting(lead)).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(lead, "scale-out-reconnecting-wide");
        seen.SetResult();

        // The proxy sends the attempts to the other instance, which does not know the circuit: Blazor reloads the page,
        // which the other instance serves, and the sign-in cookie the stopped instance issued is good there too (the
        // data protection keys are shared).
        Assert.Equal(engineerInstance, (await reload).Headers[InstanceHeader.ToLowerInvariant()]);
        await lead.WaitForFunctionAsync("() => window.beforeTheStop === undefined");
        await Expect(lead).ToHaveURLAsync(new Uri(ProxyAddress, path).ToString());
        await lead.Locator("[data-interactive=true]").WaitForAsync();
        await lead.GetByRole(AriaRole.Button, new() { Name = "Open task Data preprocessing" }).ClickAsync();
        await lead.GetByTestId("task-panel").GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
        await Expect(lead.GetByTestId("task-panel").GetByTestId("task-status")).ToHaveTextAsync("In progress");
        Assert.Equal(engineerInstance, await InstanceAsync(lead));

        // The engineer's circuit on the instance that stayed was never interrupted, and shows the lead's new change.
        await Expect(colleague.GetByRole(AriaRole.Button, new() { Name = "Open task Data preprocessing" })).ToContainTextAsync("In progress");
        await Expect(Reconnecting(colleague)).ToBeHiddenAsync();
    }

    // Blazor's own reconnect UI (the app has none of its own); its dialog lives in the shadow root of this element.
    private static ILocator Reconnecting(IPage page) =>
        page.Locator("#components-reconnect-modal").GetByText("Rejoining the server");

    private async Task<IPage> OpenAsync()
    {
        var page = await browser.OpenAsync(ProxyAddress, Browser.Wide);
        _tabs.Add(page.Context);
        return page;
    }

    // Asked in the tab's own context: its cookies, the proxy's affinity cookie among them, go along.
    private static async Task<string> InstanceAsync(IPage page)
    {
        var response = await page.Context.APIRequest.GetAsync("/health");
        return response.Headers[InstanceHeader.ToLowerInvariant()];
    }

    /// <summary>Names the instance on every response, with the host and scheme the app saw (after the forwarded headers).</summary>
    private sealed class TagResponses(string instance) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Response.OnStarting(() =>
                {
                    context.Response.Headers[InstanceHeader] = instance;
                    context.Response.Headers["X-Test-Seen-Host"] = context.Request.Host.Value;
                    return Task.CompletedTask;
                });
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

/// <summary>
/// Tests that start extra app instances run on their own: two more hosts and a proxy beside another class's browser
/// test would slow it past its waits on a two-core machine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class Alone
{
    public const string Name = "Runs alone";
}
