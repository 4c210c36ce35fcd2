using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Operations.Monitors.Commands.RecordSignals;
using DsProcess.Application.Projects.Queries.ListProjects;
using DsProcess.Domain.Activity;
using DsProcess.Domain.Operations;
using DsProcess.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DsProcess.Application.Tests;

/// <summary>
/// Two batches of signals for one monitor saved at the same moment (a <see cref="SaveBarrier"/> holds both until both
/// have judged their signals): one is saved, the other refused whole with a conflict a pipeline can act on, and its
/// retry is judged against what the first saved. Never two alerts for one episode.
/// </summary>
public sealed class SignalRaceTests(AppFixture app) : IClassFixture<AppFixture>, IAsyncLifetime
{
    private readonly SaveBarrier _barrier = new();
    private DsProcessApp? _racing;

    public async ValueTask InitializeAsync()
    {
        _racing = new DsProcessApp(app.ConnectionString, services: s => s.ConfigureDbContext<AppDbContext>(o => o.AddInterceptors(_barrier)));
        await _racing.SendAsAsync(new ListProjectsQuery(), app.Lead);
    }

    public async ValueTask DisposeAsync()
    {
        _barrier.Disarm();
        if (_racing is not null)
        {
            await _racing.DisposeAsync();
        }
    }

    [Fact]
    public async Task Two_breaching_batches_at_once_open_one_alert_and_the_refused_one_is_saved_whole_on_its_retry()
    {
        var board = await app.CreateProjectAsync();
        var monitor = await app.MonitoredAsync(board.Id);
        var now = OperationsRules.AsStored(DateTimeOffset.UtcNow);
        RecordSignalsCommand first = new(monitor, [new SignalInput(0.6, now.AddMinutes(-10)), new SignalInput(0.55, now.AddMinutes(-9))]);
        RecordSignalsCommand second = new(monitor, [new SignalInput(0.5, now.AddMinutes(-8))]);

        var outcomes = await RaceAsync(first, second);

        var refused = Assert.IsType<ConflictException>(Assert.Single(outcomes, o => o is not null));
        Assert.Equal(RecordSignalsCommandHandler.SavedMeanwhile, refused.Message);
        var loser = outcomes[0] is null ? second : first;
        var winner = outcomes[0] is null ? first : second;
        Assert.Equal(winner.Signals.Count, await app.WithDbAsync(db => db.Signals.CountAsync(s => s.MonitorId == monitor)));

        var retried = await app.SendAsync(loser);

        Assert.Empty(retried.AlertsOpened);
        Assert.True(retried.Breaching);
        var alert = Assert.Single(await app.AlertsAsync(board.Id));
        Assert.Equal(winner.Signals.Min(s => s.At), alert.OpenedAt);
        Assert.Equal(3, await app.WithDbAsync(db => db.Signals.CountAsync(s => s.MonitorId == monitor)));
        Assert.Equal(1, await app.WithDbAsync(db => db.Activity.CountAsync(a => a.ProjectId == board.Id && a.Kind == ActivityKind.AlertOpened)));
    }

    [Fact]
    public async Task A_recovery_racing_a_continued_breach_closes_the_alert_once_whichever_is_saved_first()
    {
        var board = await app.CreateProjectAsync();
        var monitor = await app.MonitoredAsync(board.Id);
        var now = OperationsRules.AsStored(DateTimeOffset.UtcNow);
        await app.SendAsync(new RecordSignalsCommand(monitor, [new SignalInput(0.6, now.AddMinutes(-10))]));
        RecordSignalsCommand breach = new(monitor, [new SignalInput(0.5, now.AddMinutes(-8))]);
        RecordSignalsCommand recovery = new(monitor, [new SignalInput(0.9, now.AddMinutes(-5))]);

        var outcomes = await RaceAsync(breach, recovery);
        var loser = outcomes[0] is null ? recovery : breach;
        await app.SendAsync(loser);

        Assert.IsType<ConflictException>(Assert.Single(outcomes, o => o is not null));
        var alert = Assert.Single(await app.AlertsAsync(board.Id));
        Assert.Equal(AlertClosure.Recovered, alert.ClosedBecause);
        Assert.Equal(now.AddMinutes(-5), alert.ClosedAt);
        Assert.False(await app.WithDbAsync(db => db.Monitors.Where(m => m.Id == monitor).Select(m => m.BreachingSince != null).SingleAsync()));
        Assert.Equal(1, await app.WithDbAsync(db => db.Activity.CountAsync(a => a.ProjectId == board.Id && a.Kind == ActivityKind.AlertClosed)));
    }

    /// <summary>Sends both batches so that both have judged their signals before either saves; returns how each ended.</summary>
    private async Task<Exception?[]> RaceAsync(params RecordSignalsCommand[] commands)
    {
        _barrier.Arm(commands.Length);
        try
        {
            return await Task.WhenAll(commands.Select(async command =>
            {
                try
                {
                    await _racing!.SendAsAsync(command, app.Lead);
                    return null;
                }
                catch (Exception ex)
                {
                    return ex;
                }
            }));
        }
        finally
        {
            _barrier.Disarm();
        }
    }
}
