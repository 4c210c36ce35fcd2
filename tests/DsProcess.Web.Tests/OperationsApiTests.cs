using DsProcess.Domain.Operations;
using DsProcess.Domain.Projects;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Web.Tests;

/// <summary>The operations API as a scoring job and a deployment pipeline use it, with a project service token.</summary>
public sealed class OperationsApiTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_breaching_signal_posted_through_the_api_opens_exactly_one_alert_and_a_recovering_one_closes_it()
    {
        var board = await app.CreateProjectAsync();
        using var client = app.ApiClient(await app.CreateServiceTokenAsync(board.Id, ProjectRole.MLEngineer));
        var model = await app.ModelInProductionAsync(board.Id);
        var project = $"/api/v1/projects/{board.Key}";
        await (await client.PostAsync($"{project}/deployments", new { modelVersionId = model, environment = "Production", endpoint = OperationsScenario.Endpoint })).ExpectAsync(201);
        var created = await (await client.PostAsync($"{project}/monitors", new { modelVersionId = model, kind = "ModelPerformance", metric = "accuracy", direction = "AtLeast", threshold = 0.8, severity = "Critical" }))
            .ExpectAsync(201);
        var signals = $"{project}/monitors/{created["id"]!.GetValue<Guid>()}/signals";
        var now = DateTimeOffset.UtcNow;

        var breach = await (await client.PostAsync(signals, Batch((0.9, now.AddMinutes(-30)), (0.6, now.AddMinutes(-20))), idempotencyKey: "breach-1")).ExpectAsync(200);
        var replay = await client.PostAsync(signals, Batch((0.9, now.AddMinutes(-30)), (0.6, now.AddMinutes(-20))), idempotencyKey: "breach-1");
        var still = await (await client.PostAsync(signals, Batch((0.5, now.AddMinutes(-10))))).ExpectAsync(200);

        Assert.Single(breach["alertsOpened"]!.AsArray());
        Assert.Equal("true", Assert.Single(replay.Headers.GetValues("Idempotent-Replayed")));
        Assert.Empty(still["alertsOpened"]!.AsArray());
        var open = await client.GetJsonAsync($"{project}/alerts");
        Assert.Single(open["open"]!.AsArray());
        Assert.Equal(0.6, open["open"]![0]!["openingValue"]!.GetValue<double>());

        var recovered = await (await client.PostAsync(signals, Batch((0.85, now.AddMinutes(-5))))).ExpectAsync(200);

        Assert.Single(recovered["alertsClosed"]!.AsArray());
        Assert.False(recovered["breaching"]!.GetValue<bool>());
        var after = await client.GetJsonAsync($"{project}/alerts");
        Assert.Empty(after["open"]!.AsArray());
        Assert.Equal("Recovered", Assert.Single(after["recent"]!.AsArray())!["closedBecause"]!.GetValue<string>());
        Assert.Equal(4, await app.WithDbAsync(db => db.Signals.CountAsync(s => s.ProjectId == board.Id)));
        var monitors = await client.GetJsonAsync($"{project}/monitors");
        Assert.Equal(0.85, monitors[0]!["latestValue"]!.GetValue<double>());
    }

    [Fact]
    public async Task Bad_signals_get_a_problem_and_nothing_is_saved()
    {
        var board = await app.CreateProjectAsync();
        var monitor = await app.MonitoredAsync(board.Id);
        using var client = app.ApiClient(await app.CreateServiceTokenAsync(board.Id, ProjectRole.MLEngineer));
        var signals = $"/api/v1/projects/{board.Key}/monitors/{monitor}/signals";
        var other = await app.CreateProjectAsync();

        var empty = await client.PostAsync(signals, new { signals = Array.Empty<object>() });
        var future = await client.PostAsync(signals, Batch((0.1, DateTimeOffset.UtcNow.AddHours(2))));
        var wrongProject = await app.ApiClient(await app.CreateServiceTokenAsync(other.Id, ProjectRole.MLEngineer))
            .PostAsync($"/api/v1/projects/{other.Key}/monitors/{monitor}/signals", Batch((0.1, DateTimeOffset.UtcNow)));

        await empty.ProblemAsync(400);
        Assert.Contains("future", (await future.ProblemAsync(409))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await wrongProject.ProblemAsync(404);
        Assert.False(await app.WithDbAsync(db => db.Signals.AnyAsync(s => s.MonitorId == monitor)));
        Assert.False(await app.WithDbAsync(db => db.Alerts.AnyAsync(a => a.MonitorId == monitor && a.Triage == AlertTriage.None)));
    }

    private static object Batch(params (double Value, DateTimeOffset At)[] signals) =>
        new { signals = signals.Select(s => new { value = s.Value, at = s.At }) };
}
