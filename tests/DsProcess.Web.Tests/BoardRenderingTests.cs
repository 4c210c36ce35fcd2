using System.Security.Claims;
using Bunit;
using FluentValidation;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Tasks.Commands.PlanTask;
using DsProcess.Application.Tasks.Commands.SetChecklistItem;
using DsProcess.Web.Components.Layout;
using DsProcess.Web.Components.Pages.Projects;
using DsProcess.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace DsProcess.Web.Tests;

/// <summary>
/// Every rendered component of an open tab lives in server memory for as long as the tab stays open, and every
/// reload of the board diffs them all: the board of a project, inside the app's layout, keeps their number small,
/// and a change to one task re-renders only that task's card.
/// </summary>
public sealed class BoardRenderingTests : BunitContext, IClassFixture<AppFixture>
{
    private readonly AppFixture _app;
    private readonly ITestOutputHelper _output;

    public BoardRenderingTests(AppFixture app, ITestOutputHelper output)
    {
        _app = app;
        _output = output;
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton(app.Services.GetRequiredService<IChangeFeed>());
        Services.AddSingleton(app.Services.GetRequiredService<IValidator<PlanTaskCommand>>());
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

    [Fact]
    public async Task A_change_to_one_task_re_renders_only_its_card()
    {
        var key = (await _app.CreateProjectAsync()).Key;
        var count = (await _app.BoardAsync(key)).Tasks.Count();
        var board = Render<ProjectBoard>(p => p.Add(x => x.Key, key));
        board.WaitForElements("[data-testid=task-card]", count, TimeSpan.FromSeconds(30));
        var before = board.FindComponents<BoardTaskCard>().ToDictionary(c => c.Instance.Task.Id, c => c.RenderCount);

        // Someone else ticks an item: the board reloads from the change feed.
        var task = await _app.TaskAsync(key, "Data collection");
        await _app.SendAsync(new SetChecklistItemCommand(task.Id, task.Checklist[0].Number, Done: true));
        board.WaitForAssertion(
            () => Assert.Contains($"1/{task.Checklist.Count}", board.FindComponents<BoardTaskCard>().Single(c => c.Instance.Task.Id == task.Id).Markup, StringComparison.Ordinal),
            TimeSpan.FromSeconds(30));

        var rerendered = board.FindComponents<BoardTaskCard>().Where(c => c.RenderCount != before[c.Instance.Task.Id]).Select(c => c.Instance.Task.Title);
        Assert.Equal(["Data collection"], rerendered);
    }

    [Fact]
    public async Task A_tick_shows_on_the_card_at_once_and_is_saved_behind_it()
    {
        var key = (await _app.CreateProjectAsync()).Key;
        var task = await _app.TaskAsync(key, "Data collection");
        var (board, card) = await OpenPanelAsync(key, task.Id);

        board.FindAll("[data-testid=checklist] input[type=checkbox]")[0].Change(true);

        // Shown before the save returns: the handler is still waiting for the database. The board reloads after the
        // save (the task's new version) and shows the same.
        Assert.Contains($"1/{task.Checklist.Count}", card().Markup, StringComparison.Ordinal);
        board.WaitForAssertion(() => Assert.NotEqual(task.Version, card().Instance.Task.Version), TimeSpan.FromSeconds(30));
        Assert.Contains($"1/{task.Checklist.Count}", card().Markup, StringComparison.Ordinal);
        Assert.True((await _app.TaskAsync(key, "Data collection")).Checklist[0].IsDone);
    }

    private async Task<(IRenderedComponent<ProjectBoard> Board, Func<IRenderedComponent<BoardTaskCard>> Card)> OpenPanelAsync(string key, Guid taskId)
    {
        var count = (await _app.BoardAsync(key)).Tasks.Count();
        Render<MudPopoverProvider>();
        var board = Render<ProjectBoard>(p => p.Add(x => x.Key, key));
        board.WaitForElements("[data-testid=task-card]", count, TimeSpan.FromSeconds(30));
        IRenderedComponent<BoardTaskCard> Card() => board.FindComponents<BoardTaskCard>().Single(c => c.Instance.Task.Id == taskId);
        Card().Find("[data-testid=task-card]").Click();
        board.WaitForElement("[data-testid=checklist] input[type=checkbox]", TimeSpan.FromSeconds(30));
        return (board, Card);
    }
}
