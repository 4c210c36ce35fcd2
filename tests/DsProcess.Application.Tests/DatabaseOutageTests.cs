using System.Collections.Immutable;
using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Projects.Queries.ProjectBoard;
using DsProcess.Application.Tasks.Commands.ChangeTaskStatus;
using DsProcess.Domain.Projects;
using DsProcess.Infrastructure.Dashboards;
using DsProcess.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Serilog;
using Serilog.Extensions.Logging;

namespace DsProcess.Application.Tests;

/// <summary>The database goes away under a running app (through <see cref="TcpRelay"/>) and comes back.</summary>
public sealed class DatabaseOutageTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task While_the_database_is_unreachable_queries_and_commands_say_so_and_work_again_once_it_is_back()
    {
        var board = await app.CreateProjectAsync();
        var task = board.Tasks.First();
        await using var relay = TcpRelay.StartFor(app.ConnectionString);
        await using var outaged = new DsProcessApp(relay.Through(app.ConnectionString));
        Assert.Equal(board.Id, (await outaged.SendAsAsync(new ProjectBoardQuery(board.Key), app.Lead)).Id);

        relay.Cut();
        var refused = System.Diagnostics.Stopwatch.StartNew();
        var down = await Assert.ThrowsAsync<DatabaseUnavailableException>(() => outaged.SendAsAsync(new ProjectBoardQuery(board.Key), app.Lead));
        Assert.Equal(DatabaseUnavailableException.UserMessage, down.Message);
        Measurements.Record("query refused while the database is unreachable, after", refused.Elapsed.TotalMilliseconds, "ms");
        Assert.True(refused.Elapsed < TimeSpan.FromSeconds(15), $"the outage was reported after {refused.Elapsed}, not within seconds");
        var start = new ChangeTaskStatusCommand(task.Id, task.Version, TaskMove.Start);
        await Assert.ThrowsAsync<DatabaseUnavailableException>(() => outaged.SendAsAsync(start, app.Lead));
        Assert.Equal(ProjectTaskStatus.NotStarted, (await app.TaskAsync(board.Key, task.Title)).Status);

        relay.Restore();
        await outaged.SendAsAsync(start, app.Lead);
        Assert.Equal(ProjectTaskStatus.InProgress, (await app.TaskAsync(board.Key, task.Title)).Status);
    }

    [Fact]
    public async Task After_a_restart_ended_every_pooled_connection_the_next_query_works_at_once()
    {
        var board = await app.CreateProjectAsync();

        // Fill the app's pool with idle connections, then end every one of them on the server, as a restart does:
        // more of them than the execution strategy has attempts.
        var pooled = await app.WithDbAsync(db => Task.FromResult(db.Database.GetConnectionString()!));
        var connections = Enumerable.Range(0, 12).Select(_ => new NpgsqlConnection(pooled)).ToList();
        await Task.WhenAll(connections.Select(c => c.OpenAsync()));
        await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));
        await TerminateEveryOtherBackendAsync();

        Assert.Equal(board.Id, (await app.BoardAsync(board.Key)).Id);
    }

    [Fact]
    public async Task A_dashboard_refresh_that_failed_in_an_outage_is_done_once_the_database_is_back()
    {
        var board = await app.CreateProjectAsync();
        await Eventually.TrueAsync(async () => await DashboardTasksAsync(board.Id) == board.Tasks.Count());
        // Stale on purpose, with no change notice: only the refresher under test can mend it.
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE dashboard_projects SET tasks = 0 WHERE project_id = {board.Id}"));

        await using var relay = TcpRelay.StartFor(app.ConnectionString);
        await using var services = new ServiceCollection()
            .AddDbContext<AppDbContext>(o => o.UseNpgsql(relay.Through(app.ConnectionString)).UseSnakeCaseNamingConvention())
            .BuildServiceProvider();
        var logs = new LogEvents();
        using var loggers = new SerilogLoggerFactory(new LoggerConfiguration().WriteTo.Sink(logs).CreateLogger(), dispose: true);
        var feed = new HandFedChangeFeed();
        using var refresher = new DashboardRefresher(
            feed,
            services.GetRequiredService<IServiceScopeFactory>(),
            Options.Create(new DashboardOptions { RefreshAllOnStart = false, ProjectRefreshInterval = TimeSpan.FromMilliseconds(50) }),
            TimeProvider.System,
            loggers.CreateLogger<DashboardRefresher>());

        relay.Cut();
        await refresher.StartAsync(TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(() => feed.HasSubscribers);
        feed.Announce(new ChangeNotice(ChangeScope.Project, board.Id));
        await logs.WaitForAsync("refreshed next round", Patience);
        Assert.Equal(0, await DashboardTasksAsync(board.Id));

        relay.Restore();
        await Eventually.TrueAsync(async () => await DashboardTasksAsync(board.Id) == board.Tasks.Count());
        await refresher.StopAsync(TestContext.Current.CancellationToken);
    }

    private async Task TerminateEveryOtherBackendAsync()
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
            connection);
        Assert.True((long)(await command.ExecuteScalarAsync())! > 0);
    }

    private Task<int> DashboardTasksAsync(Guid projectId) =>
        app.WithDbAsync(db => db.DashboardProjects.Where(p => p.ProjectId == projectId).Select(p => p.Tasks).SingleOrDefaultAsync());


    /// <summary>A change feed the test announces into by hand (the refresher only needs its notices).</summary>
    private sealed class HandFedChangeFeed : IChangeFeed
    {
        private ImmutableList<Action<ChangeNotice>> _subscribers = [];

        public int Session => 1;

        public IDisposable Subscribe(Action<ChangeNotice> onChange)
        {
            ImmutableInterlocked.Update(ref _subscribers, list => list.Add(onChange));
            return new Unsubscriber(() => ImmutableInterlocked.Update(ref _subscribers, list => list.Remove(onChange)));
        }

        public bool HasSubscribers => !_subscribers.IsEmpty;

        public void Announce(ChangeNotice notice) => _subscribers.ForEach(s => s(notice));

        private sealed class Unsubscriber(Action dispose) : IDisposable
        {
            public void Dispose() => dispose();
        }
    }
}
