using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.Integration;
using Mediator;

namespace DsProcess.Application.Tokens.Commands.CreatePersonalToken;

/// <summary>Makes a token that acts as the caller through the API, with their rights, limited to <see cref="Scope"/>.</summary>
public sealed record CreatePersonalTokenCommand(string Name, TokenScope Scope, int LifetimeInDays) : ICommand<CreatedToken>;

public sealed class CreatePersonalTokenCommandHandler(IAppDbContext db, Access access, TimeProvider clock)
    : ICommandHandler<CreatePersonalTokenCommand, CreatedToken>
{
    public async ValueTask<CreatedToken> Handle(CreatePersonalTokenCommand command, CancellationToken cancellationToken)
    {
        access.EnsureNotToken();
        var me = await access.PersonAsync(cancellationToken);
        var now = clock.GetUtcNow();
        await db.ApiTokens.Where(t => t.PersonId == me.Id && t.Kind == TokenKind.Personal).EnsureRoomAsync(command.Name, now, cancellationToken);
        var (secret, prefix, hash) = TokenSecrets.New();
        var token = ApiToken.Personal(me.Id, command.Name, command.Scope, now.AddDays(command.LifetimeInDays), prefix, hash, me.AsActor(), now);
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);
        return TokenRules.Created(token, secret);
    }
}
