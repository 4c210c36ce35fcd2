using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.People;
using DsProcess.Domain.Playbooks;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Playbooks.Queries.ComparePlaybooks;

/// <summary>What a project on <see cref="ToId"/> would get differently from one on <see cref="FromId"/> (<see cref="PlaybookChanges"/>).</summary>
[RequiresSystemRole(SystemRole.Admin, SystemRole.TeamLead, PlaybookOwners = true)]
public sealed record ComparePlaybooksQuery(Guid FromId, Guid ToId) : IQuery<IReadOnlyList<PlaybookChange>>;

public sealed class ComparePlaybooksQueryHandler(IAppDbContext db) : IQueryHandler<ComparePlaybooksQuery, IReadOnlyList<PlaybookChange>>
{
    public async ValueTask<IReadOnlyList<PlaybookChange>> Handle(ComparePlaybooksQuery query, CancellationToken cancellationToken)
    {
        var playbooks = await db.Playbooks.AsNoTracking()
            .Where(p => p.Id == query.FromId || p.Id == query.ToId)
            .ToDictionaryAsync(p => p.Id, cancellationToken);
        return PlaybookChanges.Between(
            playbooks.GetValueOrDefault(query.FromId) ?? throw new NotFoundException("Playbook", query.FromId),
            playbooks.GetValueOrDefault(query.ToId) ?? throw new NotFoundException("Playbook", query.ToId));
    }
}
