using DsProcess.Application.Common;
using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.Operations;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Operations.Monitors.Commands.ChangeMonitor;

/// <summary>
/// Changes what a monitor watches for (its kind and model stay); <see cref="Version"/> is the version the user saw. An
/// episode under way is judged by the new settings from the next signal.
/// </summary>
public sealed record ChangeMonitorCommand : ICommand
{
    public Guid MonitorId { get; init; }

    public uint Version { get; init; }

    public string Metric { get; init; } = "";

    public TargetDirection Direction { get; init; }

    public double Threshold { get; init; }

    public AlertSeverity Severity { get; init; }

    public int? ReworkAfterMinutes { get; init; }
}

public sealed class ChangeMonitorCommandHandler(IAppDbContext db, Access access, TimeProvider clock) : ICommandHandler<ChangeMonitorCommand>
{
    public async ValueTask<Unit> Handle(ChangeMonitorCommand command, CancellationToken cancellationToken)
    {
        var monitor = await db.Monitors.SingleOrDefaultAsync(m => m.Id == command.MonitorId && m.RemovedAt == null, cancellationToken)
            ?? throw new NotFoundException("Monitor", command.MonitorId);
        var me = await access.ToProjectAsync(monitor.ProjectId, cancellationToken);
        me.EnsureCanOperate("change a monitor");
        db.ExpectVersion(monitor, command.Version);
        monitor.Change(
            new MonitorSettings(command.Metric, command.Direction, command.Threshold, command.Severity, command.ReworkAfterMinutes),
            me.Actor,
            clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
