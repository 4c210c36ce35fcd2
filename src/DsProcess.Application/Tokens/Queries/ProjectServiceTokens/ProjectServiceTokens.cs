using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.Integration;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Tokens.Queries.ProjectServiceTokens;

/// <summary>A project's service tokens, for its team leads: usable ones first, newest first.</summary>
public sealed record ProjectServiceTokensQuery(Guid ProjectId) : IQuery<IReadOnlyList<TokenSummary>>;

public sealed class ProjectServiceTokensQueryHandler(IAppDbContext db, Access access, TimeProvider clock)
    : IQueryHandler<ProjectServiceTokensQuery, IReadOnlyList<TokenSummary>>
{
    public async ValueTask<IReadOnlyList<TokenSummary>> Handle(ProjectServiceTokensQuery query, CancellationToken cancellationToken)
    {
        var me = await access.ToProjectAsync(query.ProjectId, cancellationToken);
        me.EnsureCanPlan("see the project's service tokens");
        return await db.ApiTokens.AsNoTracking()
            .Where(t => t.ProjectId == query.ProjectId && t.Kind == TokenKind.Service)
            .UsableFirst(clock.GetUtcNow())
            .Summaries(db)
            .ToListAsync(cancellationToken);
    }
}
