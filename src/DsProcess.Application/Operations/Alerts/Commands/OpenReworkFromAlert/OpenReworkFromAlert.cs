using DsProcess.Application.Common;
using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Application.Teams;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Operations.Alerts.Commands.OpenReworkFromAlert;

/// <summary>
/// Turns an alert into rework: the project starts a new iteration from the phase that fits the monitor's kind (data
/// drift → Data Development, model performance → Model Development, infrastructure or security → Production
/// Deployment), its reason taken from the alert and the optional note. <see cref="Version"/> is the alert's version
/// the user saw. Returns the new iteration's number.
/// </summary>
public sealed record OpenReworkFromAlertCommand(Guid AlertId, uint Version, string? Note = null) : ICommand<int>;

public sealed class OpenReworkFromAlertCommandHandler(IAppDbContext db, Access access, TimeProvider clock) : ICommandHandler<OpenReworkFromAlertCommand, int>
{
    public async ValueTask<int> Handle(OpenReworkFromAlertCommand command, CancellationToken cancellationToken)
    {
        var alert = await db.Alerts.SingleOrDefaultAsync(a => a.Id == command.AlertId, cancellationToken)
            ?? throw new NotFoundException("Alert", command.AlertId);
        var me = await access.ToProjectAsync(alert.ProjectId, cancellationToken);
        me.EnsureCanTriageAlerts();
        db.ExpectVersion(alert, command.Version);
        var project = await db.LoadProjectWithTeamAsync(alert.ProjectId, cancellationToken);
        alert.OpenRework(project, command.Note, me.Actor, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return project.Iteration;
    }
}
