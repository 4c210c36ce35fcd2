using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Tasks.Commands.SetChecklistItem;
using DsProcess.Application.Teams.Commands.AddMember;
using DsProcess.Domain.Common;
using DsProcess.Domain.People;
using DsProcess.Domain.Playbooks;
using DsProcess.Domain.Projects;
using DsProcess.Infrastructure.Data;
using DsProcess.Web.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Npgsql;
using Serilog.Core;

namespace DsProcess.Bench;

/// <param name="Circuits">Idle board circuits opened, in steps; the largest stays open for the clicks and the fan-out.</param>
/// <param name="Clicks">Measured clicks per action (after <paramref name="WarmUp"/> unmeasured ones).</param>
/// <param name="Viewers">Pages open on the one board that the fan-out changes.</param>
/// <param name="Changes">Changes sent to the fan-out board.</param>
/// <param name="Reuse">Run on the database a run with <paramref name="Keep"/> left, instead of generating it again.</param>
internal sealed record CircuitBenchOptions(
    string Server, int Projects, int[] Circuits, int Clicks, int WarmUp, int Viewers, int Changes, string Output, bool Keep, bool Reuse)
{
    public int MaxCircuits => Circuits.Max();

    public static CircuitBenchOptions Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var server = Value("--server") ?? Environment.GetEnvironmentVariable("DSPROCESS_BENCH_POSTGRES")
            ?? throw new InvalidOperationException("Give a PostgreSQL server: --server \"Host=...;Username=...\" or DSPROCESS_BENCH_POSTGRES.");
        int Number(string name, int fallback) => int.Parse(Value(name) ?? fallback.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var circuits = (Value("--circuits") is { } list && !list.StartsWith("--", StringComparison.Ordinal) ? list : "50,100,200")
            .Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).Order().ToArray();
        return new CircuitBenchOptions(
            server,
            Number("--projects", 1000),
            circuits,
            Number("--clicks", 100),
            Number("--warmup", 20),
            Number("--viewers", 50),
            Number("--changes", 30),
            Value("--output") ?? Path.Combine("bench", "results", "circuits.md"),
            args.Contains("--keep") || args.Contains("--reuse"),
            args.Contains("--reuse"));
    }
}

/// <summary>
/// The circuit benchmark (<c>--circuits</c>): the Release app on Kestrel with a seeded portfolio, real Chromium pages
/// (Playwright) on project boards, each a live Blazor circuit. Measures the server's memory per idle circuit (slope over
/// N), its idle CPU, click → screen settled in the page for four board actions with the largest N open (with CPU and SQL
/// statements per click), and the fan-out of one change to many viewers of one board.
/// </summary>
internal static class CircuitBench
{
    private const string Email = "lead.circuits@bench.local";
    private const string Password = "Bench-pass-2026";

    /// <summary>Settled: the last DOM change before this long without one.</summary>
    private const int QuietMs = 1000;

    /// <summary>The longest a measured click is watched.</summary>
    private const int CapMs = 5000;

    public static async Task RunAsync(CircuitBenchOptions options)
    {
        var started = Stopwatch.StartNew();
        var loadBefore = LoadAverage();
        Console.WriteLine($"DsProcess circuit benchmark · {options.Projects:N0} projects · circuits {string.Join(", ", options.Circuits)} · {options.Clicks} clicks per action · {options.Viewers} viewers × {options.Changes} changes · {Environment.ProcessorCount} cores · load {loadBefore}");
        var database = $"dsp_bench_circuits_{options.Projects}";
        var connection = new NpgsqlConnectionStringBuilder(options.Server) { Database = database, CommandTimeout = 600, MaxPoolSize = 300 }.ConnectionString;
        await using var source = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connection) { Options = "-c jit=off" }.ConnectionString);
        await PrepareDatabaseAsync(options, database, source);

        var settings = new Dictionary<string, string?>(RenderBatches.Settings) { ["DsProcess:Operations:ReworkSweepInterval"] = "1.00:00:00" };
        var batches = new RenderBatches();
        await using var app = new BenchApp(connection, serveOverHttp: true, settings, services => services.AddSingleton<ILogEventSink>(batches));
        var boards = await ChooseBoardsAsync(source, options);
        var lead = await ArrangeLeadAsync(app, source, boards.All);
        await Bench.TimeSqlAsync(source, "VACUUM (ANALYZE)");
        Console.WriteLine($"Set up in {started.Elapsed.TotalSeconds:0} s; the app listens on {app.BaseAddress}");

        await using var browser = await BoardBrowser.LaunchAsync(app.BaseAddress);
        var idle = await MeasureIdleAsync(browser, boards.Idle, options.Circuits);
        Console.WriteLine($"Idle CPU with {options.MaxCircuits} circuits: {idle.Full}");

        using var sql = new SqlCounter(database);
        var clicks = await new ClickBench(browser, source, boards, options, idle.Full.MsPerSecond, sql).RunAsync();
        var fanOut = await MeasureFanOutAsync(app, browser, batches, source, boards.FanOut, lead, options, idle.Full.MsPerSecond);

        var run = new CircuitRun(options, browser.Version, idle, clicks, fanOut, loadBefore, LoadAverage(), started.Elapsed);
        var report = Report(run);
        Console.WriteLine();
        Console.WriteLine(report);
        Directory.CreateDirectory(Path.GetDirectoryName(options.Output)!);
        await File.WriteAllTextAsync(options.Output, report);
        Console.WriteLine($"Written to {options.Output}");

        await browser.DisposeAsync();
        if (!options.Keep)
        {
            await app.DisposeAsync();
            NpgsqlConnection.ClearAllPools();
            await Bench.ExecuteAsync(options.Server, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }
    }

    private static async Task PrepareDatabaseAsync(CircuitBenchOptions options, string database, NpgsqlDataSource source)
    {
        if (options.Reuse)
        {
            return;
        }

        await Bench.ExecuteAsync(options.Server, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        await using (var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(source.ConnectionString).UseSnakeCaseNamingConvention().Options))
        {
            await db.Database.MigrateAsync();
            db.Playbooks.Add(DefaultPlaybook.Create());
            await db.SaveChangesAsync();
        }

        var counts = await new DataGenerator(source, options.Projects).GenerateAsync();
        Console.WriteLine($"{counts.Projects:N0} projects, {counts.Tasks:N0} tasks, {counts.Activity:N0} activity rows");
    }

    /// <summary>
    /// The boards: three active projects in an active phase with an open task that has a checklist (clicks, starts,
    /// fan-out), and a spread of the other projects for the idle circuits.
    /// </summary>
    private static async Task<Boards> ChooseBoardsAsync(NpgsqlDataSource source, CircuitBenchOptions options)
    {
        var workable = await KeysAsync(source, $"""
            SELECT p.key FROM projects p
            JOIN project_phases ph ON ph.project_id = p.id AND ph.kind = p.current_phase AND ph.state = {(int)PhaseState.Active}
            WHERE p.status = {(int)ProjectStatus.Active}
              AND EXISTS (SELECT 1 FROM project_tasks t WHERE t.phase_id = ph.id AND t.status IN ({(int)ProjectTaskStatus.NotStarted}, {(int)ProjectTaskStatus.InProgress})
                          AND jsonb_array_length(t.checklist) > 0)
            ORDER BY p.key LIMIT 3
            """);
        var others = (await KeysAsync(source, "SELECT key FROM projects ORDER BY key")).Except(workable).ToList();
        var step = Math.Max(1.0, others.Count / (double)options.MaxCircuits);
        var idle = Enumerable.Range(0, options.MaxCircuits).Select(i => others[(int)(i * step) % others.Count]).ToList();
        return new Boards(workable[0], workable[1], workable[2], idle);
    }

    /// <summary>The bench team lead, a member (team lead) of every board used, added by each project's own lead.</summary>
    private static async Task<Guid> ArrangeLeadAsync(BenchApp app, NpgsqlDataSource source, IReadOnlyCollection<string> keys)
    {
        Guid lead;
        await using (var command = source.CreateCommand($"SELECT id FROM people WHERE email = '{Email}'"))
        {
            lead = await command.ExecuteScalarAsync() is Guid existing ? existing : Guid.Empty;
        }

        if (lead == Guid.Empty)
        {
            await using var scope = app.Services.CreateAsyncScope();
            lead = await scope.ServiceProvider.GetRequiredService<IIdentityService>()
                .CreateUserAsync(Email, "Bench Circuits Lead", SystemRole.TeamLead, Password, Actor.System, CancellationToken.None);
        }

        var missing = new List<(Guid Project, Guid ProjectLead)>();
        var list = string.Join(",", keys.Distinct().Select(k => $"'{k}'"));
        await using (var command = source.CreateCommand($"""
            SELECT p.id, (SELECT m.person_id FROM project_members m WHERE m.project_id = p.id AND m.roles @> ARRAY[{(int)ProjectRole.TeamLead}] LIMIT 1)
            FROM projects p
            WHERE p.key IN ({list}) AND NOT EXISTS (SELECT 1 FROM project_members m WHERE m.project_id = p.id AND m.person_id = '{lead}')
            """))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                missing.Add((reader.GetGuid(0), reader.GetGuid(1)));
            }
        }

        foreach (var (project, projectLead) in missing)
        {
            await SendAsync(app, projectLead, new AddMemberCommand { ProjectId = project, PersonId = lead, Roles = [ProjectRole.TeamLead] });
        }

        Console.WriteLine($"Bench lead on {keys.Distinct().Count()} boards ({missing.Count} added now)");
        return lead;
    }

    private static async Task<T> SendAsync<T>(BenchApp app, Guid caller, ICommand<T> command)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().UserId = caller;
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
    }

    // Phase 1 ------------------------------------------------------------------------------------------------------

    /// <summary>Opens idle boards up to each N, reading the server's memory after a full collection at 0 and each N.</summary>
    private static async Task<IdleResult> MeasureIdleAsync(BoardBrowser browser, IReadOnlyList<string> keys, int[] steps)
    {
        var points = new List<MemoryPoint> { MemoryNow(0) };
        var empty = await CpuMeter.IdleRateAsync(TimeSpan.FromSeconds(10));
        Console.WriteLine($"Idle CPU with no circuit: {empty}");
        var opening = Stopwatch.StartNew();
        foreach (var n in steps)
        {
            while (browser.Idle.Count < n)
            {
                browser.Idle.Add(await browser.OpenBoardAsync(keys[browser.Idle.Count]));
                if (browser.Idle.Count % 25 == 0)
                {
                    Console.WriteLine($"  {browser.Idle.Count} circuits open ({opening.Elapsed.TotalSeconds:0} s)");
                }
            }

            points.Add(MemoryNow(n));
            Console.WriteLine($"{n} circuits: GC heap {points[^1].GcHeapBytes / 1048576.0:0.0} MB, working set {points[^1].WorkingSetBytes / 1048576.0:0.0} MB");
        }

        var openSeconds = opening.Elapsed.TotalSeconds;
        var full = await CpuMeter.IdleRateAsync(TimeSpan.FromSeconds(10));
        return new IdleResult(points, openSeconds, empty, full);
    }

    private static MemoryPoint MemoryNow(int circuits)
    {
        GC.Collect(2, GCCollectionMode.Aggressive, true, true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Aggressive, true, true);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return new MemoryPoint(circuits, GC.GetTotalMemory(false), GC.GetGCMemoryInfo().HeapSizeBytes, process.WorkingSet64);
    }

    // Phase 3 ------------------------------------------------------------------------------------------------------

    /// <summary>Changes sent before the measured ones, not counted.</summary>
    private const int WarmUpChanges = 3;

    /// <summary>Resolves once the page has not changed for the given ms (at most 5 s).</summary>
    private const string WaitQuiet = """
        async quietMs => {
          let last = performance.now();
          const started = last;
          const observer = new MutationObserver(() => { last = performance.now(); });
          observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
          while (performance.now() - last < quietMs && performance.now() - started < 5000) {
            await new Promise(resolve => setTimeout(resolve, 50));
          }
          observer.disconnect();
        }
        """;

    /// <summary>
    /// Arms a viewer: the wall-clock time of the page's first DOM change from now on lands in <c>window.__benchSeen</c>.
    /// Nothing leaves the page until it is read after the change, so the measuring costs the browser and Playwright's
    /// driver nothing while the viewers show it (a promise awaited over the wire for each page did).
    /// </summary>
    private const string ArmViewer = """
        () => {
          window.__benchSeen = null;
          const observer = new MutationObserver(() => { observer.disconnect(); window.__benchSeen = performance.timeOrigin + performance.now(); });
          observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
        }
        """;

    /// <summary>
    /// Opens the viewers on one board, then sends checklist ticks through the mediator in-process and waits until every
    /// viewer's page changed; a viewer's latency is its first DOM change after the send, in wall-clock time.
    /// </summary>
    private static async Task<FanOutResult> MeasureFanOutAsync(
        BenchApp app, BoardBrowser browser, RenderBatches batches, NpgsqlDataSource source, string key, Guid lead, CircuitBenchOptions options, double idleCpuMsPerSecond)
    {
        var opening = Stopwatch.StartNew();
        var viewers = new List<IPage>();
        for (var i = 0; i < options.Viewers; i++)
        {
            viewers.Add(await browser.OpenBoardAsync(key));
        }

        Console.WriteLine($"{options.Viewers} viewers open on {key} in {opening.Elapsed.TotalSeconds:0} s");
        var (task, done) = await FanOutTaskAsync(source, key);
        // What each program uses in a second while nothing changes: the rounds count what a change adds to it.
        var quietBefore = CpuMeter.ByProgram();
        var quiet = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(10));
        var quietRates = CpuMeter.ByProgram().ToDictionary(p => p.Key, p => (p.Value - quietBefore.GetValueOrDefault(p.Key)) / quiet.Elapsed.TotalSeconds);
        var round = new FanOutRound(app, viewers, batches, task, lead, options, idleCpuMsPerSecond, quietRates);
        var together = await round.RunAsync(done);

        // The server's part alone: the browsers yield the cores to the app and PostgreSQL, as if they ran elsewhere.
        CpuMeter.LowerChromiumPriority();
        var serverFirst = await round.RunAsync(!done);
        return new FanOutResult(options.Viewers, options.Changes, opening.Elapsed.TotalSeconds, together, serverFirst);
    }

    /// <summary>
    /// Ticks sent through the mediator in-process, each after the viewers' pages settled; a viewer's latency is its first
    /// DOM change after the send and the app's handing of its render batch to SignalR, in wall-clock time.
    /// </summary>
    private sealed class FanOutRound(
        BenchApp app, IReadOnlyList<IPage> viewers, RenderBatches batches, Guid task, Guid lead, CircuitBenchOptions options, double idleCpuMsPerSecond,
        IReadOnlyDictionary<string, double> quietMsPerSecond)
    {
        public async Task<FanOutMeasures> RunAsync(bool done)
        {
            var latencies = new List<double>();
            var lasts = new List<double>();
            var sent = new List<double>();
            var sentLasts = new List<double>();
            var missed = 0;
            var cpu = TimeSpan.Zero;
            var elapsed = TimeSpan.Zero;
            var programs = new Dictionary<string, double>();
            for (var change = -WarmUpChanges; change < options.Changes; change++)
            {
                // The last change's renders have all arrived before the next is watched for.
                await Task.WhenAll(viewers.Select(v => v.EvaluateAsync(WaitQuiet, 500)));
                await Task.WhenAll(viewers.Select(v => v.EvaluateAsync(ArmViewer)));
                done = !done;
                var cpuBefore = CpuMeter.Now();
                var programsBefore = CpuMeter.ByProgram();
                var clock = Stopwatch.StartNew();
                var t0 = (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds;
                batches.Arm();
                await SendAsync(app, lead, new SetChecklistItemCommand(task, 1, done));
                var seen = await WaitForViewersAsync(viewers, TimeSpan.FromSeconds(10));
                var batchTimes = batches.Disarm();
                if (change < 0)
                {
                    continue;
                }

                cpu += CpuMeter.Now() - cpuBefore;
                elapsed += clock.Elapsed;
                foreach (var (program, ms) in CpuMeter.ByProgram())
                {
                    programs[program] = programs.GetValueOrDefault(program) + ms - programsBefore.GetValueOrDefault(program);
                }

                var these = seen.Where(s => s is not null).Select(s => s!.Value - t0).ToList();
                missed += seen.Count(s => s is null);
                latencies.AddRange(these);
                lasts.Add(these.Count == viewers.Count ? these.Max() : double.PositiveInfinity);
                sent.AddRange(batchTimes.Select(t => t - t0));
                sentLasts.Add(batchTimes.Count >= viewers.Count ? batchTimes.Max() - t0 : double.PositiveInfinity);
            }

            var cpuPerChange = cpu.TotalMilliseconds / options.Changes;
            return new FanOutMeasures(
                Stats.Of(latencies), Stats.Of(lasts), Stats.Of(sent), Stats.Of(sentLasts), missed, cpuPerChange,
                cpuPerChange - (idleCpuMsPerSecond * elapsed.TotalSeconds / options.Changes),
                programs.ToDictionary(p => p.Key, p => (p.Value - (quietMsPerSecond.GetValueOrDefault(p.Key) * elapsed.TotalSeconds)) / options.Changes));
        }
    }

    private static async Task<(Guid Task, bool Done)> FanOutTaskAsync(NpgsqlDataSource source, string key)
    {
        await using var command = source.CreateCommand($"""
            SELECT t.id, (t.checklist -> 0 ->> 'IsDone')::boolean FROM project_tasks t
            JOIN projects p ON p.id = t.project_id
            JOIN project_phases ph ON ph.id = t.phase_id AND ph.state = {(int)PhaseState.Active}
            WHERE p.key = '{key}' AND t.status IN ({(int)ProjectTaskStatus.NotStarted}, {(int)ProjectTaskStatus.InProgress}) AND jsonb_array_length(t.checklist) > 0
            ORDER BY t."order" LIMIT 1
            """);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetGuid(0), !reader.IsDBNull(1) && reader.GetBoolean(1));
    }

    /// <summary>
    /// Each viewer's first change since it was armed, in wall-clock ms: read once the change should be everywhere, then
    /// every half second for the viewers still missing it (at most <paramref name="cap"/>).
    /// </summary>
    private static async Task<double?[]> WaitForViewersAsync(IReadOnlyList<IPage> viewers, TimeSpan cap)
    {
        var waited = Stopwatch.StartNew();
        var seen = new double?[viewers.Count];
        await Task.Delay(1000);
        while (true)
        {
            var missing = Enumerable.Range(0, viewers.Count).Where(i => seen[i] is null).ToList();
            var read = await Task.WhenAll(missing.Select(i => viewers[i].EvaluateAsync<double?>("() => window.__benchSeen")));
            foreach (var (i, time) in missing.Zip(read))
            {
                seen[i] = time;
            }

            if (seen.All(s => s is not null) || waited.Elapsed > cap)
            {
                return seen;
            }

            await Task.Delay(500);
        }
    }

    // Report -------------------------------------------------------------------------------------------------------

    private static string Report(CircuitRun run)
    {
        var idle = run.Idle;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores (nproc {Environment.ProcessorCount}; {Environment.OSVersion}), .NET {Environment.Version} ({(GCSettings.IsServerGC ? "server" : "workstation")} GC), Chromium {run.Chromium} headless through Playwright; {run.Options.Projects:N0} projects; the app on Kestrel in the benchmark's process, the browser, and PostgreSQL on the same machine.");
        text.AppendLine(CultureInfo.InvariantCulture, $"Load average (1/5/15 min) at the start {run.LoadBefore}, at the end {run.LoadAfter}; the run took {run.Elapsed.TotalMinutes:0.0} min.");
        text.AppendLine();
        text.AppendLine("**Idle board circuits and server memory** (after a full, compacting collection; the process also holds the Playwright client)");
        text.AppendLine();
        text.AppendLine("| open circuits | GC heap (HeapSizeBytes) | GC total memory | working set |");
        text.AppendLine("|---:|---:|---:|---:|");
        foreach (var point in idle.Points)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {point.Circuits} | {Mb(point.GcHeapBytes)} | {Mb(point.GcTotalBytes)} | {Mb(point.WorkingSetBytes)} |");
        }

        text.AppendLine();
        text.AppendLine("| per idle circuit (least-squares slope) | measured | target |");
        text.AppendLine("|---|---:|---:|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| GC heap | {idle.Slope(p => p.GcHeapBytes) / 1024:N0} KB | ≤ 500 KB |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| working set | {idle.Slope(p => p.WorkingSetBytes) / 1024:N0} KB | ≤ 500 KB |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| idle CPU of the process, no circuit (10 s) | {idle.Empty} | |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| idle CPU of the process with {run.Options.MaxCircuits} circuits open (10 s) | {idle.Full} | |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| opening {run.Options.MaxCircuits} boards one after another (until interactive) | {idle.OpenSeconds:0} s ({idle.OpenSeconds * 1000 / run.Options.MaxCircuits:N0} ms each) | |");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"**Click → screen with {run.Options.MaxCircuits} idle circuits open** (measured in the page: a MutationObserver on the body; first change = first mutation after the click, settled = last mutation before {QuietMs:N0} ms without one, watched for at most {CapMs / 1000} s; {run.Options.WarmUp} warm-up clicks per action first). Target: settled p95 ≤ 50 ms.");
        text.AppendLine();
        text.AppendLine("| action | clicks | first change p50 / p95 | settled p50 / p95 / max | CPU per click, raw / net of idle | SQL statements per click |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var click in run.Clicks)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {click.Action} | {click.Clicks}{(click.Failed > 0 ? $" ({click.Failed} without a change)" : "")} | {click.First.P50:0.0} / {click.First.P95:0.0} ms | {click.Settled.P50:0.0} / {click.Settled.P95:0.0} / {click.Settled.Max:0.0} ms | {click.CpuRawMs:0.0} / {click.CpuNetMs:0.0} ms | {click.SqlPerClick:0.0} |");
        }

        text.AppendLine();
        text.AppendLine("CPU is the benchmark process's (the app and the Playwright client) over each measured click, watch window included; net subtracts the idle rate over the same time. SQL statements are every command Npgsql sent to the benchmark's database during the measured clicks, so they include background work a click wakes (the change feed's reloads of other circuits on the same board, read-model refreshes).");
        text.AppendLine();
        var fan = run.FanOut;
        text.AppendLine(CultureInfo.InvariantCulture, $"**Fan-out: {fan.Viewers} viewers on one board** (in addition to the {run.Options.MaxCircuits} idle circuits and the measuring page): a checklist tick sent through the mediator in-process, {fan.Changes} times after 3 unmeasured, in two rounds. Shown: a viewer's first DOM mutation after the send (wall clock, in its page) − the time just before the send. Sent: when the app handed the viewer's render batch to SignalR (Blazor's debug event, read from the app's log). Target: p95 ≤ 250 ms.");
        text.AppendLine();
        text.AppendLine("| fan-out | browsers at normal priority | browsers at the lowest priority (nice 19): the server's part |");
        text.AppendLine("|---|---:|---:|");
        static string Row(Stats s) => $"{s.P50:N0} / {s.P95:N0} / {s.Max:N0} ms";
        text.AppendLine(CultureInfo.InvariantCulture, $"| shown, the last of the {fan.Viewers} per change (p50 / p95 / max) | {Row(fan.Together.Last)} | {Row(fan.ServerFirst.Last)} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| shown, every (change, viewer) pair | {Row(fan.Together.All)} | {Row(fan.ServerFirst.All)} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| sent, the last of the {fan.Viewers} per change | {Row(fan.Together.SentLast)} | {Row(fan.ServerFirst.SentLast)} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| sent, every (change, viewer) pair | {Row(fan.Together.Sent)} | {Row(fan.ServerFirst.Sent)} |");
        static string Programs(FanOutMeasures m) => string.Join(", ", m.CpuByProgram.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value:0}"));
        text.AppendLine(CultureInfo.InvariantCulture, $"| the machine's CPU per change, ms, by program, net of its quiet rate | {Programs(fan.Together)} | {Programs(fan.ServerFirst)} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| the benchmark process's CPU per change (app and Playwright client), raw / net of idle | {fan.Together.CpuRawMs:0} / {fan.Together.CpuNetMs:0} ms | {fan.ServerFirst.CpuRawMs:0} / {fan.ServerFirst.CpuNetMs:0} ms |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| viewers that showed no change within 10 s | {fan.Together.Missed} | {fan.ServerFirst.Missed} |");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Opening the viewers took {fan.OpenSeconds:0} s. Each viewer keeps its time in the page, read a second after the change (then every half second for any still missing), so measuring adds nothing while they show it. In the first round the {fan.Viewers} viewers' Chromium renderers compete with the app and PostgreSQL for the {Environment.ProcessorCount} cores; in the second every Chromium thread runs at nice 19 and takes only what the server leaves, as on the viewers' own machines: sent is then the server's part.");
        return text.ToString();
    }

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:N1} MB");

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static async Task<List<string>> KeysAsync(NpgsqlDataSource source, string sql)
    {
        var keys = new List<string>();
        await using var command = source.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }
}

/// <summary>The boards: clicks (tick, panel, gate), starts (reset by SQL when it runs out), fan-out, and the idle ones.</summary>
internal sealed record Boards(string Click, string Start, string FanOut, IReadOnlyList<string> Idle)
{
    public IReadOnlyCollection<string> All => [Click, Start, FanOut, .. Idle];
}

/// <param name="MsPerSecond">Process CPU ms per wall-clock second.</param>
/// <param name="Settling">How long it waited for the JIT to settle first.</param>
/// <param name="Compiled">Methods the JIT compiled during the measurement.</param>
internal sealed record IdleCpu(double MsPerSecond, TimeSpan Settling, long Compiled)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{MsPerSecond:0.0} ms/s (after {Settling.TotalSeconds:0} s for the JIT to settle; {Compiled} methods compiled meanwhile)");
}

internal sealed record MemoryPoint(int Circuits, long GcTotalBytes, long GcHeapBytes, long WorkingSetBytes);

internal sealed record IdleResult(IReadOnlyList<MemoryPoint> Points, double OpenSeconds, IdleCpu Empty, IdleCpu Full)
{
    /// <summary>Bytes per circuit: the least-squares slope over the points.</summary>
    public double Slope(Func<MemoryPoint, long> value)
    {
        var n = Points.Count;
        var meanX = Points.Average(p => (double)p.Circuits);
        var meanY = Points.Average(p => (double)value(p));
        var sxx = Points.Sum(p => (p.Circuits - meanX) * (p.Circuits - meanX));
        return n < 2 || sxx == 0 ? 0 : Points.Sum(p => (p.Circuits - meanX) * (value(p) - meanY)) / sxx;
    }
}

internal sealed record Stats(double P50, double P95, double Max)
{
    public static Stats Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? new Stats(double.NaN, double.NaN, double.NaN) : new Stats(At(sorted, 0.50), At(sorted, 0.95), sorted[^1]);
    }

    private static double At(double[] sorted, double p) => sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(p * sorted.Length) - 1)];
}

internal sealed record ClickResult(string Action, int Clicks, int Failed, Stats First, Stats Settled, double CpuRawMs, double CpuNetMs, double SqlPerClick);

/// <param name="Together">The viewers' browsers share the cores with the app and PostgreSQL.</param>
/// <param name="ServerFirst">The browsers run at the lowest CPU priority: the server's part, as if they ran elsewhere.</param>
internal sealed record FanOutResult(int Viewers, int Changes, double OpenSeconds, FanOutMeasures Together, FanOutMeasures ServerFirst);

/// <param name="All">Each viewer's page changed (its first DOM mutation).</param>
/// <param name="Sent">The server handed each viewer's render batch to SignalR.</param>
/// <param name="CpuByProgram">The machine's CPU ms per change, by program, net of what each uses while nothing changes.</param>
internal sealed record FanOutMeasures(
    Stats All, Stats Last, Stats Sent, Stats SentLast, int Missed, double CpuRawMs, double CpuNetMs, IReadOnlyDictionary<string, double> CpuByProgram);

internal sealed record CircuitRun(
    CircuitBenchOptions Options, string Chromium, IdleResult Idle, IReadOnlyList<ClickResult> Clicks, FanOutResult FanOut, string LoadBefore, string LoadAfter, TimeSpan Elapsed);

/// <summary>The process's CPU time (the app runs in the benchmark's process).</summary>
internal static class CpuMeter
{
    public static TimeSpan Now()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    /// <summary>Every Chromium thread runs at the lowest CPU priority from now on (nice 19; on Linux a thread each).</summary>
    public static void LowerChromiumPriority()
    {
        var threads = Directory.EnumerateDirectories("/proc")
            .Where(dir => Path.GetFileName(dir).All(char.IsAsciiDigit) && File.Exists($"{dir}/comm") && File.ReadAllText($"{dir}/comm").StartsWith("chrom", StringComparison.Ordinal))
            .SelectMany(dir => Directory.EnumerateDirectories($"{dir}/task").Select(Path.GetFileName))
            .ToList();
        var start = new ProcessStartInfo("renice", ["-n", "19", "-p", .. threads!]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var renice = Process.Start(start)!;
        renice.StandardOutput.ReadToEnd();
        renice.WaitForExit();
    }

    /// <summary>
    /// CPU ms used so far by the machine's processes, by program: this process (the app and the Playwright client),
    /// Chromium, PostgreSQL, Playwright's driver, the rest (from /proc; a process that ended meanwhile is not counted).
    /// </summary>
    public static Dictionary<string, double> ByProgram()
    {
        var self = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var msPerTick = 1000.0 / 100; // USER_HZ
        var used = new Dictionary<string, double>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            var pid = Path.GetFileName(dir);
            if (!pid.All(char.IsAsciiDigit))
            {
                continue;
            }

            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(dir, "stat"));
            }
            catch (IOException)
            {
                continue;
            }

            var close = stat.LastIndexOf(')');
            var name = stat[(stat.IndexOf('(') + 1)..close];
            var fields = stat[(close + 2)..].Split(' ');
            var ms = (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) * msPerTick;
            var program = pid == self ? "app" : name.StartsWith("chrom", StringComparison.Ordinal) ? "Chromium" : name.StartsWith("postgres", StringComparison.Ordinal) ? "PostgreSQL" : name == "node" ? "Playwright driver" : "other";
            used[program] = used.GetValueOrDefault(program) + ms;
        }

        return used;
    }

    /// <summary>Fewer methods compiled in a 5 s slice than this, and the JIT has settled.</summary>
    private const int SettledJit = 25;

    /// <summary>
    /// CPU ms per second of wall time while nothing is asked of the app, once the JIT has settled: tiered compilation
    /// recompiles what the pages just ran in the background, on a busy machine for tens of seconds.
    /// </summary>
    public static async Task<IdleCpu> IdleRateAsync(TimeSpan over)
    {
        var settling = Stopwatch.StartNew();
        long compiled;
        do
        {
            compiled = JitInfo.GetCompiledMethodCount();
            await Task.Delay(TimeSpan.FromSeconds(5));
            compiled = JitInfo.GetCompiledMethodCount() - compiled;
        }
        while (compiled > SettledJit && settling.Elapsed < TimeSpan.FromSeconds(90));

        var (before, methods) = (Now(), JitInfo.GetCompiledMethodCount());
        var clock = Stopwatch.StartNew();
        await Task.Delay(over);
        return new IdleCpu((Now() - before).TotalMilliseconds / clock.Elapsed.TotalSeconds, settling.Elapsed - clock.Elapsed, JitInfo.GetCompiledMethodCount() - methods);
    }
}

/// <summary>
/// Counts the commands Npgsql sends to one database while switched on, from any code (the click's circuit and the
/// background work it wakes): Npgsql reports one activity per command or batch on its ActivitySource.
/// </summary>
internal sealed class SqlCounter : IDisposable
{
    private readonly ActivityListener _listener;
    private long _count;

    public SqlCounter(string database)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (On && (activity.GetTagItem("db.namespace") ?? activity.GetTagItem("db.name")) as string == database)
                {
                    Interlocked.Increment(ref _count);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public volatile bool On;

    public long Count => Interlocked.Read(ref _count);

    public void Dispose() => _listener.Dispose();
}

/// <summary>One Chromium, one context for the bench lead (signed in once through the sign-in page); each page a circuit.</summary>
internal sealed class BoardBrowser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly IBrowserContext _context;

    private BoardBrowser(IPlaywright playwright, IBrowser browser, IBrowserContext context)
    {
        (_playwright, _browser, _context) = (playwright, browser, context);
    }

    public List<IPage> Idle { get; } = [];

    public string Version => _browser.Version;

    public static async Task<BoardBrowser> LaunchAsync(Uri baseAddress)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath(),
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-sync",
                "--disable-background-networking", "--disable-component-update",
                // Many tabs in one headless browser: keep the background ones running as if each were a user's front tab.
                "--disable-background-timer-throttling", "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows",
            ],
        });
        var signIn = await NewContextAsync(browser, baseAddress, storageState: null);
        var page = await signIn.NewPageAsync();
        await page.GotoAsync("/Account/Login?returnUrl=%2F");
        await page.GetByLabel("E-mail").FillAsync("lead.circuits@bench.local");
        await page.GetByLabel("Password").FillAsync("Bench-pass-2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await WaitUntilInteractiveAsync(page);
        var state = await signIn.StorageStateAsync();
        await signIn.CloseAsync();
        var context = await NewContextAsync(browser, baseAddress, state);
        return new BoardBrowser(playwright, browser, context);
    }

    /// <summary>A new page (a new circuit) on the board, once it is interactive.</summary>
    public async Task<IPage> OpenBoardAsync(string key)
    {
        var page = await _context.NewPageAsync();
        await GoToBoardAsync(page, key);
        return page;
    }

    public async Task<IPage> NewPageAsync() => await _context.NewPageAsync();

    public static async Task GoToBoardAsync(IPage page, string key)
    {
        await page.GotoAsync($"/projects/{key}");
        await WaitUntilInteractiveAsync(page);
        await page.Locator("[data-testid=task-card]").First.WaitForAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _context.CloseAsync();
        await _browser.CloseAsync();
        _playwright.Dispose();
    }

    private static async Task<IBrowserContext> NewContextAsync(IBrowser browser, Uri baseAddress, string? storageState)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
            Locale = "en-GB",
            TimezoneId = "UTC",
            StorageState = storageState,
        });
        context.SetDefaultTimeout(120_000);
        return context;
    }

    // The layout sets the flag only when the circuit renders it, so events have handlers from then on.
    private static Task WaitUntilInteractiveAsync(IPage page) => page.Locator("[data-interactive=true]").WaitForAsync();

    // Debian's chromium, or one named by DSPROCESS_CHROMIUM; null lets Playwright use a browser it installed itself.
    private static string? ChromiumPath() =>
        new[] { Environment.GetEnvironmentVariable("DSPROCESS_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser" }
            .FirstOrDefault(p => !string.IsNullOrEmpty(p) && File.Exists(p));
}
