using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.People;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Playbooks.Queries.Playbooks;

/// <summary>A playbook version in the list: what it holds and how many projects started from it.</summary>
public sealed record PlaybookRow(
    Guid Id, Guid Lineage, int Number, string Name, string Description, bool IsDraft, bool IsDefault, bool IsArchived, int Tasks, int Projects)
{
    public string Label => Domain.Playbooks.Playbook.LabelOf(Name, Number);

    /// <summary>A published version that is not archived: what a new project may start from.</summary>
    public bool IsOffered => !IsDraft && !IsArchived;
}

/// <summary>
/// Every playbook version, the default playbook first, then by name, newest version first: for admins to manage and
/// for team leads to start projects from.
/// </summary>
[RequiresSystemRole(SystemRole.Admin, SystemRole.TeamLead, PlaybookOwners = true)]
public sealed record PlaybooksQuery : IQuery<IReadOnlyList<PlaybookRow>>;

public sealed class PlaybooksQueryHandler(IAppDbContext db) : IQueryHandler<PlaybooksQuery, IReadOnlyList<PlaybookRow>>
{
    public async ValueTask<IReadOnlyList<PlaybookRow>> Handle(PlaybooksQuery query, CancellationToken cancellationToken)
    {
        var playbooks = await db.Playbooks.AsNoTracking()
            .OrderByDescending(p => db.Playbooks.Any(d => d.IsDefault && d.Lineage == p.Lineage)).ThenBy(p => p.Name).ThenByDescending(p => p.Number)
            .Select(p => new { Playbook = p, Projects = db.Projects.Count(x => x.PlaybookId == p.Id) })
            .ToListAsync(cancellationToken);
        return [.. playbooks.Select(x => new PlaybookRow(
            x.Playbook.Id,
            x.Playbook.Lineage,
            x.Playbook.Number,
            x.Playbook.Name,
            x.Playbook.Description,
            x.Playbook.IsDraft,
            x.Playbook.IsDefault,
            x.Playbook.IsArchived,
            x.Playbook.TaskCount,
            x.Projects))];
    }
}
