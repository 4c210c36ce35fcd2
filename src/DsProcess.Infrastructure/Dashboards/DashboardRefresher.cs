using System.Collections.Concurrent;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DsProcess.Infrastructure.Dashboards;

public sealed class DashboardOptions
{
    public const string Section = "DsProcess:Dashboards";

    /// <summary>How often changed projects are folded into the dashboard read model.</summary>
    public TimeSpan ProjectRefreshInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the flow metrics are recomputed while things change (they read whole periods of history).</summary>
    public TimeSpan FlowRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Recompute everything when the app starts (off only where something else just did, like the benchmark).</summary>
    public bool RefreshAllOnStart { get; set; } = true;
}

/// <summary>
/// Keeps the dashboard read model current from the change feed: the projects named by notices are refreshed in
/// batches, the flow metrics at most every <see cref="DashboardOptions.FlowRefreshInterval"/> when what they read
/// changed, and everything when the app starts and when the UTC date changes (health and overdue depend on today).
/// </summary>
internal sealed partial class DashboardRefresher(
    IChangeFeed feed,
    IServiceScopeFactory scopes,
    IOptions<DashboardOptions> options,
    TimeProvider clock,
    ILogger<DashboardRefresher> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<Guid, byte> _changed = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = feed.Subscribe(notice =>
        {
            if (notice.Scope == ChangeScope.Project)
            {
                _changed.TryAdd(notice.Id, 0);
            }
        });

        DateOnly? refreshedDay = options.Value.RefreshAllOnStart ? null : DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var flowDirty = false;
        var lastFlow = DateTimeOffset.MinValue;
        string? flowSources = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var now = clock.GetUtcNow();
                var today = DateOnly.FromDateTime(now.UtcDateTime);
                if (refreshedDay != today)
                {
                    _changed.Clear();
                    flowSources = await FlowSourcesAsync(stoppingToken);
                    await RunAsync("SELECT dashboard_refresh_all(); SELECT dashboard_refresh_flow();", stoppingToken);
                    refreshedDay = today;
                    lastFlow = now;
                    flowDirty = false;
                }

                var ids = _changed.Keys.ToArray();
                if (ids.Length > 0)
                {
                    foreach (var id in ids)
                    {
                        _changed.TryRemove(id, out _);
                    }

                    try
                    {
                        await RunAsync("SELECT dashboard_refresh_projects({0})", stoppingToken, ids);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        // Nothing of a failed refresh was saved: its projects wait for the next round.
                        foreach (var id in ids)
                        {
                            _changed.TryAdd(id, 0);
                        }

                        LogRequeued(ids.Length);
                        throw;
                    }

                    flowDirty = true;
                }

                if (flowDirty && now - lastFlow >= options.Value.FlowRefreshInterval)
                {
                    var sources = await FlowSourcesAsync(stoppingToken);
                    if (sources != flowSources)
                    {
                        await RunAsync("SELECT dashboard_refresh_flow()", stoppingToken);
                        flowSources = sources;
                    }

                    lastFlow = now;
                    flowDirty = false;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database may be starting or briefly gone; the next round tries again.
                LogFailed(ex.Message);
            }

            await Task.Delay(options.Value.ProjectRefreshInterval, clock, stoppingToken);
        }
    }

    /// <summary>
    /// What the flow metrics are computed from, in a few words: how many phase runs ended, gates were decided and
    /// handoffs acknowledged, and the latest of each (index-only reads). Most changes (a ticked item, a dataset or model
    /// version) leave it as it is, and then the flow metrics, which read whole periods of history, are not recomputed.
    /// </summary>
    internal static IQueryable<string> FlowSources(AppDbContext db) => db.Database.SqlQueryRaw<string>("""
        SELECT concat_ws(' ',
            (SELECT count(*) || '@' || coalesce(max(ended_at)::text, '') FROM phase_runs WHERE ended_at IS NOT NULL),
            (SELECT count(*) || '@' || coalesce(max(decided_at)::text, '') FROM gate_reviews WHERE decided_at IS NOT NULL),
            (SELECT count(*) || '@' || coalesce(max(acknowledged_at)::text, '') FROM handoffs WHERE acknowledged_at IS NOT NULL)
        ) AS "Value"
        """);

    private async Task<string> FlowSourcesAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await FlowSources(scope.ServiceProvider.GetRequiredService<AppDbContext>()).SingleAsync(cancellationToken);
    }

    private async Task RunAsync(string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.ExecuteSqlRawAsync(sql, parameters, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dashboard refresh of {Count} changed projects failed; they are refreshed next round")]
    private partial void LogRequeued(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dashboard refresh failed, retrying: {Reason}")]
    private partial void LogFailed(string reason);
}
