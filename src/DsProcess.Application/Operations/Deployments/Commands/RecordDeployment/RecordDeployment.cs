using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.Operations;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Operations.Deployments.Commands.RecordDeployment;

/// <summary>
/// An ML engineer (or the team lead) records that a model version of the project is deployed to an environment at an
/// endpoint. Deploying to Production puts the version In production (it must be approved) and a completed project In
/// operation. Returns the deployment's id.
/// </summary>
public sealed record RecordDeploymentCommand(Guid ProjectId, Guid ModelVersionId, DeploymentEnvironment Environment, string Endpoint) : ICommand<Guid>;

public sealed class RecordDeploymentCommandHandler(IAppDbContext db, Access access, TimeProvider clock) : ICommandHandler<RecordDeploymentCommand, Guid>
{
    public async ValueTask<Guid> Handle(RecordDeploymentCommand command, CancellationToken cancellationToken)
    {
        var me = await access.ToProjectAsync(command.ProjectId, cancellationToken);
        me.EnsureCanOperate("record a deployment");
        var model = await db.ModelVersions.SingleOrDefaultAsync(m => m.Id == command.ModelVersionId && m.ProjectId == command.ProjectId, cancellationToken)
            ?? throw new ValidationException(nameof(command.ModelVersionId), "That model version is not one of this project's; choose from the list.");
        var now = clock.GetUtcNow();
        var deployment = Deployment.Record(model, command.Environment, command.Endpoint, me.Actor, now);
        db.Deployments.Add(deployment);
        if (command.Environment == DeploymentEnvironment.Production)
        {
            var project = await db.Projects.SingleAsync(p => p.Id == command.ProjectId, cancellationToken);
            await db.ReflectOperationAsync(project, me.Actor, now, cancellationToken, liveAdded: true);
        }

        await db.SaveChangesAsync(cancellationToken);
        return deployment.Id;
    }
}
