using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.Projects;
using Mediator;

namespace DsProcess.Application.Teams.Commands.ChangeMemberRoles;

/// <summary>Replaces a member's project roles; tasks they can no longer do go back to their role.</summary>
public sealed record ChangeMemberRolesCommand(Guid ProjectId, Guid PersonId, IReadOnlyCollection<ProjectRole> Roles) : ICommand;

public sealed class ChangeMemberRolesCommandHandler(IAppDbContext db, Access access, TimeProvider clock) : ICommandHandler<ChangeMemberRolesCommand>
{
    public async ValueTask<Unit> Handle(ChangeMemberRolesCommand command, CancellationToken cancellationToken)
    {
        var me = await access.ToProjectAsync(command.ProjectId, cancellationToken);
        me.EnsureCanPlan("change the team");
        var project = await db.LoadProjectWithTeamAsync(command.ProjectId, cancellationToken);
        var person = await db.LoadPersonAsync(command.PersonId, cancellationToken);
        project.ChangeMemberRoles(person.Id, person.DisplayName, command.Roles, me.Actor, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
