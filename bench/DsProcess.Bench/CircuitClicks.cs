using System.Diagnostics;
using DsProcess.Domain.Projects;
using Microsoft.Playwright;
using Npgsql;

namespace DsProcess.Bench;

/// <summary>
/// The measuring page of the circuit benchmark: four board actions clicked one after another, each click timed in the
/// page (a MutationObserver, the click done inside the page so no Playwright round trip is timed), with the process's
/// CPU and the SQL commands sent while it is watched. Opening and closing what a click needs is not measured.
/// </summary>
internal sealed class ClickBench(BoardBrowser browser, NpgsqlDataSource source, Boards boards, CircuitBenchOptions options, double idleCpuMsPerSecond, SqlCounter sql)
{
    private const int QuietMs = 1000;
    private const int CapMs = 5000;

    /// <summary>Unmeasured clicks (opening a card, closing a panel) wait for a shorter quiet spell.</summary>
    private const int SetupQuietMs = 200;

    /// <summary>
    /// Clicks the element and watches the body: returns [first change, last change before the quiet window, mutations],
    /// in ms after the click; [-1, -1, 0] when nothing changed.
    /// </summary>
    private const string ClickAndWatch = """
        async (element, [quietMs, capMs]) => {
          const times = [];
          const observer = new MutationObserver(() => times.push(performance.now()));
          observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
          const t0 = performance.now();
          element.click();
          for (;;) {
            await new Promise(resolve => setTimeout(resolve, 20));
            const now = performance.now();
            const last = times.length ? times[times.length - 1] : t0;
            if (now - last >= quietMs || now - t0 >= capMs) { break; }
          }
          observer.disconnect();
          return times.length ? [times[0] - t0, times[times.length - 1] - t0, times.length] : [-1, -1, 0];
        }
        """;

    private const string StartableCards = ".phase-column.state-Active [data-testid=task-card].status-NotStarted";

    // An open task of the active phase with a checklist: its panel's checklist is editable for the team lead.
    private const string TickableCard = ".phase-column.state-Active [data-testid=task-card]:is(.status-NotStarted,.status-InProgress):has([title='Checklist items ticked'])";

    private IPage _page = default!;
    private string? _board;
    private int _turn;

    // What the measuring page shows, so no round trip asks it.
    private Panel _open;
    private int _cards;
    private int _gates;
    private int _startable;

    private enum Panel
    {
        None,
        Task,
        TickTask,
        Gate,
    }

    public async Task<IReadOnlyList<ClickResult>> RunAsync()
    {
        _page = await browser.NewPageAsync();
        return
        [
            await RunActionAsync("Tick a checklist item", TickTargetAsync, () => Task.CompletedTask),
            await RunActionAsync("Start a task", StartTargetAsync, ClosePanelAsync),
            await RunActionAsync("Open the task panel", CardTargetAsync, ClosePanelAsync),
            await RunActionAsync("Open a gate", GateTargetAsync, CloseGateAsync),
        ];
    }

    private async Task<ClickResult> RunActionAsync(string name, Func<Task<ILocator>> target, Func<Task> after)
    {
        for (var i = 0; i < options.WarmUp; i++)
        {
            await WatchAsync(await target(), QuietMs);
            await after();
        }

        var (first, settled) = (new List<double>(), new List<double>());
        var (failed, cpu, elapsed, sqlBefore) = (0, TimeSpan.Zero, TimeSpan.Zero, sql.Count);
        for (var i = 0; i < options.Clicks; i++)
        {
            var element = await target();
            var cpuBefore = CpuMeter.Now();
            var clock = Stopwatch.StartNew();
            sql.On = true;
            var watched = await WatchAsync(element, QuietMs);
            sql.On = false;
            elapsed += clock.Elapsed;
            cpu += CpuMeter.Now() - cpuBefore;
            if (watched[2] == 0)
            {
                Console.WriteLine($"{name}: click {i + 1} changed nothing on the page");
                failed++;
            }
            else
            {
                first.Add(watched[0]);
                settled.Add(watched[1]);
            }

            await after();
        }

        var raw = cpu.TotalMilliseconds / options.Clicks;
        var net = raw - (idleCpuMsPerSecond * elapsed.TotalSeconds / options.Clicks);
        var result = new ClickResult(name, options.Clicks, failed, Stats.Of(first), Stats.Of(settled), raw, net, (sql.Count - sqlBefore) / (double)options.Clicks);
        Console.WriteLine($"{name}: first change p50 {result.First.P50:0.0} ms p95 {result.First.P95:0.0} ms; settled p50 {result.Settled.P50:0.0} ms p95 {result.Settled.P95:0.0} ms; CPU {raw:0.0} ms ({net:0.0} net); {result.SqlPerClick:0.0} SQL per click");
        return result;
    }

    private static Task<double[]> WatchAsync(ILocator element, int quietMs) =>
        element.EvaluateAsync<double[]>(ClickAndWatch, new[] { quietMs, CapMs });

    // Tick: the panel of a tickable task stays open; its first checklist item is ticked and unticked in turn.
    private async Task<ILocator> TickTargetAsync()
    {
        await OnBoardAsync(boards.Click);
        if (_open != Panel.TickTask)
        {
            await CloseAnyPanelAsync();
            await WatchAsync(_page.Locator(TickableCard).First, SetupQuietMs);
            await _page.Locator("[data-testid=checklist]").WaitForAsync();
            _open = Panel.TickTask;
        }

        // Enabled again once the last tick is saved.
        return _page.Locator("[data-testid=checklist] input[type=checkbox]:not([disabled])").First;
    }

    // Start: a Not started task of the active phase; when the board has none left, its phase is reset and the page reloaded.
    private async Task<ILocator> StartTargetAsync()
    {
        await OnBoardAsync(boards.Start);
        if (_startable == 0)
        {
            await LoadBoardAsync(boards.Start);
        }

        await WatchAsync(_page.Locator(StartableCards).First, SetupQuietMs);
        (_open, _startable) = (Panel.Task, _startable - 1);
        return _page.Locator("[data-testid=task-actions]").GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true });
    }

    private async Task<ILocator> CardTargetAsync()
    {
        await OnBoardAsync(boards.Click);
        await CloseAnyPanelAsync();
        _open = Panel.Task;
        return _page.Locator("[data-testid=task-card]").Nth(_turn++ % _cards);
    }

    private async Task<ILocator> GateTargetAsync()
    {
        await OnBoardAsync(boards.Click);
        await CloseAnyPanelAsync();
        _open = Panel.Gate;
        return _page.Locator("[data-testid=gate-box]").Nth(_turn++ % _gates);
    }

    private async Task OnBoardAsync(string key)
    {
        if (_board != key)
        {
            await LoadBoardAsync(key);
        }
    }

    /// <summary>Loads the board (a new circuit); the start board's active phase is reset first.</summary>
    private async Task LoadBoardAsync(string key)
    {
        if (key == boards.Start)
        {
            await ResetStartBoardAsync();
        }

        await BoardBrowser.GoToBoardAsync(_page, key);
        (_board, _open) = (key, Panel.None);
        _cards = await _page.Locator("[data-testid=task-card]").CountAsync();
        _gates = await _page.Locator("[data-testid=gate-box]").CountAsync();
        _startable = await _page.Locator(StartableCards).CountAsync();
    }

    private Task CloseAnyPanelAsync() => _open switch
    {
        Panel.Task or Panel.TickTask => ClosePanelAsync(),
        Panel.Gate => CloseGateAsync(),
        _ => Task.CompletedTask,
    };

    private Task ClosePanelAsync() => CloseAsync("Close task panel");

    private Task CloseGateAsync() => CloseAsync("Close gate panel");

    private async Task CloseAsync(string label)
    {
        await WatchAsync(_page.Locator($"[aria-label='{label}']").First, SetupQuietMs);
        _open = Panel.None;
    }

    /// <summary>Every task of the start board's active phase back to Not started (the page is reloaded afterwards).</summary>
    private async Task ResetStartBoardAsync()
    {
        await using var command = source.CreateCommand($"""
            UPDATE project_tasks t SET status = {(int)ProjectTaskStatus.NotStarted}, started_at = NULL, completed_at = NULL, status_reason = NULL
            FROM project_phases ph, projects p
            WHERE ph.id = t.phase_id AND ph.state = {(int)PhaseState.Active} AND p.id = t.project_id AND p.key = '{boards.Start}'
            """);
        await command.ExecuteNonQueryAsync();
    }
}
