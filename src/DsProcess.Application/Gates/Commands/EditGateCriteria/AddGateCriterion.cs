using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.Projects;
using Mediator;

namespace DsProcess.Application.Gates.Commands.EditGateCriteria;

/// <summary>The team lead adds an exit criterion to a phase's gate before it is submitted.</summary>
public sealed record AddGateCriterionCommand(Guid ProjectId, PhaseKind Phase, string Text, bool IsRequired = true) : ICommand;

public sealed class AddGateCriterionCommandHandler(IAppDbContext db, Access access, TimeProvider clock) : ICommandHandler<AddGateCriterionCommand>
{
    public async ValueTask<Unit> Handle(AddGateCriterionCommand command, CancellationToken cancellationToken)
    {
        var me = await access.ToProjectAsync(command.ProjectId, cancellationToken);
        me.EnsureCanPlan("tailor gate criteria");
        var phase = await db.LoadPhaseAsync(command.ProjectId, command.Phase, cancellationToken);
        phase.AddGateCriterion(command.Text, command.IsRequired, me.Actor, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
