using DsProcess.Application.Operations.Monitors.Commands.RecordSignals;
using DsProcess.Domain.Activity;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.Operations;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Tests;

/// <summary>
/// Many monitors with many signals in a known pattern, sent shuffled and in batches, with stale repeats: exactly the
/// alerts a plain reading of the pattern in time order expects. Correctness at a small scale, not timing.
/// </summary>
public sealed class OperationsScaleTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const int Models = 100;
    private const int Minutes = 20;

    [Fact]
    public async Task A_hundred_monitored_models_with_shuffled_signals_produce_exactly_the_expected_alerts()
    {
        var board = await app.CreateProjectAsync(withEvidence: false);
        var monitors = await ArrangeAsync(board.Id);
        var start = OperationsRules.AsStored(DateTimeOffset.UtcNow.AddMinutes(-2 * Minutes));
        var random = new Random(12);

        for (var i = 0; i < Models; i++)
        {
            var monitor = monitors[i];
            var signals = Enumerable.Range(0, Minutes).Select(t => new SignalInput(Value(i, Breaches(i, t)), start.AddMinutes(t))).ToList();
            await app.SendAsync(new RecordSignalsCommand(monitor, [.. signals.Take(Minutes / 2).OrderBy(_ => random.Next())]));
            await app.SendAsync(new RecordSignalsCommand(monitor, [.. signals.Skip(Minutes / 2).OrderBy(_ => random.Next())]));
            // The same times again, all breaching and out of order: older than the latest, they change nothing.
            await app.SendAsync(new RecordSignalsCommand(monitor, [.. signals.Select(s => s with { Value = Value(i, breach: true) }).OrderBy(_ => random.Next())]));
        }

        var alerts = await app.WithDbAsync(db => db.Alerts.AsNoTracking().Where(a => a.ProjectId == board.Id).ToListAsync());
        var expected = Enumerable.Range(0, Models).Select(Episodes).ToList();
        Assert.Equal(expected.Sum(e => e.Count), alerts.Count);
        for (var i = 0; i < Models; i++)
        {
            var mine = alerts.Where(a => a.MonitorId == monitors[i]).OrderBy(a => a.OpenedAt).ToList();
            Assert.Equal(expected[i].Select(e => start.AddMinutes(e.Start)), mine.Select(a => a.OpenedAt));
            Assert.Equal(expected[i].Select(e => e.End is { } end ? start.AddMinutes(end) : (DateTimeOffset?)null), mine.Select(a => a.ClosedAt));
        }

        var breaching = await app.WithDbAsync(db => db.Monitors.CountAsync(m => m.ProjectId == board.Id && m.BreachingSince != null));
        Assert.Equal(Enumerable.Range(0, Models).Count(i => Breaches(i, Minutes - 1)), breaching);
        Assert.Equal(Models * Minutes * 2, await app.WithDbAsync(db => db.Signals.CountAsync(s => s.ProjectId == board.Id)));
        Assert.Equal(alerts.Count, await app.WithDbAsync(db => db.Activity.CountAsync(a => a.ProjectId == board.Id && a.Kind == ActivityKind.AlertOpened)));
    }

    /// <summary>Monitor i breaches at minute t in runs of one or two minutes, every three to seven minutes.</summary>
    private static bool Breaches(int i, int t) => (t + i) % (3 + (i % 5)) < 1 + (i % 2);

    /// <summary>Even monitors watch accuracy (at least 0.8), odd ones latency (at most 100 ms).</summary>
    private static double Value(int i, bool breach) => i % 2 == 0 ? (breach ? 0.5 : 0.9) : (breach ? 150 : 50);

    /// <summary>The episodes a plain reading of the pattern in time order finds: where a breach starts and the first minute it stops.</summary>
    private static List<(int Start, int? End)> Episodes(int i)
    {
        var episodes = new List<(int Start, int? End)>();
        int? open = null;
        for (var t = 0; t < Minutes; t++)
        {
            if (Breaches(i, t) && open is null)
            {
                open = t;
            }
            else if (!Breaches(i, t) && open is { } started)
            {
                episodes.Add((started, t));
                open = null;
            }
        }

        if (open is { } last)
        {
            episodes.Add((last, null));
        }

        return episodes;
    }

    private Task<List<Guid>> ArrangeAsync(Guid projectId) => app.WithDbAsync(async db =>
    {
        var (by, at) = (app.Lead.AsActor(), DateTimeOffset.UtcNow);
        var monitors = new List<Guid>();
        for (var i = 0; i < Models; i++)
        {
            var model = ModelVersion.Register(projectId, null, new ModelVersionFacts($"Model {i}", "v1", null, null, null), [], [], [], by, at);
            model.MoveTo(ModelStage.Approved, "Good enough", by, at);
            var deployment = Deployment.Record(model, DeploymentEnvironment.Production, $"https://scoring.example.com/{i}", by, at);
            var settings = i % 2 == 0
                ? new MonitorSettings("accuracy", TargetDirection.AtLeast, 0.8, AlertSeverity.Warning)
                : new MonitorSettings("latency_p95_ms", TargetDirection.AtMost, 100, AlertSeverity.Critical);
            var monitor = ModelMonitor.Add(model, deployed: true, i % 2 == 0 ? MonitorKind.ModelPerformance : MonitorKind.Infrastructure, settings, by, at);
            db.ModelVersions.Add(model);
            db.Deployments.Add(deployment);
            db.Monitors.Add(monitor);
            monitors.Add(monitor.Id);
        }

        await db.SaveChangesAsync();
        return monitors;
    });
}
