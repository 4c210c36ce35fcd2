using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Projects.Commands.CreateProject;
using DsProcess.Application.Tokens.Commands.CreateServiceToken;
using DsProcess.Domain.Common;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.Integration;
using DsProcess.Domain.Notifications;
using DsProcess.Domain.Operations;
using DsProcess.Domain.People;
using DsProcess.Domain.Playbooks;
using DsProcess.Domain.Projects;
using DsProcess.Infrastructure.Data;
using DsProcess.Tests;
using DsProcess.Web.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DsProcess.Bench;

/// <param name="Models">Deployed model versions, one monitor each.</param>
/// <param name="PerProject">Models per project; one service token per project.</param>
/// <param name="Rate">Signal posts per second offered, on a fixed schedule.</param>
/// <param name="Clients">HTTP clients (pipelines); model i posts through client i mod clients.</param>
/// <param name="Reuse">Run on the projects and models a run with <paramref name="Keep"/> left, with new monitors.</param>
internal sealed record OperationsBenchOptions(
    string Server, int Models, int PerProject, int Rate, TimeSpan Duration, int Clients, string Output, bool Keep, bool Reuse)
{
    public int PostsPerModel => Math.Max(4, (int)Math.Round(Rate * Duration.TotalSeconds / Models));

    public int Projects => (Models + PerProject - 1) / PerProject;

    public static OperationsBenchOptions Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var server = Value("--server") ?? Environment.GetEnvironmentVariable("DSPROCESS_BENCH_POSTGRES")
            ?? throw new InvalidOperationException("Give a PostgreSQL server: --server \"Host=...;Username=...\" or DSPROCESS_BENCH_POSTGRES.");
        int Number(string name, int fallback) => int.Parse(Value(name) ?? fallback.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return new OperationsBenchOptions(
            server,
            Number("--models", 1000),
            Number("--per-project", 50),
            Number("--rate", 200),
            TimeSpan.FromSeconds(Number("--seconds", 60)),
            Number("--clients", 16),
            Value("--output") ?? Path.Combine("bench", "results", "operations.md"),
            args.Contains("--keep") || args.Contains("--reuse"),
            args.Contains("--reuse"));
    }
}

/// <summary>
/// The operations benchmark (<c>--operations</c>): 1,000 deployed model versions with a monitor each (four kinds, both
/// directions), their signals posted through the HTTP API on Kestrel with project service tokens, at 200 posts per
/// second on a fixed schedule from 16 clients, following <see cref="OperationsSignalPlan"/> (breaches, recoveries,
/// re-breaches, shuffled batches, stale signals, two posts to one monitor at once, retries with the same
/// Idempotency-Key; a 409 is retried with the same key as a pipeline does). Then it reads the alerts, signals,
/// monitors, activity and notifications back from the database and compares them with what the plan expects: the
/// mismatches must be 0. Reports the achieved rate and the posts' latency counted from when each was due.
/// </summary>
internal static class OperationsBench
{
    private const int MaxAttempts = 20;

    public static async Task RunAsync(OperationsBenchOptions options)
    {
        Console.WriteLine($"DsProcess operations benchmark · {options.Models:N0} models · {options.Rate} posts/s · {options.Duration.TotalSeconds:0} s · {options.Clients} clients · {Environment.ProcessorCount} cores");
        var database = $"dsp_bench_ops_{options.Models}";
        var connection = new NpgsqlConnectionStringBuilder(options.Server) { Database = database, CommandTimeout = 600, MaxPoolSize = 200 }.ConnectionString;
        if (!options.Reuse)
        {
            await Bench.ExecuteAsync(options.Server, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
            await using var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(connection).UseSnakeCaseNamingConvention().Options);
            await db.Database.MigrateAsync();
            db.Playbooks.Add(DefaultPlaybook.Create());
            await db.SaveChangesAsync();
        }

        await using var app = new BenchApp(connection, serveOverHttp: true);
        var setup = Stopwatch.StartNew();
        var (lead, projects) = options.Reuse ? await ExistingAsync(app) : await CreateProjectsAsync(app, options);
        var clients = Enumerable.Range(0, options.Clients)
            .Select(_ => new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10) }) { BaseAddress = app.BaseAddress })
            .ToArray();

        // Warm up on 50 other monitors, unpaced and unchecked: the JIT, the connection pools, the query plans.
        var warm = await AddMonitorsAsync(app, lead, projects[..1], options with { Models = Math.Min(50, options.Models) });
        var warmPlan = OperationsSignalPlan.Create(warm.Count, 12, Whole(DateTimeOffset.UtcNow) - OperationsSignalPlan.Span(12), $"warm-{Guid.NewGuid():N}", seed: 7);
        await RunAsync(clients, warmPlan, warm, rate: null);
        Console.WriteLine("Warmed up");

        var targets = await AddMonitorsAsync(app, lead, projects, options);
        Console.WriteLine($"{projects.Count} projects, {targets.Count:N0} monitored deployed models; set up and warmed up in {setup.Elapsed.TotalSeconds:0.0} s");
        var start = Whole(DateTimeOffset.UtcNow) - OperationsSignalPlan.Span(options.PostsPerModel);
        var plan = OperationsSignalPlan.Create(targets.Count, options.PostsPerModel, start, $"run-{Guid.NewGuid():N}");
        Console.WriteLine($"Posting {plan.Sum(m => m.Posts):N0} signal posts at {options.Rate}/s");
        var (appCpu, databaseCpu) = (Process.GetCurrentProcess().TotalProcessorTime, ApiBench.PostgresCpu());
        var run = await RunAsync(clients, plan, targets, options.Rate);
        run = run with
        {
            AppCpu = Process.GetCurrentProcess().TotalProcessorTime - appCpu,
            DatabaseCpu = await OwnBackendsCpuAsync(connection, databaseCpu),
        };
        foreach (var client in clients)
        {
            client.Dispose();
        }

        var check = await CheckAsync(app, plan, targets, lead.Id);
        var report = Report(options, projects.Count, plan, run, check);
        Console.WriteLine();
        Console.WriteLine(report);
        Directory.CreateDirectory(Path.GetDirectoryName(options.Output)!);
        await File.WriteAllTextAsync(options.Output, report);
        Console.WriteLine($"Written to {options.Output}");
        if (check.Mismatches.Count > 0 || run.Answers.Any(a => a.Error is not null))
        {
            // A run whose alerts differ from the plan, or whose posts failed, fails the command too.
            Environment.ExitCode = 1;
        }

        if (!options.Keep)
        {
            await app.DisposeAsync();
            NpgsqlConnection.ClearAllPools();
            await Bench.ExecuteAsync(options.Server, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }
    }

    private static DateTimeOffset Whole(DateTimeOffset at) => new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    /// <summary>A team lead with the projects, each with an ML engineer's service token, made through the use cases.</summary>
    private static async Task<(TestLead Lead, List<BenchProject> Projects)> CreateProjectsAsync(BenchApp app, OperationsBenchOptions options)
    {
        Guid lead;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            lead = await scope.ServiceProvider.GetRequiredService<IIdentityService>()
                .CreateUserAsync("lead@ops.bench.local", "Bench Lead", SystemRole.TeamLead, "Bench-pass-2026", Actor.System, CancellationToken.None);
        }

        var projects = new List<BenchProject>();
        for (var p = 0; p < options.Projects; p++)
        {
            var created = await SendAsync(app, lead, new CreateProjectCommand
            {
                Name = $"Scoring fleet {p + 1}",
                Key = $"OPS{p + 1:000}",
                Objective = "Models in operation",
                TargetDate = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(90),
            });
            var token = await SendAsync(app, lead, new CreateServiceTokenCommand(created.Id, "scoring pipeline", ProjectRole.MLEngineer, TokenScope.ReadWrite, 30));
            projects.Add(new BenchProject(created.Id, created.Key, token.Secret));
        }

        return (new TestLead(lead), projects);
    }

    /// <summary>The projects a run with --keep left, with new service tokens.</summary>
    private static async Task<(TestLead Lead, List<BenchProject> Projects)> ExistingAsync(BenchApp app)
    {
        List<(Guid Id, string Key)> rows;
        Guid lead;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            rows = [.. (await db.Projects.Where(p => p.Key.StartsWith("OPS")).OrderBy(p => p.Key).Select(p => new { p.Id, p.Key }).ToListAsync()).Select(p => (p.Id, p.Key))];
            lead = await db.People.Where(p => p.Email == "lead@ops.bench.local").Select(p => p.Id).SingleAsync();
        }

        var projects = new List<BenchProject>();
        foreach (var (id, key) in rows)
        {
            var token = await SendAsync(app, lead, new CreateServiceTokenCommand(id, $"scoring pipeline {Guid.NewGuid():N}"[..30], ProjectRole.MLEngineer, TokenScope.ReadWrite, 30));
            projects.Add(new BenchProject(id, key, token.Secret));
        }

        return (new TestLead(lead), projects);
    }

    /// <summary>
    /// New model versions, approved and deployed to production, with a monitor each (the plan's four kinds in turn), spread
    /// over the projects: built with the domain's own factories and saved per project, as the handlers would.
    /// </summary>
    private static async Task<List<Target>> AddMonitorsAsync(BenchApp app, TestLead lead, List<BenchProject> projects, OperationsBenchOptions options)
    {
        var targets = new List<Target>();
        var by = new Actor(lead.Id, "Bench Lead");
        var at = DateTimeOffset.UtcNow;
        var run = Guid.NewGuid().ToString("N")[..6];
        for (var p = 0; p < projects.Count && targets.Count < options.Models; p++)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            for (var i = 0; i < options.PerProject && targets.Count < options.Models; i++)
            {
                var rule = OperationsSignalPlan.Monitors[targets.Count % OperationsSignalPlan.Monitors.Length];
                var (model, deployment, monitor) = rule.Deploy(projects[p].Id, $"Scorer {targets.Count}", $"{run}-v{i}", $"https://scoring.example.com/{run}/{targets.Count}", by, at);
                db.ModelVersions.Add(model);
                db.Deployments.Add(deployment);
                db.Monitors.Add(monitor);
                targets.Add(new Target(projects[p], monitor.Id));
            }

            await db.SaveChangesAsync();
        }

        return targets;
    }

    /// <summary>
    /// Each model's steps one after another, each when it is due (the plan's posts spread evenly at <paramref name="rate"/>
    /// per second, model after model) or at once when unpaced; a post's latency counts from when it was due.
    /// </summary>
    private static async Task<RunResult> RunAsync(HttpClient[] clients, IReadOnlyList<PlannedModel> plan, List<Target> targets, int? rate)
    {
        var due = new Dictionary<(int Model, int Step), long>();
        var slot = 0L;
        var deepest = plan.Max(m => m.Steps.Count);
        for (var s = 0; s < deepest; s++)
        {
            foreach (var model in plan.Where(m => s < m.Steps.Count))
            {
                due[(model.Index, s)] = slot;
                slot += model.Steps[s].Posts.Count;
            }
        }

        var answers = new ConcurrentBag<Answer>();
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(plan.Select(async model =>
        {
            var client = clients[model.Index % clients.Length];
            var target = targets[model.Index];
            var path = $"/api/v1/projects/{target.Project.Key}/monitors/{target.Monitor}/signals";
            for (var s = 0; s < model.Steps.Count; s++)
            {
                var at = rate is { } perSecond ? started + (long)(due[(model.Index, s)] * (double)Stopwatch.Frequency / perSecond) : Stopwatch.GetTimestamp();
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), at);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }

                foreach (var answer in await Task.WhenAll(model.Steps[s].Posts.Select(post => PostAsync(client, path, target.Project.Token, post, at))))
                {
                    answers.Add(answer);
                }
            }
        }));
        return new RunResult([.. answers], Stopwatch.GetElapsedTime(started));
    }

    /// <summary>One post, retried with the same Idempotency-Key after a 409 (another post to the monitor saved first) or a network error.</summary>
    private static async Task<Answer> PostAsync(HttpClient client, string path, string token, PlannedPost post, long due)
    {
        var body = JsonSerializer.Serialize(new { signals = post.Signals.Select(s => new { value = s.Value, at = s.At }) });
        var conflicts = 0;
        string? error = null;
        var sent = Stopwatch.GetTimestamp();
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Add("Idempotency-Key", post.Key);
            try
            {
                using var response = await client.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    using var json = JsonDocument.Parse(text);
                    return new Answer(
                        Stopwatch.GetElapsedTime(due).TotalMilliseconds,
                        Stopwatch.GetElapsedTime(sent).TotalMilliseconds,
                        response.Headers.TryGetValues("Idempotent-Replayed", out var replayed) && replayed.Contains("true"),
                        json.RootElement.GetProperty("alertsOpened").GetArrayLength(),
                        json.RootElement.GetProperty("alertsClosed").GetArrayLength(),
                        conflicts,
                        null);
                }

                if (response.StatusCode != HttpStatusCode.Conflict)
                {
                    return new Answer(Stopwatch.GetElapsedTime(due).TotalMilliseconds, Stopwatch.GetElapsedTime(sent).TotalMilliseconds, false, 0, 0, conflicts, $"HTTP {(int)response.StatusCode}: {text}");
                }

                conflicts++;
                error = $"HTTP 409 {MaxAttempts} times: {text}";
            }
            catch (HttpRequestException ex)
            {
                error = ex.Message;
            }
        }

        return new Answer(Stopwatch.GetElapsedTime(due).TotalMilliseconds, Stopwatch.GetElapsedTime(sent).TotalMilliseconds, false, 0, 0, conflicts, error);
    }

    /// <summary>What the database holds for the monitors, against what the plan expects.</summary>
    private static async Task<CheckResult> CheckAsync(BenchApp app, IReadOnlyList<PlannedModel> plan, List<Target> targets, Guid lead)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var ids = targets.Select(t => t.Monitor).ToList();
        var projectIds = targets.Select(t => t.Project.Id).Distinct().ToList();
        var alerts = (await db.Alerts.AsNoTracking().Where(a => ids.Contains(a.MonitorId)).ToListAsync()).ToLookup(a => a.MonitorId);
        var monitors = await db.Monitors.AsNoTracking().Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id);
        var signals = await db.Signals.Where(s => ids.Contains(s.MonitorId)).GroupBy(s => s.MonitorId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        var mismatches = new List<string>();
        foreach (var model in plan)
        {
            var id = targets[model.Index].Monitor;
            var actual = alerts[id].OrderBy(a => a.OpenedAt).Select(a => new ExpectedAlert(a.OpenedAt, a.OpeningValue, a.ClosedAt)).ToList();
            var monitor = monitors[id];
            var open = alerts[id].SingleOrDefault(a => !a.IsClosed);
            if (!actual.SequenceEqual(model.Alerts)
                || alerts[id].Any(a => a.IsClosed && a.ClosedBecause != AlertClosure.Recovered)
                || signals.GetValueOrDefault(id) != model.SignalsStored
                || monitor.IsBreaching != model.BreachingAtEnd
                || monitor.CurrentAlertId != open?.Id)
            {
                mismatches.Add($"model {model.Index}: expected {model.Alerts.Count} alerts ({model.Alerts.Count(a => a.ClosedAt is null)} open), {model.SignalsStored} signals; "
                    + $"found {actual.Count} ({actual.Count(a => a.ClosedAt is null)} open), {signals.GetValueOrDefault(id)} signals, breaching {monitor.IsBreaching}");
            }
        }

        var since = targets.Count == 0 ? DateTimeOffset.UtcNow : monitors.Values.Min(m => m.CreatedAt);
        var actualAlerts = alerts.Sum(g => g.Count());
        var activityOpened = await db.Activity.CountAsync(a => projectIds.Contains(a.ProjectId!.Value) && a.Kind == Domain.Activity.ActivityKind.AlertOpened && a.At >= since);
        var activityClosed = await db.Activity.CountAsync(a => projectIds.Contains(a.ProjectId!.Value) && a.Kind == Domain.Activity.ActivityKind.AlertClosed && a.At >= since);
        var notified = await db.Notifications.CountAsync(n => n.RecipientId == lead && projectIds.Contains(n.ProjectId!.Value) && n.Kind == NotificationKind.AlertOpened && n.CreatedAt >= since);
        return new CheckResult(
            actualAlerts,
            alerts.Sum(g => g.Count(a => a.IsClosed)),
            alerts.Sum(g => g.Count(a => !a.IsClosed)),
            signals.Values.Sum(),
            activityOpened,
            activityClosed,
            notified,
            mismatches);
    }

    /// <summary>
    /// The CPU spent since <paramref name="before"/> by the PostgreSQL backends connected to the bench's database (its
    /// pooled connections live through the run): the server may be shared, and other databases' work is not ours.
    /// </summary>
    private static async Task<TimeSpan> OwnBackendsCpuAsync(string connection, Dictionary<int, long> before)
    {
        var after = ApiBench.PostgresCpu();
        var own = new HashSet<int>();
        await using (var source = NpgsqlDataSource.Create(connection))
        await using (var command = source.CreateCommand("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                own.Add(reader.GetInt32(0));
            }
        }

        return ApiBench.CpuBetween(before.Where(p => own.Contains(p.Key)).ToDictionary(), after.Where(p => own.Contains(p.Key)).ToDictionary());
    }

    private static string LoadAverage() =>
        OperatingSystem.IsLinux() && File.Exists("/proc/loadavg") ? string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[(int)Math.Min(sorted.Length - 1, Math.Max(0, Math.Ceiling(p * sorted.Length) - 1))];

    private static string Report(OperationsBenchOptions options, int projects, IReadOnlyList<PlannedModel> plan, RunResult run, CheckResult check)
    {
        var expected = plan.SelectMany(m => m.Alerts).ToList();
        var (opened, closed, open) = (expected.Count, expected.Count(a => a.ClosedAt is not null), expected.Count(a => a.ClosedAt is null));
        var posts = plan.Sum(m => m.Posts);
        var replays = plan.Sum(m => m.Steps.Sum(s => s.Posts.Count(p => p.Replay)));
        var pairs = plan.Sum(m => m.Steps.Count(s => s.Posts.Count == 2 && !s.Posts[1].Replay));
        var signals = plan.Sum(m => m.Steps.Sum(s => s.Posts.Where(p => !p.Replay).Sum(p => p.Signals.Count)));
        var latencies = run.Answers.Select(a => a.Milliseconds).Order().ToArray();
        var service = run.Answers.Select(a => a.ServiceMilliseconds).Order().ToArray();
        var errors = run.Answers.Where(a => a.Error is not null).ToList();
        var first = run.Answers.Where(a => a.Error is null && !a.Replayed).ToList();
        static string Row(string what, long want, long got) => $"| {what} | {want:N0} | {got:N0} | {(want == got ? "yes" : "**no**")} |";
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores ({Environment.OSVersion}), .NET {Environment.Version}: {plan.Count:N0} deployed model versions with a monitor each in {projects} projects; the app on Kestrel with PostgreSQL and the {options.Clients} clients on the same machine, after an unpaced warm-up on 50 other monitors.");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"`POST /api/v1/projects/{{key}}/monitors/{{id}}/signals` with a project service token (ML engineer) and an Idempotency-Key, paced at {options.Rate} posts/s on a fixed schedule for {options.Duration.TotalSeconds:0} s: {posts:N0} posts, {signals:N0} signals ({replays:N0} retries with a used key, {pairs:N0} pairs of posts to one monitor at once).");
        text.AppendLine();
        text.AppendLine("| | |");
        text.AppendLine("|---|---:|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| posts answered | {run.Answers.Length - errors.Count:N0} of {posts:N0} in {run.Elapsed.TotalSeconds:0.0} s |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| achieved rate | {run.Answers.Length / run.Elapsed.TotalSeconds:0.0} posts/s, {signals / run.Elapsed.TotalSeconds:0.0} signals/s |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| latency from due time p50 / p95 / p99 / max | {Percentile(latencies, 0.50):0.0} / {Percentile(latencies, 0.95):0.0} / {Percentile(latencies, 0.99):0.0} / {(latencies.Length == 0 ? 0 : latencies[^1]):0.0} ms |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| latency from sending (409 retries included) p50 / p95 / p99 / max | {Percentile(service, 0.50):0.0} / {Percentile(service, 0.95):0.0} / {Percentile(service, 0.99):0.0} / {(service.Length == 0 ? 0 : service[^1]):0.0} ms |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| CPU per post: app and clients (one process) / PostgreSQL (the bench database's backends) | {run.AppCpu.TotalMilliseconds / Math.Max(1, run.Answers.Length):0.00} / {run.DatabaseCpu.TotalMilliseconds / Math.Max(1, run.Answers.Length):0.00} ms |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| machine load average (1 / 5 / 15 min) at the end, other work included | {LoadAverage()} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| 409 conflicts, retried with the same key | {run.Answers.Sum(a => a.Conflicts):N0} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| answered as replays (Idempotent-Replayed) | {run.Answers.Count(a => a.Replayed):N0} (planned {replays:N0}) |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| errors (anything but 200 after retries) | {errors.Count:N0} |");
        text.AppendLine();
        text.AppendLine("| alerts and their traces | expected | actual | same |");
        text.AppendLine("|---|---:|---:|---|");
        text.AppendLine(Row("alerts opened", opened, check.Alerts));
        text.AppendLine(Row("alerts closed (recovered)", closed, check.Closed));
        text.AppendLine(Row("alerts open at the end", open, check.Open));
        text.AppendLine(Row("signals stored", signals, check.Signals));
        text.AppendLine(Row("opened, as the answers of first runs say", opened, first.Sum(a => a.Opened)));
        text.AppendLine(Row("closed, as the answers of first runs say", closed, first.Sum(a => a.Closed)));
        text.AppendLine(Row("activity: AlertOpened", opened, check.ActivityOpened));
        text.AppendLine(Row("activity: AlertClosed", closed, check.ActivityClosed));
        text.AppendLine(Row("notifications to the team lead", opened, check.Notified));
        text.AppendLine(CultureInfo.InvariantCulture, $"| **monitors whose alerts, signals or state differ from the plan** | 0 | {check.Mismatches.Count:N0} | {(check.Mismatches.Count == 0 ? "yes" : "**no**")} |");
        foreach (var line in check.Mismatches.Take(10).Concat(errors.Take(10).Select(e => e.Error!)))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"\n- {line}");
        }

        return text.ToString();
    }

    private static async Task<T> SendAsync<T>(BenchApp app, Guid caller, ICommand<T> command)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().UserId = caller;
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
    }

    private sealed record TestLead(Guid Id);

    private sealed record BenchProject(Guid Id, string Key, string Token);

    private sealed record Target(BenchProject Project, Guid Monitor);

    private sealed record Answer(double Milliseconds, double ServiceMilliseconds, bool Replayed, int Opened, int Closed, int Conflicts, string? Error);

    private sealed record RunResult(Answer[] Answers, TimeSpan Elapsed, TimeSpan AppCpu = default, TimeSpan DatabaseCpu = default);

    private sealed record CheckResult(int Alerts, int Closed, int Open, int Signals, int ActivityOpened, int ActivityClosed, int Notified, List<string> Mismatches);
}
