using DsProcess.Application.Common;
using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Operations.Deployments.Commands.EndDeployment;

/// <summary>
/// Takes a deployment down with a reason (replaced, switched off); <see cref="Version"/> is the version the user saw.
/// A project in operation whose last live production model this was is Completed again. The model version keeps its
/// stage: retiring it is a model decision (ChangeModelStage).
/// </summary>
public sealed record EndDeploymentCommand(Guid DeploymentId, uint Version, string Reason) : ICommand;

public sealed class EndDeploymentCommandHandler(IAppDbContext db, Access access, TimeProvider clock) : ICommandHandler<EndDeploymentCommand>
{
    public async ValueTask<Unit> Handle(EndDeploymentCommand command, CancellationToken cancellationToken)
    {
        var deployment = await db.Deployments.SingleOrDefaultAsync(d => d.Id == command.DeploymentId, cancellationToken)
            ?? throw new NotFoundException("Deployment", command.DeploymentId);
        var me = await access.ToProjectAsync(deployment.ProjectId, cancellationToken);
        me.EnsureCanOperate("end a deployment");
        db.ExpectVersion(deployment, command.Version);
        var now = clock.GetUtcNow();
        deployment.End(command.Reason, me.Actor, now);
        var project = await db.Projects.SingleAsync(p => p.Id == deployment.ProjectId, cancellationToken);
        await db.ReflectOperationAsync(project, me.Actor, now, cancellationToken, exceptDeploymentId: deployment.Id);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
