using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Dashboards;
using DsProcess.Application.Dashboards.Queries.DashboardProjects;
using DsProcess.Application.Dashboards.Queries.FlowMetrics;
using DsProcess.Application.Dashboards.Queries.Portfolio;
using DsProcess.Application.Dashboards.Queries.Waiting;
using DsProcess.Application.Dashboards.Queries.Workload;
using DsProcess.Application.Evidence.Datasets.Queries.ProjectData;
using DsProcess.Application.Evidence.Lineage.Queries.ProjectLineage;
using DsProcess.Application.Search;
using DsProcess.Domain.Common;
using DsProcess.Domain.People;
using DsProcess.Domain.Playbooks;
using DsProcess.Domain.Projects;
using DsProcess.Infrastructure.Data;
using DsProcess.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DsProcess.Bench;

/// <summary>
/// The dashboard benchmark: builds portfolios of several sizes with COPY, then times every dashboard query
/// (through the mediator, as the page sends them) and the whole dashboard page, and reports p50/p95.
/// </summary>
internal static class BenchProgram
{
    public static async Task Main(string[] args)
    {
        if (args.Contains("--api"))
        {
            await ApiBench.RunAsync(ApiBenchOptions.Parse(args));
            return;
        }

        if (args.Contains("--operations"))
        {
            await OperationsBench.RunAsync(OperationsBenchOptions.Parse(args));
            return;
        }

        if (args.Contains("--circuits"))
        {
            await CircuitBench.RunAsync(CircuitBenchOptions.Parse(args));
            return;
        }

        if (args.Contains("--webhooks"))
        {
            await WebhookBench.RunAsync(args);
            return;
        }

        var options = Options.Parse(args);
        Console.WriteLine($"DsProcess dashboard benchmark · sizes {string.Join(", ", options.Sizes)} · {options.Runs} runs per query · {Environment.ProcessorCount} cores");
        var results = new List<SizeResult>();
        foreach (var size in options.Sizes)
        {
            results.Add(await Bench.RunAsync(options, size));
        }

        var report = Bench.Report(options, results);
        Console.WriteLine();
        Console.WriteLine(report);
        Directory.CreateDirectory(Path.GetDirectoryName(options.Output)!);
        await File.WriteAllTextAsync(options.Output, report);
        Console.WriteLine($"Written to {options.Output}");
    }
}

internal sealed record Options(string Server, int[] Sizes, int Runs, string Output, bool Keep)
{
    public static Options Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var server = Value("--server") ?? Environment.GetEnvironmentVariable("DSPROCESS_BENCH_POSTGRES")
            ?? throw new InvalidOperationException("Give a PostgreSQL server: --server \"Host=...;Username=...\" or DSPROCESS_BENCH_POSTGRES.");
        var sizes = (Value("--sizes") ?? "100,1000,10000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var runs = int.Parse(Value("--runs") ?? "200", CultureInfo.InvariantCulture);
        return new Options(server, sizes, runs, Value("--output") ?? Path.Combine("bench", "results", "latest.md"), args.Contains("--keep"));
    }
}

internal sealed record Timing(string Name, double P50, double P95, double Max);

internal sealed record SizeResult(int Size, DataGenerator.Counts Counts, double LoadSeconds, double RefreshAllMs, double RefreshFlowMs, double RefreshOneProjectMs, long LeadProjects, IReadOnlyList<Timing> Timings);

internal static class Bench
{
    private const string Password = "Bench-pass-2026";

    public static async Task<SizeResult> RunAsync(Options options, int size)
    {
        var database = $"dsp_bench_{size}";
        // The app gets the connection string as an operator would give it (it adds its own session settings); the
        // bulk work (migration, COPY, refreshes) runs with JIT off like the app.
        var connection = new NpgsqlConnectionStringBuilder(options.Server) { Database = database, CommandTimeout = 600 }.ConnectionString;
        var bulk = new NpgsqlConnectionStringBuilder(connection) { Options = "-c jit=off" }.ConnectionString;
        await ExecuteAsync(options.Server, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        Console.WriteLine($"\n[{size}] migrating {database}");
        await using (var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(bulk).UseSnakeCaseNamingConvention().Options))
        {
            await db.Database.MigrateAsync();
            db.Playbooks.Add(DefaultPlaybook.Create());
            await db.SaveChangesAsync();
        }

        await using var app = new BenchApp(connection);
        Guid viewer;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            viewer = await scope.ServiceProvider.GetRequiredService<IIdentityService>()
                .CreateUserAsync("viewer@bench.local", "Bench Viewer", SystemRole.Viewer, Password, Actor.System, CancellationToken.None);
        }

        Console.WriteLine($"[{size}] generating");
        var load = Stopwatch.StartNew();
        await using var source = NpgsqlDataSource.Create(bulk);
        var counts = await new DataGenerator(source, size).GenerateAsync();
        load.Stop();
        Console.WriteLine($"[{size}] {counts.Projects} projects, {counts.Tasks} tasks, {counts.Activity} activity rows, {counts.Reviews} gate reviews, {counts.Handoffs} handoffs in {load.Elapsed.TotalSeconds:0.0} s");

        var refreshAll = await TimeSqlAsync(source, "SELECT dashboard_refresh_all()");
        var refreshFlow = await TimeSqlAsync(source, "SELECT dashboard_refresh_flow()");
        // Settle the database after the bulk load, as it would be in use: statistics, visibility map, a checkpoint.
        await TimeSqlAsync(source, "VACUUM (ANALYZE)");
        await TimeSqlAsync(source, "CHECKPOINT");
        var someProject = await ScalarAsync<Guid>(source, "SELECT id FROM projects ORDER BY id OFFSET (SELECT count(*) / 2 FROM projects) LIMIT 1");
        var refreshOne = await TimeSqlAsync(source, $"SELECT dashboard_refresh_projects(ARRAY['{someProject}'::uuid])");
        var lead = await ScalarAsync<Guid>(source, "SELECT lead_id FROM dashboard_projects WHERE lead_id IS NOT NULL LIMIT 1");
        var leadProjects = await ScalarAsync<long>(source, $"SELECT count(*) FROM project_members WHERE person_id = '{lead}'");
        var key = await ScalarAsync<string>(source, $"SELECT key FROM projects WHERE id = '{someProject}'");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await EvidenceGenerator.AddAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), someProject);
        }

        await TimeSqlAsync(source, "ANALYZE dataset_versions, model_versions, metric_targets");

        var all = new DashboardFilter();
        var byLead = new DashboardFilter(LeadId: lead);
        var byPhase = new DashboardFilter(Phase: PhaseKind.ModelDevelopment);
        // A team lead (system role) sees only the projects they are on: their dashboard is counted from those projects'
        // rows, and their flow computed on request.
        (string Name, object Message, Guid Caller)[] queries =
        [
            ("Portfolio", new PortfolioQuery(all), viewer),
            ("Portfolio, one lead", new PortfolioQuery(byLead), viewer),
            ("Waiting lists", new WaitingQuery(all), viewer),
            ("Waiting lists, one phase", new WaitingQuery(byPhase), viewer),
            ("Flow metrics, 90 days", new FlowMetricsQuery(90), viewer),
            ("Flow metrics, 365 days", new FlowMetricsQuery(365), viewer),
            ("Workload", new WorkloadQuery(), viewer),
            ("Projects behind a number (overdue)", new DashboardProjectsQuery(all, ProjectHealth.Overdue), viewer),
            ("Projects behind a number (one lead)", new DashboardProjectsQuery(byLead), viewer),
            ("Team lead's dashboard: portfolio", new PortfolioQuery(all), lead),
            ("Team lead's dashboard: waiting lists", new WaitingQuery(all), lead),
            ("Team lead's dashboard: flow, 90 days", new FlowMetricsQuery(90), lead),
            ("Team lead's dashboard: flow, 365 days", new FlowMetricsQuery(365), lead),
            ("Team lead's dashboard: workload", new WorkloadQuery(), lead),
            ("Team lead's dashboard: projects behind a number", new DashboardProjectsQuery(all, ProjectHealth.Overdue), lead),
            ($"Project board (21 tasks, {EvidenceGenerator.DatasetVersions} dataset and {EvidenceGenerator.ModelVersions} model versions)", new DsProcess.Application.Projects.Queries.ProjectBoard.ProjectBoardQuery(key), viewer),
            ($"Models page ({EvidenceGenerator.ModelVersions} model and {EvidenceGenerator.DatasetVersions} dataset versions)", new DsProcess.Application.Evidence.Models.Queries.ProjectModels.ProjectModelsQuery(key), viewer),
            ($"Data page ({EvidenceGenerator.DatasetVersions} dataset versions)", new ProjectDataQuery(key), viewer),
            ($"Lineage ({EvidenceGenerator.DatasetVersions} dataset + {EvidenceGenerator.ModelVersions} model versions)", new ProjectLineageQuery(key), viewer),
            // The search box: words every project has (its tasks), one project's name, people, gate decisions' reasons,
            // a word nothing has; as a viewer (reads every project) and as a team lead (their own projects).
            ("Search: \"functional testing\" (a task of every project)", new SearchQuery("functional testing"), viewer),
            ("Search: \"project 004321\" (one project's name)", new SearchQuery("project 004321"), viewer),
            ("Search: \"worker 0042\" (people)", new SearchQuery("worker 0042"), viewer),
            ("Search: \"not enough evidence\" (gate decisions)", new SearchQuery("not enough evidence"), viewer),
            ("Search: \"zebra\" (nothing)", new SearchQuery("zebra"), viewer),
            ("Search: \"model\" (a word of most projects' tasks)", new SearchQuery("model"), viewer),
            ("Team lead's search: \"model\"", new SearchQuery("model"), lead),
        ];

        var timings = new List<Timing>();
        foreach (var (name, message, caller) in queries)
        {
            timings.Add(await TimeAsync(name, options.Runs, async () =>
            {
                await using var scope = app.Services.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<CurrentUser>().UserId = caller;
                await scope.ServiceProvider.GetRequiredService<ISender>().Send(message);
            }));
        }

        var client = await SignInAsync(app);
        timings.Add(await TimeAsync("Dashboard page (server render, all queries)", Math.Max(20, options.Runs / 5), async () =>
        {
            using var response = await client.GetAsync(new Uri("/dashboard", UriKind.Relative));
            response.EnsureSuccessStatusCode();
            var html = await response.Content.ReadAsStringAsync();
            if (!html.Contains("Projects by current phase", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("The dashboard did not render.");
            }
        }));

        foreach (var timing in timings)
        {
            Console.WriteLine($"[{size}] {timing.Name,-46} p50 {timing.P50,7:0.00} ms   p95 {timing.P95,7:0.00} ms");
        }

        if (!options.Keep)
        {
            await app.DisposeAsync();
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(options.Server, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }

        return new SizeResult(size, counts, load.Elapsed.TotalSeconds, refreshAll, refreshFlow, refreshOne, leadProjects, timings);
    }

    public static string Report(Options options, IReadOnlyList<SizeResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores ({Environment.OSVersion}), .NET {Environment.Version}, {options.Runs} runs per query (page: {Math.Max(20, options.Runs / 5)}).");
        text.AppendLine();
        text.AppendLine("| data | " + string.Join(" | ", results.Select(r => $"{r.Size:N0} projects")) + " |");
        text.AppendLine("|---|" + string.Concat(results.Select(_ => "---:|")));
        text.AppendLine("| tasks / activity rows | " + string.Join(" | ", results.Select(r => $"{r.Counts.Tasks:N0} / {r.Counts.Activity:N0}")) + " |");
        text.AppendLine("| gate reviews / handoffs | " + string.Join(" | ", results.Select(r => $"{r.Counts.Reviews:N0} / {r.Counts.Handoffs:N0}")) + " |");
        text.AppendLine("| COPY load | " + string.Join(" | ", results.Select(r => $"{r.LoadSeconds:0.0} s")) + " |");
        text.AppendLine("| read model: full refresh | " + string.Join(" | ", results.Select(r => $"{r.RefreshAllMs:N0} ms")) + " |");
        text.AppendLine("| read model: one project | " + string.Join(" | ", results.Select(r => $"{r.RefreshOneProjectMs:0.0} ms")) + " |");
        text.AppendLine("| flow metrics refresh | " + string.Join(" | ", results.Select(r => $"{r.RefreshFlowMs:N0} ms")) + " |");
        text.AppendLine("| projects of the timed team lead | " + string.Join(" | ", results.Select(r => $"{r.LeadProjects:N0}")) + " |");
        text.AppendLine();
        var hasGrowth = results.Any(r => r.Size == 1000) && results.Any(r => r.Size == 10000);
        text.AppendLine("| query (p50 / p95, ms) | " + string.Join(" | ", results.Select(r => $"{r.Size:N0}")) + (hasGrowth ? " | p95 growth 1k→10k |" : " |"));
        text.AppendLine("|---|" + string.Concat(results.Select(_ => "---:|")) + (hasGrowth ? "---:|" : ""));
        foreach (var name in results[0].Timings.Select(t => t.Name))
        {
            var row = results.Select(r => r.Timings.Single(t => t.Name == name)).ToList();
            var growth = hasGrowth
                ? $" | {results.Single(r => r.Size == 10000).Timings.Single(t => t.Name == name).P95 / results.Single(r => r.Size == 1000).Timings.Single(t => t.Name == name).P95:0.00}×"
                : "";
            text.AppendLine($"| {name} | " + string.Join(" | ", row.Select(t => $"{t.P50:0.0} / {t.P95:0.0}")) + growth + " |");
        }

        return text.ToString();
    }

    private static async Task<Timing> TimeAsync(string name, int runs, Func<Task> action)
    {
        // Warm up until .NET has compiled the hot paths at full optimisation (tiered compilation promotes a method
        // after 30 calls and a short delay) and PostgreSQL has the statements prepared: at least 50 runs and 2 s.
        var warmUp = Stopwatch.StartNew();
        for (var i = 0; i < 50 || warmUp.Elapsed < TimeSpan.FromSeconds(2); i++)
        {
            await action();
        }

        var samples = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await action();
            samples[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Array.Sort(samples);
        return new Timing(name, Percentile(samples, 0.50), Percentile(samples, 0.95), samples[^1]);
    }

    private static double Percentile(double[] sorted, double p) => sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(p * sorted.Length) - 1)];

    private static async Task<HttpClient> SignInAsync(BenchApp app)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var page = await client.GetStringAsync(new Uri("/Account/Login", UriKind.Relative));
        var form = Regex.Matches(page, "<input[^>]*type=\"hidden\"[^>]*>")
            .Select(m => (Name: Regex.Match(m.Value, "name=\"([^\"]+)\"").Groups[1].Value, Value: System.Net.WebUtility.HtmlDecode(Regex.Match(m.Value, "value=\"([^\"]*)\"").Groups[1].Value)))
            .Where(f => f.Name.Length > 0)
            .ToDictionary(f => f.Name, f => f.Value);
        form["Input.Email"] = "viewer@bench.local";
        form["Input.Password"] = Password;
        using var response = await client.PostAsync(new Uri("/Account/Login", UriKind.Relative), new FormUrlEncodedContent(form));
        if (!response.Headers.TryGetValues("Set-Cookie", out var cookies) || !cookies.Any(c => c.Contains("Identity.Application", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException($"Sign-in failed ({(int)response.StatusCode}).");
        }

        return client;
    }

    public static async Task<double> TimeSqlAsync(NpgsqlDataSource source, string sql)
    {
        await using var command = source.CreateCommand(sql);
        command.CommandTimeout = 600;
        var started = Stopwatch.GetTimestamp();
        await command.ExecuteNonQueryAsync();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    public static async Task<T> ScalarAsync<T>(NpgsqlDataSource source, string sql)
    {
        await using var command = source.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>
/// The real app, in process, on the benchmark's database; its background refresh is quiet so it does not disturb the
/// timings. Served by Kestrel on a free port when asked (the API benchmark), else in memory.
/// </summary>
internal sealed class BenchApp : WebApplicationFactory<Program>
{
    private readonly string _connectionString;
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    public BenchApp(
        string connectionString, bool serveOverHttp = false, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        _connectionString = connectionString;
        _settings = settings ?? new Dictionary<string, string?>();
        _services = services;
        if (serveOverHttp)
        {
            UseKestrel(0);
            StartServer();
        }
    }

    /// <summary>Where Kestrel listens (only when served over HTTP).</summary>
    public Uri BaseAddress => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseContentRoot(Path.Combine(RepositoryRoot(), "src", "DsProcess.Web"));
        builder.UseSetting("ConnectionStrings:DsProcess", _connectionString);
        builder.UseSetting("DsProcess:Api:RateLimit:PermitLimit", int.MaxValue.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.UseSetting("Serilog:MinimumLevel:Override:DsProcess.Application.Common.Behaviours.LoggingBehaviour", "Error");
        builder.UseSetting("Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime", "Warning");
        builder.UseSetting("Serilog:MinimumLevel:Override:Microsoft.AspNetCore.DataProtection", "Error");
        builder.UseSetting("DsProcess:Dashboards:RefreshAllOnStart", "false");
        builder.UseStaticWebAssets();
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_services is not null)
        {
            builder.ConfigureServices(_services);
        }
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DsProcess.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }
}
