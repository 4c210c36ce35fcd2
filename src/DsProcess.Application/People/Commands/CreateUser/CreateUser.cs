using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.People;
using Mediator;

namespace DsProcess.Application.People.Commands.CreateUser;

/// <summary>An admin creates an account with a first password, which they pass on to the person. Bound by the "New user" form.</summary>
[RequiresSystemRole(SystemRole.Admin)]
public sealed class CreateUserCommand : ICommand<Guid>
{
    public string DisplayName { get; set; } = "";

    public string Email { get; set; } = "";

    public SystemRole SystemRole { get; set; } = SystemRole.Member;

    public string Password { get; set; } = "";
}

public sealed class CreateUserCommandHandler(IIdentityService identity, Access access) : ICommandHandler<CreateUserCommand, Guid>
{
    public async ValueTask<Guid> Handle(CreateUserCommand command, CancellationToken cancellationToken)
    {
        var me = await access.PersonAsync(cancellationToken);
        return await identity.CreateUserAsync(command.Email, command.DisplayName, command.SystemRole, command.Password, me.AsActor(), cancellationToken);
    }
}
