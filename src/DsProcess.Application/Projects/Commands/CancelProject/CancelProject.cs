using DsProcess.Application.Common;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using Mediator;

namespace DsProcess.Application.Projects.Commands.CancelProject;

/// <summary>Cancels an active or paused project with the reason. Final: the project is read-only afterwards.</summary>
public sealed record CancelProjectCommand(Guid ProjectId, uint Version, string Reason) : ICommand;

public sealed class CancelProjectCommandHandler(IAppDbContext db, Access access, TimeProvider clock) : ICommandHandler<CancelProjectCommand>
{
    public async ValueTask<Unit> Handle(CancelProjectCommand command, CancellationToken cancellationToken)
    {
        var me = await access.ToProjectAsync(command.ProjectId, cancellationToken);
        me.EnsureCanPlan("cancel the project");
        var project = await db.LoadProjectAsync(command.ProjectId, cancellationToken);
        db.ExpectVersion(project, command.Version);
        project.Cancel(command.Reason, me.Actor, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
