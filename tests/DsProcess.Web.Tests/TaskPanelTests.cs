using System.Security.Claims;
using Bunit;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Projects.Commands.PutProjectOnHold;
using DsProcess.Application.Projects.Queries.ProjectBoard;
using DsProcess.Application.Projects.Queries.ProjectSettings;
using DsProcess.Application.Tasks.Commands.PlanTask;
using DsProcess.Application.Tasks.Commands.SetChecklistItem;
using DsProcess.Domain.Projects;
using DsProcess.Web.Components.Pages.Projects;
using DsProcess.Web.Infrastructure;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using MudBlazor.Services;

namespace DsProcess.Web.Tests;

/// <summary>The task panel rendered by bUnit, sending its commands to the real app on PostgreSQL.</summary>
public sealed class TaskPanelTests : BunitContext, IClassFixture<AppFixture>
{
    private readonly AppFixture _app;
    private int _changes;

    public TaskPanelTests(AppFixture app)
    {
        _app = app;
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton(app.Services.GetRequiredService<IChangeFeed>());
        Services.AddSingleton(app.Services.GetRequiredService<IValidator<PlanTaskCommand>>());
        var auth = AddAuthorization();
        auth.SetAuthorized(app.Lead.Name);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, app.Lead.Id.ToString()));
        Services.AddScoped(sp => new UiSender(
            app.Services.GetRequiredService<IServiceScopeFactory>(),
            sp.GetRequiredService<AuthenticationStateProvider>()));
    }

    [Fact]
    public async Task A_task_not_started_offers_start_and_block_but_not_done()
    {
        var (task, phase) = await TaskAsync("Data collection");

        var panel = RenderPanel(task, phase);

        Assert.Equal(["Start", "Block"], Buttons(panel));
        Assert.Contains("Not started", panel.Find("[data-testid=task-status]").TextContent, StringComparison.Ordinal);
        Assert.Equal(4, panel.FindAll("[data-testid=checklist] input[type=checkbox]").Count);
    }

    [Fact]
    public async Task An_optional_task_also_offers_not_applicable()
    {
        var (task, phase) = await TaskAsync("Data augmentation");

        var panel = RenderPanel(task, phase);

        Assert.Equal(["Start", "Block", "Not applicable"], Buttons(panel));
    }

    [Fact]
    public async Task Start_saves_the_move_and_asks_the_board_to_reload()
    {
        var (task, phase) = await TaskAsync("Data preprocessing");
        var panel = RenderPanel(task, phase);

        await Click(panel, "Start");

        panel.WaitForAssertion(() => Assert.Equal(1, _changes));
        var saved = (await _app.BoardAsync(Key)).FindTask(task.Id)!;
        Assert.Equal(ProjectTaskStatus.InProgress, saved.Status);
    }

    [Fact]
    public async Task Block_asks_for_a_reason_and_refuses_an_empty_one()
    {
        var dialogs = Render<MudDialogProvider>();
        var (task, phase) = await TaskAsync("Feature engineering");
        var panel = RenderPanel(task, phase);

        // The click waits for the dialog's answer, so it completes only once the dialog is closed.
        var clicking = Click(panel, "Block");
        dialogs.WaitForAssertion(() => dialogs.Find("textarea[data-testid=reason]"));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Block").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("A reason is required.", dialogs.Markup, StringComparison.Ordinal));
        Assert.Equal(0, _changes);

        dialogs.Find("textarea[data-testid=reason]").Input("Waiting for the feature store");
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Block").Click();
        await clicking;

        panel.WaitForAssertion(() => Assert.Equal(1, _changes));
        var saved = (await _app.BoardAsync(Key)).FindTask(task.Id)!;
        Assert.Equal(ProjectTaskStatus.Blocked, saved.Status);
        Assert.Equal("Waiting for the feature store", saved.StatusReason);
    }

    [Fact]
    public async Task Ticking_a_checklist_item_saves_it()
    {
        var (task, phase) = await TaskAsync("Data movement");
        var panel = RenderPanel(task, phase);

        panel.FindAll("[data-testid=checklist] input[type=checkbox]")[1].Change(true);

        panel.WaitForAssertion(() => Assert.Equal(1, _changes));
        var saved = (await _app.BoardAsync(Key)).FindTask(task.Id)!;
        Assert.Equal([false, true, false], saved.Checklist.Select(i => i.IsDone));
        Assert.Equal(_app.Lead.Name, saved.Checklist[1].DoneBy);
    }

    [Fact]
    public async Task An_empty_title_gets_its_message_next_to_the_field_and_saves_nothing()
    {
        var (task, phase) = await TaskAsync("Data monitoring");
        var panel = RenderPanel(task, phase);

        var title = panel.FindAll("input").First(i => i.GetAttribute("value") == "Data monitoring");
        title.Input("");
        panel.FindAll("form button[type=submit]").Single().Click();

        panel.WaitForAssertion(() => Assert.Contains("Give the task a title.", panel.Markup, StringComparison.Ordinal));
        Assert.Equal(0, _changes);
        Assert.Equal("Data monitoring", (await _app.BoardAsync(Key)).FindTask(task.Id)!.Title);
    }

    [Fact]
    public async Task A_tick_shows_before_it_is_saved_and_a_refused_one_is_put_back_and_the_board_reloads_with_the_reason()
    {
        var snackbars = Render<MudSnackbarProvider>();
        var (task, phase) = await TaskAsync("Data collection");
        var shown = new List<BoardTask>();
        var panel = Render<TaskPanel>(p => p
            .Add(x => x.Task, task)
            .Add(x => x.PhaseState, phase)
            .Add(x => x.CanWork, true)
            .Add(x => x.OnShow, t => shown.Add(t))
            .Add(x => x.OnChanged, () => _changes++));
        var settings = await _app.SendAsync(new ProjectSettingsQuery(Key));
        await _app.SendAsync(new PutProjectOnHoldCommand(settings.Id, settings.Version, "Waiting for the data contract"));

        // The panel was opened before the hold, so it still offers the tick: it is shown at once, then refused.
        panel.FindAll("[data-testid=checklist] input[type=checkbox]")[0].Change(true);

        Assert.True(shown[0].Checklist[0].IsDone);
        snackbars.WaitForAssertion(() => Assert.Contains("on hold", snackbars.Markup, StringComparison.Ordinal));
        panel.WaitForAssertion(() => Assert.Equal(1, _changes));

        // Put back at once, before the board's reload.
        Assert.Equal([true, false], shown.Select(t => t.Checklist[0].IsDone));
        Assert.False((await _app.BoardAsync(Key)).FindTask(task.Id)!.Checklist[0].IsDone);
    }

    [Fact]
    public async Task A_stale_panel_gets_a_conflict_message_and_reloads()
    {
        var snackbars = Render<MudSnackbarProvider>();
        var (stale, phase) = await TaskAsync("Data collection");
        await _app.MoveAsync(Key, "Data collection", TaskMove.Block, "someone else blocked it");
        var panel = RenderPanel(stale, phase);

        await Click(panel, "Start");

        snackbars.WaitForAssertion(() => Assert.Contains("Someone else changed this", snackbars.Markup, StringComparison.Ordinal));
        Assert.Equal(1, _changes);
        Assert.Equal(ProjectTaskStatus.Blocked, (await _app.BoardAsync(Key)).FindTask(stale.Id)!.Status);
    }

    [Fact]
    public async Task A_tick_meanwhile_keeps_the_plan_being_typed_and_saving_it_applies_to_the_ticked_task()
    {
        var (task, phase) = await TaskAsync("Data monitoring");
        var panel = RenderPanel(task, phase);
        var title = panel.FindComponents<MudTextField<string>>()[0].Instance;
        panel.FindAll("input").First(i => i.GetAttribute("value") == "Data monitoring").Input("Data monitoring, daily");

        await _app.SendAsync(new SetChecklistItemCommand(task.Id, 1, true));
        var ticked = (await _app.BoardAsync(Key)).FindTask(task.Id)!;
        panel.Render(p => p.Add(x => x.Task, ticked));

        // The same form, its fields kept (a new model would have rebuilt them all), with what the user typed.
        Assert.Same(title, panel.FindComponents<MudTextField<string>>()[0].Instance);
        Assert.Contains(panel.FindAll("input"), i => i.GetAttribute("value") == "Data monitoring, daily");
        panel.FindAll("form button[type=submit]").Single().Click();
        panel.WaitForAssertion(() => Assert.Equal(1, _changes));
        var saved = (await _app.BoardAsync(Key)).FindTask(task.Id)!;
        Assert.Equal("Data monitoring, daily", saved.Title);
        Assert.True(saved.Checklist[0].IsDone);
    }

    [Fact]
    public async Task Tasks_of_a_phase_awaiting_its_gate_offer_no_moves()
    {
        var (task, _) = await TaskAsync("Data collection");

        var panel = RenderPanel(task, PhaseState.AwaitingGate);

        Assert.Empty(Buttons(panel));
        Assert.Contains("awaiting its gate decision", panel.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_who_may_only_read_sees_no_moves_and_a_read_only_checklist_and_plan()
    {
        var (task, phase) = await TaskAsync("Data collection");

        var panel = RenderPanel(task, phase, canWork: false);

        Assert.Empty(Buttons(panel));
        Assert.Contains("Only the assignee, a data engineer or the team lead can change this task.", panel.Markup, StringComparison.Ordinal);
        Assert.All(panel.FindAll("[data-testid=checklist] input[type=checkbox]"), c => Assert.True(c.HasAttribute("disabled")));
        Assert.Empty(panel.FindAll("form button[type=submit]"));
    }

    private string Key { get; set; } = "";

    /// <summary>A task of a new project, and the state of its phase.</summary>
    private async Task<(BoardTask Task, PhaseState Phase)> TaskAsync(string title)
    {
        Key = (await _app.CreateProjectAsync()).Key;
        var board = await _app.BoardAsync(Key);
        var task = board.Tasks.Single(t => t.Title == title);
        return (task, board.Phases.Single(p => p.Kind == task.Phase).State);
    }

    private IRenderedComponent<TaskPanel> RenderPanel(BoardTask task, PhaseState phase, bool canWork = true) =>
        Render<TaskPanel>(p => p
            .Add(x => x.Task, task)
            .Add(x => x.PhaseState, phase)
            .Add(x => x.CanWork, canWork)
            .Add(x => x.CanPlan, canWork)
            .Add(x => x.OnChanged, () => _changes++));

    private static List<string> Buttons(IRenderedComponent<TaskPanel> panel) =>
        [.. panel.FindAll("[data-testid=task-actions] button").Select(b => b.TextContent.Trim())];

    private static Task Click(IRenderedComponent<TaskPanel> panel, string button) =>
        panel.FindAll("[data-testid=task-actions] button").Single(b => b.TextContent.Trim() == button).ClickAsync(new());
}
