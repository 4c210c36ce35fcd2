using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Evidence.Datasets.Commands.CreateDataset;
using DsProcess.Application.Evidence.Datasets.Commands.RegisterDatasetVersion;
using DsProcess.Application.Projects.Commands.CreateProject;
using DsProcess.Application.Webhooks.Commands.SubscribeWebhook;
using DsProcess.Domain.Common;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.People;
using DsProcess.Domain.Playbooks;
using DsProcess.Domain.Webhooks;
using DsProcess.Infrastructure.Data;
using DsProcess.Tests;
using DsProcess.Web.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DsProcess.Bench;

/// <summary>
/// The webhook benchmark (<c>--webhooks</c>): registers dataset versions one after another through the mediator, as a
/// pipeline would, with a webhook subscribed to them, and measures how long each event takes from its commit to a
/// receiver on 127.0.0.1 (the real worker, woken by the change feed). Reports p50/p95/max.
/// </summary>
internal static class WebhookBench
{
    public static async Task RunAsync(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var server = Value("--server") ?? Environment.GetEnvironmentVariable("DSPROCESS_BENCH_POSTGRES")
            ?? throw new InvalidOperationException("Give a PostgreSQL server: --server \"Host=...;Username=...\" or DSPROCESS_BENCH_POSTGRES.");
        var events = int.Parse(Value("--events") ?? "300", CultureInfo.InvariantCulture);
        var rate = double.Parse(Value("--rate") ?? "20", CultureInfo.InvariantCulture);
        var output = Value("--output") ?? Path.Combine("bench", "results", "webhooks.md");
        Console.WriteLine($"DsProcess webhook benchmark · {events} events at {rate:0.#}/s · {Environment.ProcessorCount} cores");

        const string database = "dsp_bench_webhooks";
        var connection = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        await using (var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(connection).UseSnakeCaseNamingConvention().Options))
        {
            await db.Database.MigrateAsync();
            db.Playbooks.Add(DefaultPlaybook.Create());
            await db.SaveChangesAsync();
        }

        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = new BenchApp(connection, settings: new Dictionary<string, string?> { ["DsProcess:Webhooks:AllowPrivateAddresses"] = "true" });
        Guid lead;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            lead = await scope.ServiceProvider.GetRequiredService<IIdentityService>()
                .CreateUserAsync("lead@bench.local", "Bench Lead", SystemRole.TeamLead, "Bench-pass-2026", Actor.System, CancellationToken.None);
        }

        async Task<T> SendAsync<T>(ICommand<T> command)
        {
            await using var scope = app.Services.CreateAsyncScope();
            ((CurrentUser)scope.ServiceProvider.GetRequiredService<ICurrentUser>()).UserId = lead;
            return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
        }

        var project = await SendAsync(new CreateProjectCommand { Name = "Webhook bench", Key = "HOOKS", TargetDate = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(90) });
        var dataset = await SendAsync(new CreateDatasetCommand { ProjectId = project.Id, Name = "Raw events", Layer = DataLayer.Bronze, Purpose = DatasetPurpose.Source });
        await SendAsync(new SubscribeWebhookCommand(project.Id, receiver.Url, [WebhookEventType.DatasetVersionRegistered]));
        await receiver.NextAsync(r => r.Event == "ping");

        // Commit times by label; the receiver's arrival times are matched to them by the label in the payload.
        var started = new Dictionary<string, long>();
        var committed = new Dictionary<string, long>();
        var interval = TimeSpan.FromSeconds(1 / rate);
        var clock = Stopwatch.StartNew();
        for (var n = 1; n <= events; n++)
        {
            var label = $"v{n}";
            started[label] = Stopwatch.GetTimestamp();
            await SendAsync(new RegisterDatasetVersionCommand { DatasetId = dataset, Label = label, Location = $"s3://bench/raw/{label}" });
            committed[label] = Stopwatch.GetTimestamp();
            var next = interval * n - clock.Elapsed;
            if (next > TimeSpan.Zero)
            {
                await Task.Delay(next);
            }
        }

        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            while (receiver.Count("dataset_version.registered") < events)
            {
                await Task.Delay(50, timeout.Token);
            }
        }

        var arrivals = receiver.Received
            .Where(r => r.Event == "dataset_version.registered")
            .GroupBy(r => Label(r))
            .ToDictionary(g => g.Key, g => g.Min(r => r.ReceivedAt));
        var fromCommit = committed.Select(c => Math.Max(0, Stopwatch.GetElapsedTime(c.Value, arrivals[c.Key]).TotalMilliseconds)).Order().ToList();
        var fromStart = started.Select(s => Stopwatch.GetElapsedTime(s.Value, arrivals[s.Key]).TotalMilliseconds).Order().ToList();
        var command = started.Select(s => Stopwatch.GetElapsedTime(s.Value, committed[s.Key]).TotalMilliseconds).Order().ToList();
        var duplicates = receiver.Count("dataset_version.registered") - arrivals.Count;

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"# Webhook delivery lag ({DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores)");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"{events} dataset versions registered through the mediator at {rate:0.#} per second, one webhook subscribed, receiver on 127.0.0.1.");
        report.AppendLine();
        report.AppendLine("| measured | p50 | p95 | max |");
        report.AppendLine("|---|---|---|---|");
        report.AppendLine(Row("commit → receiver (from the command's return)", fromCommit));
        report.AppendLine(Row("command start → receiver", fromStart));
        report.AppendLine(Row("the command itself (validation, save, commit)", command));
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Events received more than once: {duplicates}.");
        Console.WriteLine();
        Console.WriteLine(report);
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        await File.WriteAllTextAsync(output, report.ToString());
        Console.WriteLine($"Written to {output}");
        if (!args.Contains("--keep"))
        {
            await app.DisposeAsync();
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }
    }

    private static string Label(ReceivedWebhook received)
    {
        using var body = JsonDocument.Parse(received.Body);
        return body.RootElement.GetProperty("data").GetProperty("datasetVersion").GetProperty("label").GetString()!;
    }

    private static string Row(string name, List<double> sorted) =>
        string.Create(CultureInfo.InvariantCulture, $"| {name} | {Percentile(sorted, 0.50):0.0} ms | {Percentile(sorted, 0.95):0.0} ms | {sorted[^1]:0.0} ms |");

    private static double Percentile(List<double> sorted, double p) => sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(p * sorted.Count) - 1)];

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
