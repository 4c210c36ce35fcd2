using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Operations.Monitors.ReworkSweep;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DsProcess.Infrastructure.Operations;

public sealed class OperationsOptions
{
    public const string Section = "DsProcess:Operations";

    /// <summary>How often monitors are checked for a breach that has lasted their rework time without a new signal.</summary>
    public TimeSpan ReworkSweepInterval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Runs <see cref="MonitorReworkSweep"/> every <see cref="OperationsOptions.ReworkSweepInterval"/>, each due monitor in
/// its own scope and transaction. A monitor that a signal or a person changed meanwhile conflicts and is looked at
/// again next round; so does everything while the database is away. Two app instances may both sweep: the loser of a
/// race conflicts on the project's version.
/// </summary>
internal sealed partial class MonitorReworkSweeper(
    IServiceScopeFactory scopes,
    IOptions<OperationsOptions> options,
    TimeProvider clock,
    ILogger<MonitorReworkSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(options.Value.ReworkSweepInterval, clock, stoppingToken);
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(ex.Message);
            }
        }
    }

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<Guid> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            due = await scope.ServiceProvider.GetRequiredService<MonitorReworkSweep>().DueAsync(cancellationToken);
        }

        foreach (var monitorId in due)
        {
            await using var scope = scopes.CreateAsyncScope();
            try
            {
                if (await scope.ServiceProvider.GetRequiredService<MonitorReworkSweep>().OpenAsync(monitorId, cancellationToken) is { } iteration)
                {
                    LogOpened(monitorId, iteration);
                }
            }
            catch (ConflictException)
            {
                LogConflict(monitorId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Monitor {MonitorId} opened rework by itself: iteration {Iteration}")]
    private partial void LogOpened(Guid monitorId, int iteration);

    [LoggerMessage(Level = LogLevel.Information, Message = "Monitor {MonitorId} changed while its rework was opened; looked at again next round")]
    private partial void LogConflict(Guid monitorId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Monitor rework sweep failed, retrying next round: {Reason}")]
    private partial void LogFailed(string reason);
}
