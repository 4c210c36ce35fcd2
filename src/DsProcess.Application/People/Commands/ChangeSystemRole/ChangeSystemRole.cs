using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Application.Teams;
using DsProcess.Domain.People;
using Mediator;

namespace DsProcess.Application.People.Commands.ChangeSystemRole;

/// <summary>An admin changes someone's system role; their open sessions end so the new role applies everywhere.</summary>
[RequiresSystemRole(SystemRole.Admin)]
public sealed record ChangeSystemRoleCommand(Guid PersonId, SystemRole Role) : ICommand;

public sealed class ChangeSystemRoleCommandHandler(IAppDbContext db, IIdentityService identity, Access access, TimeProvider clock)
    : ICommandHandler<ChangeSystemRoleCommand>
{
    public async ValueTask<Unit> Handle(ChangeSystemRoleCommand command, CancellationToken cancellationToken)
    {
        var me = await access.PersonAsync(cancellationToken);
        var person = await db.LoadPersonAsync(command.PersonId, cancellationToken);
        person.ChangeSystemRole(command.Role, me.AsActor(), clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        await identity.EndSessionsAsync(person.Id, cancellationToken);
        return Unit.Value;
    }
}
