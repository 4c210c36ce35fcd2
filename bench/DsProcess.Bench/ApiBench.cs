using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime;
using System.Text;
using System.Text.Json;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Teams.Commands.AddMember;
using DsProcess.Application.Tokens.Commands.CreatePersonalToken;
using DsProcess.Domain.Common;
using DsProcess.Domain.Integration;
using DsProcess.Domain.Playbooks;
using DsProcess.Domain.Projects;
using DsProcess.Infrastructure.Data;
using DsProcess.Web.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DsProcess.Bench;

/// <param name="Reuse">Run on the database a run with <paramref name="Keep"/> left, instead of generating it again.</param>
/// <param name="Rate">The paced run's offered load in requests per second, spread evenly over the clients.</param>
internal sealed record ApiBenchOptions(string Server, int Projects, int Clients, int Rate, TimeSpan Duration, TimeSpan WarmUp, string Output, bool Keep, bool Reuse)
{
    public static ApiBenchOptions Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var server = Value("--server") ?? Environment.GetEnvironmentVariable("DSPROCESS_BENCH_POSTGRES")
            ?? throw new InvalidOperationException("Give a PostgreSQL server: --server \"Host=...;Username=...\" or DSPROCESS_BENCH_POSTGRES.");
        int Number(string name, int fallback) => int.Parse(Value(name) ?? fallback.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return new ApiBenchOptions(
            server,
            Number("--projects", 10_000),
            Number("--clients", 16),
            Number("--rate", 400),
            TimeSpan.FromSeconds(Number("--seconds", 30)),
            TimeSpan.FromSeconds(Number("--warmup", 10)),
            Value("--output") ?? Path.Combine("bench", "results", "api.md"),
            args.Contains("--keep") || args.Contains("--reuse"),
            args.Contains("--reuse"));
    }
}

/// <summary>
/// The API benchmark (<c>--api</c>): on a portfolio of 10,000 projects, a data scientist's bearer token registers model
/// versions with ten metrics each through the HTTP API, served by Kestrel, from 16 concurrent clients for a fixed time,
/// each request with its own Idempotency-Key as a training script sends it. Reports p50/p95 latency and requests/s.
/// </summary>
internal static class ApiBench
{
    private const int Metrics = 10;

    /// <summary>Fewer methods compiled in a warm-up slice than this, and the JIT has settled.</summary>
    private const int SettledJit = 25;

    private static readonly TimeSpan MaxWarmUp = TimeSpan.FromMinutes(3);

    public static async Task RunAsync(ApiBenchOptions options)
    {
        Console.WriteLine($"DsProcess API benchmark · {options.Projects:N0} projects · {options.Clients} clients · {options.Duration.TotalSeconds:0} s · {Environment.ProcessorCount} cores");
        var database = $"dsp_bench_api_{options.Projects}";
        var connection = new NpgsqlConnectionStringBuilder(options.Server) { Database = database, CommandTimeout = 600 }.ConnectionString;
        var bulk = new NpgsqlConnectionStringBuilder(connection) { Options = "-c jit=off" }.ConnectionString;
        await using var source = NpgsqlDataSource.Create(bulk);
        if (!options.Reuse)
        {
            await Bench.ExecuteAsync(options.Server, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
            await using (var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(bulk).UseSnakeCaseNamingConvention().Options))
            {
                await db.Database.MigrateAsync();
                db.Playbooks.Add(DefaultPlaybook.Create());
                await db.SaveChangesAsync();
            }

            await new DataGenerator(source, options.Projects).GenerateAsync();
        }

        var (projects, activity) = (await Bench.ScalarAsync<long>(source, "SELECT count(*) FROM projects"), await Bench.ScalarAsync<long>(source, "SELECT count(*) FROM activity"));
        Console.WriteLine($"{projects:N0} projects, {activity:N0} activity rows");
        await Bench.TimeSqlAsync(source, "VACUUM (ANALYZE)");

        await using var app = new BenchApp(connection, serveOverHttp: true);
        var project = await Bench.ScalarAsync<Guid>(source, "SELECT id FROM projects ORDER BY id OFFSET (SELECT count(*) / 2 FROM projects) LIMIT 1");
        var key = await Bench.ScalarAsync<string>(source, $"SELECT key FROM projects WHERE id = '{project}'");
        if (!options.Reuse)
        {
            await using var scope = app.Services.CreateAsyncScope();
            await EvidenceGenerator.AddAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), project);
        }

        var (token, splits) = await ArrangeScientistAsync(app, source, project);
        await Bench.TimeSqlAsync(source, "ANALYZE");

        using var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10) }) { BaseAddress = app.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var path = $"/api/v1/projects/{key}/model-versions";

        var load = new Load(client, path, splits, options.Clients);
        await WarmUpAsync(load, options.WarmUp);
        var speedBefore = ReferenceWorkMs();
        Console.WriteLine($"Measuring {options.Clients} clients as fast as they go for {options.Duration.TotalSeconds:0} s");
        var saturated = await MeasureAsync(() => load.RunAsync(options.Duration, "run", rate: null));
        Console.WriteLine($"Measuring {options.Clients} clients paced at {options.Rate} requests/s together for {options.Duration.TotalSeconds:0} s");
        var paced = await MeasureAsync(() => load.RunAsync(options.Duration, "paced", options.Rate));
        var speed = (Before: speedBefore, After: ReferenceWorkMs());
        var report = Report(options, projects, activity, saturated, paced, speed);
        Console.WriteLine();
        Console.WriteLine(report);
        Directory.CreateDirectory(Path.GetDirectoryName(options.Output)!);
        await File.WriteAllTextAsync(options.Output, report);
        Console.WriteLine($"Written to {options.Output}");

        if (!options.Keep)
        {
            await app.DisposeAsync();
            NpgsqlConnection.ClearAllPools();
            await Bench.ExecuteAsync(options.Server, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }
    }

    /// <summary>A person made a data scientist of the project by its lead, with a read/write token of their own.</summary>
    private static async Task<(string Token, Guid[] Splits)> ArrangeScientistAsync(BenchApp app, NpgsqlDataSource source, Guid project)
    {
        var lead = await Bench.ScalarAsync<Guid>(source, $"SELECT person_id FROM project_members WHERE project_id = '{project}' AND roles @> ARRAY[{(int)ProjectRole.TeamLead}] LIMIT 1");
        Guid scientist;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scientist = await scope.ServiceProvider.GetRequiredService<IIdentityService>()
                .CreateUserAsync($"scientist.{Guid.NewGuid():N}@bench.local", "Bench Scientist", Domain.People.SystemRole.Member, "Bench-pass-2026", Actor.System, CancellationToken.None);
        }

        await SendAsync(app, lead, new AddMemberCommand { ProjectId = project, PersonId = scientist, Roles = [ProjectRole.DataScientist] });
        var token = await SendAsync(app, scientist, new CreatePersonalTokenCommand("training pipeline", TokenScope.ReadWrite, 30));
        await using var command = source.CreateCommand($"SELECT id FROM dataset_versions WHERE project_id = '{project}' ORDER BY registered_at LIMIT 2");
        var splits = new List<Guid>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                splits.Add(reader.GetGuid(0));
            }
        }

        return (token.Secret, [.. splits]);
    }

    private static async Task<T> SendAsync<T>(BenchApp app, Guid caller, ICommand<T> command)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().UserId = caller;
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
    }

    /// <summary>
    /// Loads until the JIT has settled: tiered compilation recompiles hot methods in the background, and on two busy
    /// cores that takes tens of seconds, so a short warm-up measures half-compiled code rather than the running server.
    /// </summary>
    private static async Task WarmUpAsync(Load load, TimeSpan atLeast)
    {
        var slice = TimeSpan.FromSeconds(5);
        var started = Stopwatch.GetTimestamp();
        long compiled;
        do
        {
            compiled = JitInfo.GetCompiledMethodCount();
            await load.RunAsync(slice, "warm", rate: null);
            compiled = JitInfo.GetCompiledMethodCount() - compiled;
            Console.WriteLine($"Warming up: {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s, {compiled} methods compiled in the last {slice.TotalSeconds:0} s");
        }
        while ((Stopwatch.GetElapsedTime(started) < atLeast || compiled > SettledJit) && Stopwatch.GetElapsedTime(started) < MaxWarmUp);
    }

    /// <summary>
    /// How long a fixed piece of arithmetic takes on one core, in ms: on a shared machine the same code runs up to half as
    /// fast at another hour, so each result carries the speed it was measured at.
    /// </summary>
    private static double ReferenceWorkMs()
    {
        var started = Stopwatch.GetTimestamp();
        var x = 88172645463325252UL;
        for (var i = 0; i < 200_000_000; i++)
        {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
        }

        GC.KeepAlive(x);
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    /// <summary>One run with the CPU and memory it cost, per request.</summary>
    private static async Task<ApiResult> MeasureAsync(Func<Task<(double[] Latencies, TimeSpan Elapsed)>> run)
    {
        var (appCpu, databaseCpu, allocated, collections) = (Process.GetCurrentProcess().TotalProcessorTime, PostgresCpu(), GC.GetTotalAllocatedBytes(), GC.CollectionCount(0));
        var (latencies, elapsed) = await run();
        appCpu = Process.GetCurrentProcess().TotalProcessorTime - appCpu;
        var databaseSpent = CpuBetween(databaseCpu, PostgresCpu());
        (allocated, collections) = (GC.GetTotalAllocatedBytes() - allocated, GC.CollectionCount(0) - collections);
        Array.Sort(latencies);
        return new ApiResult(
            latencies.Length, elapsed, Percentile(latencies, 0.50), Percentile(latencies, 0.95), Percentile(latencies, 0.99), latencies[^1],
            appCpu.TotalMilliseconds / latencies.Length, databaseSpent.TotalMilliseconds / latencies.Length, allocated / latencies.Length / 1024.0, collections);
    }

    /// <summary>The clients: each registers model versions one after another, with its own Idempotency-Key each time.</summary>
    private sealed class Load(HttpClient client, string path, Guid[] splits, int clients)
    {
        /// <summary>
        /// Runs the clients until the time is up; returns each request's milliseconds. Unpaced, each sends its next
        /// request when the last is answered. Paced at <paramref name="rate"/> requests/s together, each sends on a
        /// fixed schedule and a request's time counts from when it was due, so a server that falls behind shows it.
        /// </summary>
        public async Task<(double[] Latencies, TimeSpan Elapsed)> RunAsync(TimeSpan duration, string phase, int? rate)
        {
            var run = Guid.NewGuid().ToString("N")[..6];
            var started = Stopwatch.GetTimestamp();
            var stopAt = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
            var interval = rate is { } perSecond ? (long)(Stopwatch.Frequency * (double)clients / perSecond) : 0;
            var perClient = await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
            {
                var samples = new List<double>();
                var due = started + (interval * c / clients);
                for (var n = 0; Stopwatch.GetTimestamp() < stopAt; n++)
                {
                    if (interval > 0)
                    {
                        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                        if (wait > TimeSpan.Zero)
                        {
                            await Task.Delay(wait);
                        }
                    }

                    var from = interval > 0 ? due : Stopwatch.GetTimestamp();
                    await SendAsync($"{run}-{phase}-{c}-{n}");
                    samples.Add(Stopwatch.GetElapsedTime(from).TotalMilliseconds);
                    due += interval;
                }

                return samples;
            }));
            return ([.. perClient.SelectMany(s => s)], Stopwatch.GetElapsedTime(started));
        }

        private async Task SendAsync(string label)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Body(label) };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            using var response = await client.SendAsync(request);
            if ((int)response.StatusCode != 201)
            {
                throw new InvalidOperationException($"HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        }

        private const string LabelMark = "LABEL";

        /// <summary>The body with <see cref="LabelMark"/> where the label goes: serialised once, so the clients spend little CPU of the machine they share with the app.</summary>
        private readonly string _template = JsonSerializer.Serialize(new
        {
            name = "Bench model",
            label = LabelMark,
            experiment = "Nightly training",
            approach = "Gradient boosting",
            trainedOn = splits[..1],
            evaluatedOn = splits[1..],
            metrics = Enumerable.Range(0, Metrics).Select(i => new { name = $"metric_{i}", split = i % 2 == 0 ? "Test" : "Validation", value = 0.5 + (i / 100.0) }),
            artefactUri = $"s3://models/bench/{LabelMark}",
        });

        private StringContent Body(string label) => new(_template.Replace(LabelMark, label, StringComparison.Ordinal), Encoding.UTF8, "application/json");
    }

    /// <summary>CPU time of each PostgreSQL process on this machine so far, by process id (Linux; none elsewhere).</summary>
    internal static Dictionary<int, long> PostgresCpu()
    {
        var ticks = new Dictionary<int, long>();
        if (!OperatingSystem.IsLinux())
        {
            return ticks;
        }

        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var close = stat.LastIndexOf(')');
                if (stat.AsSpan(0, close).EndsWith("(postgres", StringComparison.Ordinal))
                {
                    // After "pid (comm) ", field 3 is the state; utime and stime are fields 14 and 15.
                    var fields = stat[(close + 2)..].Split(' ');
                    ticks[pid] = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                }
            }
            catch (IOException)
            {
                // The process ended meanwhile.
            }
        }

        return ticks;
    }

    /// <summary>The CPU PostgreSQL spent between two readings: per process that is still there, and all of a new one.</summary>
    internal static TimeSpan CpuBetween(Dictionary<int, long> before, Dictionary<int, long> after) =>
        TimeSpan.FromSeconds(after.Sum(p => p.Value - before.GetValueOrDefault(p.Key)) / 100.0);

    private static double Percentile(double[] sorted, double p) => sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(p * sorted.Length) - 1)];

    private static string Report(ApiBenchOptions options, long projects, long activity, ApiResult saturated, ApiResult paced, (double Before, double After) speed) =>
        $"""
        Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores ({Environment.OSVersion}), .NET {Environment.Version}: {projects:N0} projects ({activity:N0} activity rows); the app on Kestrel with the database and the clients on the same machine, after a warm-up until the JIT settled.

        | POST /api/v1/projects/{"{key}"}/model-versions (10 metrics, bearer token, Idempotency-Key), {options.Clients} clients | as fast as they go | paced at {options.Rate}/s together |
        |---|---:|---:|
        | requests | {saturated.Requests:N0} in {saturated.Elapsed.TotalSeconds:0.0} s | {paced.Requests:N0} in {paced.Elapsed.TotalSeconds:0.0} s |
        | throughput | {saturated.Throughput:N0} requests/s | {paced.Throughput:N0} requests/s |
        | latency p50 / p95 / p99 / max | {saturated.Latencies} | {paced.Latencies} |
        | CPU per request: app and clients (one process) / PostgreSQL | {saturated.AppCpuMs:0.00} / {saturated.DatabaseCpuMs:0.00} ms | {paced.AppCpuMs:0.00} / {paced.DatabaseCpuMs:0.00} ms |
        | allocated per request (app and clients); gen-0 collections ({(GCSettings.IsServerGC ? "server" : "workstation")} GC) | {saturated.AllocatedKb:N0} KB; {saturated.Collections:N0} | {paced.AllocatedKb:N0} KB; {paced.Collections:N0} |

        The machine's speed: a fixed single-threaded workload took {speed.Before:N0} ms before the runs and {speed.After:N0} ms after them (more is slower; shared machines vary).

        """;

    private sealed record ApiResult(int Requests, TimeSpan Elapsed, double P50, double P95, double P99, double Max, double AppCpuMs, double DatabaseCpuMs, double AllocatedKb, int Collections)
    {
        public double Throughput => Requests / Elapsed.TotalSeconds;

        public string Latencies => FormattableString.Invariant($"{P50:0.0} / {P95:0.0} / {P99:0.0} / {Max:0.0} ms");
    }
}
