using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.Integration;
using DsProcess.Domain.Projects;
using Mediator;

namespace DsProcess.Application.Tokens.Commands.CreateServiceToken;

/// <summary>A team lead makes a token for a pipeline: it acts on this project only, with <see cref="Role"/> only.</summary>
public sealed record CreateServiceTokenCommand(Guid ProjectId, string Name, ProjectRole Role, TokenScope Scope, int LifetimeInDays)
    : ICommand<CreatedToken>;

public sealed class CreateServiceTokenCommandHandler(IAppDbContext db, Access access, TimeProvider clock)
    : ICommandHandler<CreateServiceTokenCommand, CreatedToken>
{
    public async ValueTask<CreatedToken> Handle(CreateServiceTokenCommand command, CancellationToken cancellationToken)
    {
        access.EnsureNotToken();
        var me = await access.ToProjectAsync(command.ProjectId, cancellationToken);
        me.EnsureCanPlan("make service tokens");
        var now = clock.GetUtcNow();
        await db.ApiTokens.Where(t => t.ProjectId == command.ProjectId).EnsureRoomAsync(command.Name, now, cancellationToken);
        var (secret, prefix, hash) = TokenSecrets.New();
        var token = ApiToken.Service(
            me.Person.Id, command.ProjectId, command.Role, command.Name, command.Scope, now.AddDays(command.LifetimeInDays), prefix, hash, me.Actor, now);
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);
        return TokenRules.Created(token, secret);
    }
}
