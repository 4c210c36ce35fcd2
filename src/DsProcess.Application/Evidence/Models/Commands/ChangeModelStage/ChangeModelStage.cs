using DsProcess.Application.Common;
using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Application.Operations;
using DsProcess.Domain.Evidence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Evidence.Models.Commands.ChangeModelStage;

/// <summary>
/// Moves a model version to another stage with a reason; <see cref="Version"/> is the version the user saw. Marking it
/// in production is the deployers'; the other moves are the data scientists'.
/// </summary>
public sealed record ChangeModelStageCommand(Guid ModelVersionId, uint Version, ModelStage Stage, string Reason) : ICommand;

public sealed class ChangeModelStageCommandHandler(IAppDbContext db, Access access, TimeProvider clock) : ICommandHandler<ChangeModelStageCommand>
{
    public async ValueTask<Unit> Handle(ChangeModelStageCommand command, CancellationToken cancellationToken)
    {
        var model = await db.ModelVersions.SingleOrDefaultAsync(m => m.Id == command.ModelVersionId, cancellationToken)
            ?? throw new NotFoundException("Model version", command.ModelVersionId);
        var me = await access.ToProjectAsync(model.ProjectId, cancellationToken);
        me.EnsureCanMoveModelTo(command.Stage);
        db.ExpectVersion(model, command.Version);
        var now = clock.GetUtcNow();
        model.MoveTo(command.Stage, command.Reason, me.Actor, now);
        if (command.Stage == ModelStage.Retired)
        {
            // A project in operation whose last live production model this was is Completed again.
            var project = await db.Projects.SingleAsync(p => p.Id == model.ProjectId, cancellationToken);
            await db.ReflectOperationAsync(project, me.Actor, now, cancellationToken, exceptModelVersionId: model.Id);
        }

        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
