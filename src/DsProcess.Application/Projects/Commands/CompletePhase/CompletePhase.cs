using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Projects.Commands.CompletePhase;

/// <summary>Completes the project's active phase once its required tasks are finished, and activates the next.</summary>
public sealed record CompletePhaseCommand(Guid ProjectId) : ICommand;

public sealed class CompletePhaseCommandHandler(IAppDbContext db, Access access, TimeProvider clock)
    : ICommandHandler<CompletePhaseCommand>
{
    public async ValueTask<Unit> Handle(CompletePhaseCommand command, CancellationToken cancellationToken)
    {
        var me = await access.ToProjectAsync(command.ProjectId, cancellationToken);
        me.EnsureCanPlan("complete a phase");
        var project = await db.Projects
            .Include(p => p.Phases).ThenInclude(p => p.Tasks)
            .SingleOrDefaultAsync(p => p.Id == command.ProjectId, cancellationToken)
            ?? throw new NotFoundException("Project", command.ProjectId);

        project.CompleteActivePhase(me.Actor, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
