using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.Projects;
using Mediator;

namespace DsProcess.Application.Teams.Commands.AddMember;

/// <summary>Puts a person on a project's team with one or more project roles.</summary>
public sealed class AddMemberCommand : ICommand
{
    public Guid ProjectId { get; set; }

    public Guid? PersonId { get; set; }

    public IReadOnlyCollection<ProjectRole> Roles { get; set; } = [];
}

public sealed class AddMemberCommandHandler(IAppDbContext db, Access access, TimeProvider clock) : ICommandHandler<AddMemberCommand>
{
    public async ValueTask<Unit> Handle(AddMemberCommand command, CancellationToken cancellationToken)
    {
        var me = await access.ToProjectAsync(command.ProjectId, cancellationToken);
        me.EnsureCanPlan("change the team");
        var project = await db.LoadProjectWithTeamAsync(command.ProjectId, cancellationToken);
        var person = await db.LoadPersonAsync(command.PersonId!.Value, cancellationToken);
        if (!person.IsActive)
        {
            throw new ValidationException(nameof(command.PersonId), $"{person.DisplayName}'s account is disabled.");
        }

        project.AddMember(person.Id, person.DisplayName, command.Roles, me.Actor, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
