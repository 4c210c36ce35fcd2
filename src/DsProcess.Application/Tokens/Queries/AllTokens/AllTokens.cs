using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.People;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Tokens.Queries.AllTokens;

/// <summary>Every usable token of everyone, for admins to review and revoke; soonest to expire first.</summary>
[RequiresSystemRole(SystemRole.Admin)]
public sealed record AllTokensQuery : IQuery<IReadOnlyList<TokenSummary>>;

public sealed class AllTokensQueryHandler(IAppDbContext db, TimeProvider clock) : IQueryHandler<AllTokensQuery, IReadOnlyList<TokenSummary>>
{
    /// <summary>Enough for any team; the usable tokens per person and per project are capped.</summary>
    private const int Limit = 1000;

    public async ValueTask<IReadOnlyList<TokenSummary>> Handle(AllTokensQuery query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return await db.ApiTokens.AsNoTracking()
            .Where(t => t.RevokedAt == null && t.ExpiresAt > now)
            .OrderBy(t => t.ExpiresAt)
            .Take(Limit)
            .Summaries(db)
            .ToListAsync(cancellationToken);
    }
}
