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
internal sealed record ApiBenchOptions(string Server, int Projects, int Clients, TimeSpan Duration, TimeSpan WarmUp, string Output, bool Keep, bool Reuse)
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
            TimeSpan.FromSeconds(Number("--seconds", 30)),
            TimeSpan.FromSeconds(Number("--warmup", 5)),
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

        Console.WriteLine($"Warming up for {options.WarmUp.TotalSeconds:0} s, then measuring for {options.Duration.TotalSeconds:0} s");
        await LoadAsync(client, path, splits, options.Clients, options.WarmUp, "warm");
        var (appCpu, databaseCpu, allocated, collections) = (Process.GetCurrentProcess().TotalProcessorTime, PostgresCpu(), GC.GetTotalAllocatedBytes(), GC.CollectionCount(0));
        var (latencies, elapsed) = await LoadAsync(client, path, splits, options.Clients, options.Duration, "run");
        appCpu = Process.GetCurrentProcess().TotalProcessorTime - appCpu;
        var databaseSpent = CpuBetween(databaseCpu, PostgresCpu());
        (allocated, collections) = (GC.GetTotalAllocatedBytes() - allocated, GC.CollectionCount(0) - collections);
        Array.Sort(latencies);
        var result = new ApiResult(
            latencies.Length, elapsed, Percentile(latencies, 0.50), Percentile(latencies, 0.95), Percentile(latencies, 0.99), latencies[^1],
            appCpu.TotalMilliseconds / latencies.Length, databaseSpent.TotalMilliseconds / latencies.Length, allocated / latencies.Length / 1024.0, collections);
        var report = Report(options, projects, activity, result);
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

    /// <summary>Each client registers versions one after another until the time is up; returns each request's milliseconds.</summary>
    private static async Task<(double[] Latencies, TimeSpan Elapsed)> LoadAsync(HttpClient client, string path, Guid[] splits, int clients, TimeSpan duration, string phase)
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        var perClient = await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            var samples = new List<double>();
            for (var n = 0; Stopwatch.GetTimestamp() < stopAt; n++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Body($"{run}-{phase}-{c}-{n}", splits) };
                request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
                var sent = Stopwatch.GetTimestamp();
                using var response = await client.SendAsync(request);
                if ((int)response.StatusCode != 201)
                {
                    throw new InvalidOperationException($"HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }

                samples.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
            }

            return samples;
        }));
        return ([.. perClient.SelectMany(s => s)], Stopwatch.GetElapsedTime(started));
    }

    private static StringContent Body(string label, Guid[] splits) => new(
        JsonSerializer.Serialize(new
        {
            name = "Bench model",
            label,
            experiment = "Nightly training",
            approach = "Gradient boosting",
            trainedOn = splits[..1],
            evaluatedOn = splits[1..],
            metrics = Enumerable.Range(0, Metrics).Select(i => new { name = $"metric_{i}", split = i % 2 == 0 ? "Test" : "Validation", value = 0.5 + (i / 100.0) }),
            artefactUri = $"s3://models/bench/{label}",
        }),
        Encoding.UTF8,
        "application/json");

    /// <summary>CPU time of each PostgreSQL process on this machine so far, by process id (Linux; none elsewhere).</summary>
    private static Dictionary<int, long> PostgresCpu()
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
    private static TimeSpan CpuBetween(Dictionary<int, long> before, Dictionary<int, long> after) =>
        TimeSpan.FromSeconds(after.Sum(p => p.Value - before.GetValueOrDefault(p.Key)) / 100.0);

    private static double Percentile(double[] sorted, double p) => sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(p * sorted.Length) - 1)];

    private static string Report(ApiBenchOptions options, long projects, long activity, ApiResult result) =>
        $"""
        Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores ({Environment.OSVersion}), .NET {Environment.Version}: {projects:N0} projects ({activity:N0} activity rows); the app on Kestrel with the database on the same machine.

        | POST /api/v1/projects/{"{key}"}/model-versions (10 metrics, bearer token, Idempotency-Key) | |
        |---|---:|
        | concurrent clients | {options.Clients} |
        | requests (after {options.WarmUp.TotalSeconds:0} s warm-up) | {result.Requests:N0} in {result.Elapsed.TotalSeconds:0.0} s |
        | throughput | {result.Requests / result.Elapsed.TotalSeconds:N0} requests/s |
        | latency p50 / p95 / p99 / max | {result.P50:0.0} / {result.P95:0.0} / {result.P99:0.0} / {result.Max:0.0} ms |
        | CPU per request: app and clients (one process) / PostgreSQL | {result.AppCpuMs:0.00} / {result.DatabaseCpuMs:0.00} ms |
        | allocated per request (app and clients); gen-0 collections | {result.AllocatedKb:N0} KB; {result.Collections:N0} ({(GCSettings.IsServerGC ? "server" : "workstation")} GC) |

        """;

    private sealed record ApiResult(int Requests, TimeSpan Elapsed, double P50, double P95, double P99, double Max, double AppCpuMs, double DatabaseCpuMs, double AllocatedKb, int Collections);
}
