using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.Projects;
using Mediator;

namespace DsProcess.Application.Gates.Commands.EditGateCriteria;

/// <summary>The team lead removes an exit criterion from a phase's gate before it is submitted.</summary>
public sealed record RemoveGateCriterionCommand(Guid ProjectId, PhaseKind Phase, int Number) : ICommand;

public sealed class RemoveGateCriterionCommandHandler(IAppDbContext db, Access access, TimeProvider clock) : ICommandHandler<RemoveGateCriterionCommand>
{
    public async ValueTask<Unit> Handle(RemoveGateCriterionCommand command, CancellationToken cancellationToken)
    {
        var me = await access.ToProjectAsync(command.ProjectId, cancellationToken);
        me.EnsureCanPlan("tailor gate criteria");
        var phase = await db.LoadPhaseAsync(command.ProjectId, command.Phase, cancellationToken);
        phase.RemoveGateCriterion(command.Number, me.Actor, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
