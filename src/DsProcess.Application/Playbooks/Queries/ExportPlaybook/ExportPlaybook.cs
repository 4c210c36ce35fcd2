using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.People;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Playbooks.Queries.ExportPlaybook;

/// <summary>A playbook as a file to share (<see cref="PlaybookDocument"/>).</summary>
[RequiresSystemRole(SystemRole.Admin, SystemRole.TeamLead, PlaybookOwners = true)]
public sealed record ExportPlaybookQuery(Guid PlaybookId) : IQuery<PlaybookDocument>;

public sealed class ExportPlaybookQueryHandler(IAppDbContext db) : IQueryHandler<ExportPlaybookQuery, PlaybookDocument>
{
    public async ValueTask<PlaybookDocument> Handle(ExportPlaybookQuery query, CancellationToken cancellationToken)
    {
        var playbook = await db.Playbooks.AsNoTracking().SingleOrDefaultAsync(p => p.Id == query.PlaybookId, cancellationToken)
            ?? throw new NotFoundException("Playbook", query.PlaybookId);
        return PlaybookDocument.From(playbook);
    }
}
