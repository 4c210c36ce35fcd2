using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.Projects;
using Mediator;

namespace DsProcess.Application.Gates.Commands.SetGateCriterion;

/// <summary>Marks one gate criterion met or not met (a value, not a toggle, so repeating it is harmless).</summary>
public sealed record SetGateCriterionCommand(Guid ProjectId, PhaseKind Phase, int Number, bool Met) : ICommand;

public sealed class SetGateCriterionCommandHandler(IAppDbContext db, Access access, TimeProvider clock) : ICommandHandler<SetGateCriterionCommand>
{
    public async ValueTask<Unit> Handle(SetGateCriterionCommand command, CancellationToken cancellationToken)
    {
        var me = await access.ToProjectAsync(command.ProjectId, cancellationToken);
        var phase = await db.LoadPhaseAsync(command.ProjectId, command.Phase, cancellationToken);
        me.EnsureCanWorkGate(phase);
        phase.SetGateCriterion(command.Number, command.Met, me.Actor, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
