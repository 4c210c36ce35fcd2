using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Application.Tasks;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Handoffs.Commands.AcknowledgeHandoff;

/// <summary>The receiving side confirms it has taken the work over; the handoff stops waiting.</summary>
public sealed record AcknowledgeHandoffCommand(Guid HandoffId) : ICommand;

public sealed class AcknowledgeHandoffCommandHandler(IAppDbContext db, Access access, TimeProvider clock) : ICommandHandler<AcknowledgeHandoffCommand>
{
    public async ValueTask<Unit> Handle(AcknowledgeHandoffCommand command, CancellationToken cancellationToken)
    {
        var handoff = await db.Handoffs.SingleOrDefaultAsync(h => h.Id == command.HandoffId, cancellationToken)
            ?? throw new NotFoundException("Handoff", command.HandoffId);
        var me = await access.ToProjectAsync(handoff.ProjectId, cancellationToken);
        var receiving = await db.LoadTaskAsync(handoff.ToTaskId, cancellationToken);
        if (!me.CanAcknowledge(receiving.AssigneeId, handoff.ToRole))
        {
            throw new ForbiddenException($"Only the {Domain.Projects.DisplayNames.Of(handoff.ToRole).ToLowerInvariant()} receiving this work, or the team lead, can acknowledge it.");
        }

        receiving.Acknowledge(handoff, me.Actor, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
