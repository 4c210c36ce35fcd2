using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.Integration;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Tokens.Queries.MyTokens;

/// <summary>The caller's personal tokens, usable ones first, newest first.</summary>
public sealed record MyTokensQuery : IQuery<IReadOnlyList<TokenSummary>>;

public sealed class MyTokensQueryHandler(IAppDbContext db, Access access, TimeProvider clock) : IQueryHandler<MyTokensQuery, IReadOnlyList<TokenSummary>>
{
    public async ValueTask<IReadOnlyList<TokenSummary>> Handle(MyTokensQuery query, CancellationToken cancellationToken)
    {
        var me = await access.PersonAsync(cancellationToken);
        return await db.ApiTokens.AsNoTracking()
            .Where(t => t.PersonId == me.Id && t.Kind == TokenKind.Personal)
            .UsableFirst(clock.GetUtcNow())
            .Summaries(db)
            .ToListAsync(cancellationToken);
    }
}
