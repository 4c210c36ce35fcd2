using DsProcess.Application.Common.Interfaces;
using DsProcess.Domain.Playbooks;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Playbooks;

/// <summary>A project's playbook version and the newest one it could take: published, not archived, later.</summary>
public sealed record PlaybookVersions(Playbook Current, Playbook? Newer)
{
    public static async Task<PlaybookVersions> CurrentAndNewestAsync(IAppDbContext db, Guid currentId, CancellationToken cancellationToken)
    {
        var found = await db.Playbooks.AsNoTracking()
            .Where(p => p.Id == currentId
                || (!p.IsDraft && !p.IsArchived && db.Playbooks.Any(c => c.Id == currentId && c.Lineage == p.Lineage && c.Number < p.Number)))
            .OrderBy(p => p.Number)
            .ToListAsync(cancellationToken);
        return new(found.Single(p => p.Id == currentId), found.LastOrDefault(p => p.Id != currentId));
    }
}
