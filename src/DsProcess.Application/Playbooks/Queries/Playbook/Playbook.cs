using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.People;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Playbooks.Queries.Playbook;

/// <summary>One version of a playbook, whole, for the editor (a draft) or to read (a published version).</summary>
public sealed record PlaybookDetails(
    Guid Id, Guid Lineage, int Number, Guid? PreviousId, bool IsDraft, bool IsDefault, bool IsArchived, uint Version, int Projects, PlaybookDocument Document)
{
    public string Label => Domain.Playbooks.Playbook.LabelOf(Document.Name, Number);
}

[RequiresSystemRole(SystemRole.Admin, PlaybookOwners = true)]
public sealed record PlaybookQuery(Guid PlaybookId) : IQuery<PlaybookDetails>;

public sealed class PlaybookQueryHandler(IAppDbContext db) : IQueryHandler<PlaybookQuery, PlaybookDetails>
{
    public async ValueTask<PlaybookDetails> Handle(PlaybookQuery query, CancellationToken cancellationToken)
    {
        var found = await db.Playbooks.AsNoTracking()
            .Where(p => p.Id == query.PlaybookId)
            .Select(p => new
            {
                Playbook = p,
                Projects = db.Projects.Count(x => x.PlaybookId == p.Id),
                PreviousId = db.Playbooks.Where(v => v.Lineage == p.Lineage && v.Number == p.Number - 1).Select(v => (Guid?)v.Id).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Playbook", query.PlaybookId);
        var p = found.Playbook;
        return new(p.Id, p.Lineage, p.Number, found.PreviousId, p.IsDraft, p.IsDefault, p.IsArchived, p.Version, found.Projects, PlaybookDocument.From(p));
    }
}
