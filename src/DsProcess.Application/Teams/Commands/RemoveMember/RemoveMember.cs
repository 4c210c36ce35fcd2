using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using Mediator;

namespace DsProcess.Application.Teams.Commands.RemoveMember;

/// <summary>Takes a person off a project's team; their open tasks go back to their roles.</summary>
public sealed record RemoveMemberCommand(Guid ProjectId, Guid PersonId) : ICommand;

public sealed class RemoveMemberCommandHandler(IAppDbContext db, Access access, TimeProvider clock) : ICommandHandler<RemoveMemberCommand>
{
    public async ValueTask<Unit> Handle(RemoveMemberCommand command, CancellationToken cancellationToken)
    {
        var me = await access.ToProjectAsync(command.ProjectId, cancellationToken);
        me.EnsureCanPlan("change the team");
        var project = await db.LoadProjectWithTeamAsync(command.ProjectId, cancellationToken);
        var person = await db.LoadPersonAsync(command.PersonId, cancellationToken);
        project.RemoveMember(person.Id, person.DisplayName, me.Actor, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
