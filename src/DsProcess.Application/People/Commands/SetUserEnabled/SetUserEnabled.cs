using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Application.Teams;
using DsProcess.Domain.People;
using Mediator;

namespace DsProcess.Application.People.Commands.SetUserEnabled;

/// <summary>
/// An admin disables an account (sign-in refused, open sessions end, every further command refused at once)
/// or enables it again.
/// </summary>
[RequiresSystemRole(SystemRole.Admin)]
public sealed record SetUserEnabledCommand(Guid PersonId, bool Enabled) : ICommand;

public sealed class SetUserEnabledCommandHandler(IAppDbContext db, IIdentityService identity, Access access, TimeProvider clock)
    : ICommandHandler<SetUserEnabledCommand>
{
    public async ValueTask<Unit> Handle(SetUserEnabledCommand command, CancellationToken cancellationToken)
    {
        var me = (await access.PersonAsync(cancellationToken)).AsActor();
        var person = await db.LoadPersonAsync(command.PersonId, cancellationToken);
        if (command.Enabled)
        {
            person.Enable(me, clock.GetUtcNow());
        }
        else
        {
            person.Disable(me, clock.GetUtcNow());
        }

        await db.SaveChangesAsync(cancellationToken);
        await identity.SetSignInAllowedAsync(person.Id, command.Enabled, cancellationToken);
        return Unit.Value;
    }
}
