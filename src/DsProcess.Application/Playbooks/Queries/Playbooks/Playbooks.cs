using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.People;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Playbooks.Queries.Playbooks;

/// <summary>A playbook in the list: what it holds and how many projects started from it.</summary>
public sealed record PlaybookRow(Guid Id, string Name, string Description, bool IsDefault, bool IsArchived, int Tasks, int Projects);

/// <summary>Every playbook, the default first and archived ones last: for admins to manage and for team leads to start projects from.</summary>
[RequiresSystemRole(SystemRole.Admin, SystemRole.TeamLead)]
public sealed record PlaybooksQuery : IQuery<IReadOnlyList<PlaybookRow>>;

public sealed class PlaybooksQueryHandler(IAppDbContext db) : IQueryHandler<PlaybooksQuery, IReadOnlyList<PlaybookRow>>
{
    public async ValueTask<IReadOnlyList<PlaybookRow>> Handle(PlaybooksQuery query, CancellationToken cancellationToken)
    {
        var playbooks = await db.Playbooks.AsNoTracking()
            .OrderByDescending(p => p.IsDefault).ThenBy(p => p.IsArchived).ThenBy(p => p.Name)
            .Select(p => new { Playbook = p, Projects = db.Projects.Count(x => x.PlaybookId == p.Id) })
            .ToListAsync(cancellationToken);
        return [.. playbooks.Select(x => new PlaybookRow(
            x.Playbook.Id, x.Playbook.Name, x.Playbook.Description, x.Playbook.IsDefault, x.Playbook.IsArchived, x.Playbook.Phases.Sum(p => p.Tasks.Count), x.Projects))];
    }
}
