using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Application.Teams;
using DsProcess.Domain.People;
using Mediator;

namespace DsProcess.Application.People.Commands.SetPlaybookOwner;

/// <summary>
/// An admin makes someone a playbook owner (they write, version, publish and import playbooks beside the admins) or
/// no longer one; their open sessions end so the change applies everywhere.
/// </summary>
[RequiresSystemRole(SystemRole.Admin)]
public sealed record SetPlaybookOwnerCommand(Guid PersonId, bool Owns) : ICommand;

public sealed class SetPlaybookOwnerCommandHandler(IAppDbContext db, IIdentityService identity, Access access, TimeProvider clock)
    : ICommandHandler<SetPlaybookOwnerCommand>
{
    public async ValueTask<Unit> Handle(SetPlaybookOwnerCommand command, CancellationToken cancellationToken)
    {
        var me = await access.PersonAsync(cancellationToken);
        var person = await db.LoadPersonAsync(command.PersonId, cancellationToken);
        person.SetPlaybookOwner(command.Owns, me.AsActor(), clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        await identity.EndSessionsAsync(person.Id, cancellationToken);
        return Unit.Value;
    }
}
