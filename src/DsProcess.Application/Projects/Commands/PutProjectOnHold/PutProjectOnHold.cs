using DsProcess.Application.Common;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using Mediator;

namespace DsProcess.Application.Projects.Commands.PutProjectOnHold;

/// <summary>Puts an active project on hold with the reason: its work stops (tasks, checklists, gates, handoffs) and none of it is overdue until it resumes; planning goes on.</summary>
public sealed record PutProjectOnHoldCommand(Guid ProjectId, uint Version, string Reason) : ICommand;

public sealed class PutProjectOnHoldCommandHandler(IAppDbContext db, Access access, TimeProvider clock) : ICommandHandler<PutProjectOnHoldCommand>
{
    public async ValueTask<Unit> Handle(PutProjectOnHoldCommand command, CancellationToken cancellationToken)
    {
        var me = await access.ToProjectAsync(command.ProjectId, cancellationToken);
        me.EnsureCanPlan("put the project on hold");
        var project = await db.LoadProjectAsync(command.ProjectId, cancellationToken);
        db.ExpectVersion(project, command.Version);
        project.PutOnHold(command.Reason, me.Actor, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
