using DsProcess.Application.Common;
using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Operations.Monitors.Commands.RemoveMonitor;

/// <summary>
/// Removes a monitor; <see cref="Version"/> is the version the user saw. Its signals and alerts stay as history; an
/// alert of an episode under way is closed with it.
/// </summary>
public sealed record RemoveMonitorCommand(Guid MonitorId, uint Version) : ICommand;

public sealed class RemoveMonitorCommandHandler(IAppDbContext db, Access access, TimeProvider clock) : ICommandHandler<RemoveMonitorCommand>
{
    public async ValueTask<Unit> Handle(RemoveMonitorCommand command, CancellationToken cancellationToken)
    {
        var monitor = await db.Monitors.SingleOrDefaultAsync(m => m.Id == command.MonitorId && m.RemovedAt == null, cancellationToken)
            ?? throw new NotFoundException("Monitor", command.MonitorId);
        var me = await access.ToProjectAsync(monitor.ProjectId, cancellationToken);
        me.EnsureCanOperate("remove a monitor");
        db.ExpectVersion(monitor, command.Version);
        var current = monitor.CurrentAlertId is { } alertId ? await db.Alerts.SingleAsync(a => a.Id == alertId, cancellationToken) : null;
        monitor.Remove(current, me.Actor, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
