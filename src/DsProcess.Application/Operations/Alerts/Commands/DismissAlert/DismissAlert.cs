using DsProcess.Application.Common;
using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Operations.Alerts.Commands.DismissAlert;

/// <summary>
/// Dismisses an alert with a reason; <see cref="Version"/> is the version the user saw. The breach episode goes on
/// until a signal recovers, so the monitor opens no new alert meanwhile.
/// </summary>
public sealed record DismissAlertCommand(Guid AlertId, uint Version, string Reason) : ICommand;

public sealed class DismissAlertCommandHandler(IAppDbContext db, Access access, TimeProvider clock) : ICommandHandler<DismissAlertCommand>
{
    public async ValueTask<Unit> Handle(DismissAlertCommand command, CancellationToken cancellationToken)
    {
        var alert = await db.Alerts.SingleOrDefaultAsync(a => a.Id == command.AlertId, cancellationToken)
            ?? throw new NotFoundException("Alert", command.AlertId);
        var me = await access.ToProjectAsync(alert.ProjectId, cancellationToken);
        me.EnsureCanTriageAlerts();
        db.ExpectVersion(alert, command.Version);
        alert.Dismiss(command.Reason, me.Actor, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
