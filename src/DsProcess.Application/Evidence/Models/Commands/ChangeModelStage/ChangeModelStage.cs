using DsProcess.Application.Common;
using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
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
        model.MoveTo(command.Stage, command.Reason, me.Actor, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
