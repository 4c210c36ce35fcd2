using System.Reflection;
using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.Integration;
using DsProcess.Domain.Projects;
using Mediator;

namespace DsProcess.Application.Common.Behaviours;

/// <summary>
/// Every message needs a signed-in, active person; messages marked <see cref="RequiresSystemRoleAttribute"/>
/// also need one of its roles. Project-level rules (team lead plans, role holders work) are checked by the
/// handlers once they know the project. A read-only token changes nothing, and a service token reaches no
/// system-wide message (it stands for a role in one project).
/// </summary>
public sealed class AuthorizationBehaviour<TMessage, TResponse>(Access access) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private static readonly RequiresSystemRoleAttribute? Requirement = typeof(TMessage).GetCustomAttribute<RequiresSystemRoleAttribute>();

    public async ValueTask<TResponse> Handle(
        TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        var person = await access.PersonAsync(cancellationToken);
        if (access.Token is { } token)
        {
            if (message is IBaseCommand && token.Scope != TokenScope.ReadWrite)
            {
                throw new ForbiddenException($"The token \"{token.Name}\" may only read; make a read/write token to change things.");
            }

            if (token.IsService && Requirement is not null)
            {
                throw new ForbiddenException($"The service token \"{token.Name}\" acts on its own project only.");
            }
        }

        if (Requirement is { } required && !required.Roles.Contains(person.SystemRole) && !(required.PlaybookOwners && person.OwnsPlaybooks))
        {
            throw new ForbiddenException(
                $"This needs the {string.Join(" or ", required.Roles.Select(DisplayNames.Of))} system role{(required.PlaybookOwners ? ", or a playbook owner" : "")}.");
        }

        return await next(message, cancellationToken);
    }
}
