using System.Security.Claims;
using Bunit;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Web.Components.Layout;
using DsProcess.Web.Components.Pages.Projects;
using DsProcess.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace DsProcess.Web.Tests;

/// <summary>
/// Every rendered component of an open tab lives in server memory for as long as the tab stays open, and every
/// reload of the board diffs them all: the board of a project, inside the app's layout, keeps their number small.
/// </summary>
public sealed class BoardComponentCountTests : BunitContext, IClassFixture<AppFixture>
{
    private readonly AppFixture _app;
    private readonly ITestOutputHelper _output;

    public BoardComponentCountTests(AppFixture app, ITestOutputHelper output)
    {
        _app = app;
        _output = output;
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton(app.Services.GetRequiredService<IChangeFeed>());
        var auth = AddAuthorization();
        auth.SetAuthorized(app.Lead.Name);
        auth.SetRoles(nameof(DsProcess.Domain.People.SystemRole.TeamLead));
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, app.Lead.Id.ToString()));
        Services.AddScoped(sp => new UiSender(
            app.Services.GetRequiredService<IServiceScopeFactory>(),
            sp.GetRequiredService<AuthenticationStateProvider>()));
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public async Task A_board_in_the_layout_holds_few_components()
    {
        var key = (await _app.CreateProjectAsync()).Key;
        var board = await _app.BoardAsync(key);

        RenderFragment body = b =>
        {
            b.OpenComponent<ProjectBoard>(0);
            b.AddComponentParameter(1, nameof(ProjectBoard.Key), key);
            b.CloseComponent();
        };
        var layout = Render<MainLayout>(p => p.Add(x => x.Body, body));
        layout.WaitForElements("[data-testid=task-card]", board.Tasks.Count(), TimeSpan.FromSeconds(30));

        var components = layout.FindComponents<IComponent>().Select(c => c.Instance.GetType().Name).ToList();
        var cards = board.Tasks.Count();
        _output.WriteLine($"{components.Count} components for {cards} task cards in {board.Phases.Count} phases");
        foreach (var group in components.GroupBy(n => n).OrderByDescending(g => g.Count()))
        {
            _output.WriteLine($"{group.Count(),5} {group.Key}");
        }

        // One component per task card, and a few dozen for the page and the layout around them (505 when each card
        // was built from about fifteen MudBlazor components).
        Assert.True(components.Count <= cards + 60, $"{components.Count} components for {cards} task cards");
    }
}
