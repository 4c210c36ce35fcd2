using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Models;
using DsProcess.Application.Common.Security;
using DsProcess.Application.Projects.Queries.ListProjects;
using DsProcess.Domain.Projects;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Projects.Queries.ProjectPage;

/// <summary>
/// The projects the caller may read in key order, <see cref="Limit"/> at a time after the key <see cref="After"/>
/// (keyset paging, for API clients that walk the whole list; the UI's list pages by number instead).
/// </summary>
public sealed record ProjectPageQuery(string? After = null, int Limit = 50) : IQuery<KeysetPage<ProjectListItem, string>>
{
    public const int MaxLimit = 200;
}

public sealed class ProjectPageQueryHandler(IAppDbContext db, Access access) : IQueryHandler<ProjectPageQuery, KeysetPage<ProjectListItem, string>>
{
    public async ValueTask<KeysetPage<ProjectListItem, string>> Handle(ProjectPageQuery query, CancellationToken cancellationToken)
    {
        var projects = db.Projects.AsNoTracking();
        if (await access.ReadableProjectIdsAsync(cancellationToken) is { } readable)
        {
            projects = projects.Where(p => readable.Contains(p.Id));
        }

        if (query.After is { } after)
        {
            projects = projects.Where(p => string.Compare(p.Key, after) > 0);
        }

        // One row more than asked tells whether another page follows.
        var rows = await projects
            .OrderBy(p => p.Key)
            .Take(query.Limit + 1)
            .Select(p => new ProjectListItem(
                p.Id,
                p.Key,
                p.Name,
                p.CurrentPhase,
                p.Status,
                p.TargetDate,
                db.Tasks.Count(t => t.ProjectId == p.Id),
                db.Tasks.Count(t => t.ProjectId == p.Id && (t.Status == ProjectTaskStatus.Done || t.Status == ProjectTaskStatus.NotApplicable))))
            .ToListAsync(cancellationToken);
        return rows.Count > query.Limit
            ? new KeysetPage<ProjectListItem, string>(rows[..query.Limit], rows[query.Limit - 1].Key)
            : new KeysetPage<ProjectListItem, string>(rows, null);
    }
}
