using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.Activity;
using DsProcess.Domain.People;
using DsProcess.Domain.Projects;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Roles.Commands.AddRole;

/// <summary>
/// An admin adds a role beside the built-in ones (a DevOps engineer, a citizen data scientist): playbook tasks can
/// then be given to it, and leads staff it on their teams. Returns the role.
/// </summary>
[RequiresSystemRole(SystemRole.Admin)]
public sealed record AddRoleCommand : ICommand<ProjectRole>
{
    public string Name { get; set; } = "";

    public string? Description { get; set; }
}

public sealed class AddRoleCommandHandler(IAppDbContext db, Access access, TimeProvider clock) : ICommandHandler<AddRoleCommand, ProjectRole>
{
    public async ValueTask<ProjectRole> Handle(AddRoleCommand command, CancellationToken cancellationToken)
    {
        if (CustomRoles.BuiltInNamed(command.Name) is { } builtIn)
        {
            throw new ValidationException(nameof(command.Name), $"{DisplayNames.Of(builtIn)} is a built-in role already.");
        }

        var now = clock.GetUtcNow();
        var role = new CustomRole(command.Name, command.Description, now);
        if (await db.CustomRoles.AnyAsync(r => r.Role == role.Role, cancellationToken))
        {
            throw new ValidationException(nameof(command.Name), $"There is already a role called \"{role.Name}\" (or one too alike); choose another name.");
        }

        db.CustomRoles.Add(role);
        db.Activity.Add(ActivityEntry.ForSystem(ActivityKind.RoleAdded, (await access.PersonAsync(cancellationToken)).AsActor(), now, role.Name));
        await db.SaveChangesAsync(cancellationToken);
        CustomRoles.Know(role.Role, role.Name);
        return role.Role;
    }
}
