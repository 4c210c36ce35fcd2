using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using DsProcess.Domain.Activity;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.Notifications;
using DsProcess.Domain.Operations;
using DsProcess.Domain.Projects;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Web.Tests;

/// <summary>
/// Fifty deployed models, their signals posted through the HTTP API by several pipelines at once, interleaved: breaches,
/// continued breaches, recoveries, re-breaches, shuffled batches, stale signals, two posts to one monitor at once and
/// retries with the same Idempotency-Key. Exactly the alerts <see cref="OperationsSignalPlan"/> expects, no more, no
/// fewer, with their activity and notifications; the benchmark (<c>--operations</c>) runs the same plan at 1,000 models.
/// </summary>
public sealed class OperationsSignalsAtScaleTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const int Models = 50;
    private const int PostsPerModel = 14;
    private const int Clients = 6;

    [Fact]
    public async Task Fifty_models_with_interleaved_concurrent_signals_through_the_api_produce_exactly_the_expected_alerts()
    {
        var board = await app.CreateProjectAsync(withEvidence: false);
        var now = DateTimeOffset.UtcNow;
        var start = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero) - OperationsSignalPlan.Span(PostsPerModel);
        var plan = OperationsSignalPlan.Create(Models, PostsPerModel, start, run: "ci");
        var monitors = await ArrangeAsync(board.Id, plan);
        var clients = new List<HttpClient>();
        for (var c = 0; c < Clients; c++)
        {
            clients.Add(app.ApiClient(await app.CreateServiceTokenAsync(board.Id, ProjectRole.MLEngineer)));
        }

        var answers = new ConcurrentBag<Answer>();
        await Task.WhenAll(plan.Select(async model =>
        {
            var client = clients[model.Index % Clients];
            var path = $"/api/v1/projects/{board.Key}/monitors/{monitors[model.Index]}/signals";
            foreach (var step in model.Steps)
            {
                foreach (var answer in await Task.WhenAll(step.Posts.Select(post => PostAsync(client, path, post))))
                {
                    answers.Add(answer);
                }
            }
        }));

        var alerts = await app.WithDbAsync(db => db.Alerts.AsNoTracking().Where(a => a.ProjectId == board.Id).ToListAsync());
        var expected = plan.SelectMany(m => m.Alerts).ToList();
        Assert.Equal(expected.Count, alerts.Count);
        foreach (var model in plan)
        {
            var mine = alerts.Where(a => a.MonitorId == monitors[model.Index]).OrderBy(a => a.OpenedAt).ToList();
            Assert.Equal(model.Alerts, mine.Select(a => new ExpectedAlert(a.OpenedAt, a.OpeningValue, a.ClosedAt)));
            Assert.All(mine.Where(a => a.IsClosed), a => Assert.Equal(AlertClosure.Recovered, a.ClosedBecause));
        }

        var states = await app.WithDbAsync(db => db.Monitors.AsNoTracking().Where(m => m.ProjectId == board.Id).ToDictionaryAsync(m => m.Id));
        Assert.All(plan, model =>
        {
            var monitor = states[monitors[model.Index]];
            Assert.Equal(model.BreachingAtEnd, monitor.IsBreaching);
            Assert.Equal(alerts.SingleOrDefault(a => a.MonitorId == monitor.Id && !a.IsClosed)?.Id, monitor.CurrentAlertId);
        });
        var stored = await app.WithDbAsync(db => db.Signals.Where(s => s.ProjectId == board.Id).GroupBy(s => s.MonitorId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count));
        Assert.All(plan, model => Assert.Equal(model.SignalsStored, stored[monitors[model.Index]]));

        // Each post ran once: the replays answered what the first run answered, and only first runs opened or closed anything.
        Assert.Equal(plan.Sum(m => m.Steps.Sum(s => s.Posts.Count(p => p.Replay))), answers.Count(a => a.Replayed));
        Assert.Equal(expected.Count, answers.Where(a => !a.Replayed).Sum(a => a.Opened));
        Assert.Equal(expected.Count(a => a.ClosedAt is not null), answers.Where(a => !a.Replayed).Sum(a => a.Closed));

        var (opened, closed, told) = await app.WithDbAsync(async db => (
            await db.Activity.CountAsync(a => a.ProjectId == board.Id && a.Kind == ActivityKind.AlertOpened),
            await db.Activity.CountAsync(a => a.ProjectId == board.Id && a.Kind == ActivityKind.AlertClosed),
            await db.Notifications.CountAsync(n => n.ProjectId == board.Id && n.Kind == NotificationKind.AlertOpened && n.RecipientId == app.Lead.Id)));
        Assert.Equal(expected.Count, opened);
        Assert.Equal(expected.Count(a => a.ClosedAt is not null), closed);
        Assert.Equal(expected.Count, told);

        var open = await clients[0].GetJsonAsync($"/api/v1/projects/{board.Key}/alerts");
        Assert.Equal(expected.Count(a => a.ClosedAt is null), open["open"]!.AsArray().Count);
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }

    /// <summary>Posts until answered: a 409 (another post to the same monitor saved first) is retried with the same key, as a pipeline does.</summary>
    private static async Task<Answer> PostAsync(HttpClient client, string path, PlannedPost post)
    {
        var body = new { signals = post.Signals.Select(s => new { value = s.Value, at = s.At }) };
        for (var attempt = 1; ; attempt++)
        {
            using var response = await client.PostAsync(path, body, idempotencyKey: post.Key);
            if (response.StatusCode == HttpStatusCode.Conflict && attempt < 20)
            {
                continue;
            }

            var json = await response.ExpectAsync(200);
            return new Answer(
                response.Headers.TryGetValues("Idempotent-Replayed", out var replayed) && replayed.Contains("true"),
                json["alertsOpened"]!.AsArray().Count,
                json["alertsClosed"]!.AsArray().Count);
        }
    }

    /// <summary>The models, approved and deployed to production, each with the plan's monitor.</summary>
    private Task<List<Guid>> ArrangeAsync(Guid projectId, IReadOnlyList<PlannedModel> plan) => app.WithDbAsync(async db =>
    {
        var (by, at) = (app.Lead.AsActor(), DateTimeOffset.UtcNow);
        var monitors = new List<Guid>();
        foreach (var planned in plan)
        {
            var (model, deployment, monitor) = planned.Monitor.Deploy(projectId, $"Model {planned.Index}", "v1", $"https://scoring.example.com/{planned.Index}", by, at);
            db.ModelVersions.Add(model);
            db.Deployments.Add(deployment);
            db.Monitors.Add(monitor);
            monitors.Add(monitor.Id);
        }

        await db.SaveChangesAsync();
        return monitors;
    });

    private sealed record Answer(bool Replayed, int Opened, int Closed);
}
