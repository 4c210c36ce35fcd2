using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.Operations;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Operations.Monitors.Commands.AddMonitor;

/// <summary>
/// Puts a monitor on a deployed model version of the project: what it watches (kind, metric), the threshold it must
/// stay at least or at most, how severe a breach is, and optionally after how many minutes of untriaged breach it
/// opens rework by itself. Returns the monitor's id.
/// </summary>
public sealed record AddMonitorCommand : ICommand<Guid>
{
    public Guid ProjectId { get; init; }

    public Guid ModelVersionId { get; init; }

    public MonitorKind Kind { get; init; }

    public string Metric { get; init; } = "";

    public TargetDirection Direction { get; init; }

    public double Threshold { get; init; }

    public AlertSeverity Severity { get; init; } = AlertSeverity.Warning;

    public int? ReworkAfterMinutes { get; init; }
}

public sealed class AddMonitorCommandHandler(IAppDbContext db, Access access, TimeProvider clock) : ICommandHandler<AddMonitorCommand, Guid>
{
    public async ValueTask<Guid> Handle(AddMonitorCommand command, CancellationToken cancellationToken)
    {
        var me = await access.ToProjectAsync(command.ProjectId, cancellationToken);
        me.EnsureCanOperate("add a monitor");
        var model = await db.ModelVersions.AsNoTracking().SingleOrDefaultAsync(m => m.Id == command.ModelVersionId && m.ProjectId == command.ProjectId, cancellationToken)
            ?? throw new ValidationException(nameof(command.ModelVersionId), "That model version is not one of this project's; choose from the list.");
        var deployed = await db.Deployments.AnyAsync(d => d.ModelVersionId == model.Id && d.EndedAt == null, cancellationToken);
        var monitor = ModelMonitor.Add(
            model,
            deployed,
            command.Kind,
            new MonitorSettings(command.Metric, command.Direction, command.Threshold, command.Severity, command.ReworkAfterMinutes),
            me.Actor,
            clock.GetUtcNow());
        db.Monitors.Add(monitor);
        await db.SaveChangesAsync(cancellationToken);
        return monitor.Id;
    }
}
