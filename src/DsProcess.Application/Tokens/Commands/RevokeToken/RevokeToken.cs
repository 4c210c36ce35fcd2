using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.People;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Tokens.Commands.RevokeToken;

/// <summary>
/// Revokes a token at once (its next call is refused). A personal token is revoked by its owner, a service token by
/// a team lead of its project; admins revoke any token.
/// </summary>
public sealed record RevokeTokenCommand(Guid TokenId) : ICommand;

public sealed class RevokeTokenCommandHandler(IAppDbContext db, Access access, TimeProvider clock) : ICommandHandler<RevokeTokenCommand>
{
    public async ValueTask<Unit> Handle(RevokeTokenCommand command, CancellationToken cancellationToken)
    {
        access.EnsureNotToken();
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == command.TokenId, cancellationToken)
            ?? throw new NotFoundException("Token", command.TokenId);
        var me = await access.PersonAsync(cancellationToken);
        var actor = me.AsActor();
        if (me.SystemRole != SystemRole.Admin)
        {
            if (token.ProjectId is { } projectId)
            {
                var lead = await access.ToProjectAsync(projectId, cancellationToken);
                lead.EnsureCanPlan("revoke its service tokens");
                actor = lead.Actor;
            }
            else if (token.PersonId != me.Id)
            {
                throw new NotFoundException("Token", command.TokenId);
            }
        }

        token.Revoke(actor, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
