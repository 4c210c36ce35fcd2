using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Teams;
using DsProcess.Domain.Common;
using DsProcess.Domain.Operations;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Operations.Monitors.ReworkSweep;

/// <summary>
/// The rework a monitor opens by itself once an untriaged breach has lasted its time, also when no signal arrives to
/// notice it (a pipeline that stops posting mid-breach). Run periodically in DsProcess's name, outside any person's
/// request: it is not a message, because every message is someone's.
/// </summary>
public sealed class MonitorReworkSweep(IAppDbContext db, TimeProvider clock)
{
    /// <summary>The monitors whose breach is due for rework now; each is opened with <see cref="OpenAsync"/>.</summary>
    public async Task<IReadOnlyList<Guid>> DueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return await (
                from m in db.Monitors
                join a in db.Alerts on m.CurrentAlertId equals a.Id
                where m.RemovedAt == null && m.ReworkAfterMinutes != null && m.BreachingSince != null
                    && a.Triage == AlertTriage.None && a.ClosedAt == null
                    && m.BreachingSince.Value.AddMinutes(m.ReworkAfterMinutes.Value) <= now
                select m.Id)
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Opens the monitor's rework if it is (still) due, and saves. Returns the iteration started, or null when it was
    /// not due any more or the project's rules refused it.
    /// </summary>
    public async Task<int?> OpenAsync(Guid monitorId, CancellationToken cancellationToken)
    {
        var monitor = await db.Monitors.SingleAsync(m => m.Id == monitorId, cancellationToken);
        var current = monitor.CurrentAlertId is { } alertId ? await db.Alerts.SingleAsync(a => a.Id == alertId, cancellationToken) : null;
        var now = clock.GetUtcNow();
        if (monitor.RemovedAt is not null || !monitor.IsDueForRework(current, now))
        {
            return null;
        }

        var iteration = await db.OpenMonitorReworkAsync(monitor, current!, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return iteration;
    }
}

public static class MonitorRework
{
    /// <summary>
    /// The rework a monitor opens by itself, in DsProcess's name. When the project's rules refuse it (on hold, already
    /// working on that phase) the alert stays open for a person to triage.
    /// </summary>
    public static async Task<int?> OpenMonitorReworkAsync(
        this IAppDbContext db, ModelMonitor monitor, Alert alert, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var project = await db.LoadProjectWithTeamAsync(monitor.ProjectId, cancellationToken);
        try
        {
            alert.OpenRework(project, $"Breached for at least {monitor.ReworkAfterMinutes} minutes; opened by the monitor.", Actor.System, now);
            return project.Iteration;
        }
        catch (DomainRuleException)
        {
            return null;
        }
    }
}
