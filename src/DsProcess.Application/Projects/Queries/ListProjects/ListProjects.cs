using System.Linq.Expressions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Models;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.Projects;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Projects.Queries.ListProjects;

public enum ProjectSort
{
    Key,
    Name,
    CurrentPhase,
    Progress,
    TargetDate,
    Status,
}

/// <summary>One page of the projects the caller may read, searched by name or key and sorted on the server.</summary>
public sealed record ListProjectsQuery(
    string? Search = null,
    ProjectSort Sort = ProjectSort.Key,
    SortDirection Direction = SortDirection.Ascending,
    int Page = 1,
    int PageSize = 20) : IQuery<PagedList<ProjectListItem>>;

public sealed record ProjectListItem(
    Guid Id,
    string Key,
    string Name,
    PhaseKind? CurrentPhase,
    ProjectStatus Status,
    DateOnly TargetDate,
    int TaskCount,
    int FinishedTaskCount)
{
    public int ProgressPercent => TaskCount == 0 ? 0 : FinishedTaskCount * 100 / TaskCount;
}

public sealed class ListProjectsQueryHandler(IAppDbContext db, Access access) : IQueryHandler<ListProjectsQuery, PagedList<ProjectListItem>>
{
    public async ValueTask<PagedList<ProjectListItem>> Handle(ListProjectsQuery query, CancellationToken cancellationToken)
    {
        var projects = db.Projects.AsNoTracking();
        if (await access.ReadableProjectIdsAsync(cancellationToken) is { } readable)
        {
            projects = projects.Where(p => readable.Contains(p.Id));
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = $"%{EscapeLike(query.Search.Trim().ToLowerInvariant())}%";
            projects = projects.Where(p => EF.Functions.Like(p.Name.ToLower(), pattern, "\\") || EF.Functions.Like(p.Key.ToLower(), pattern, "\\"));
        }

        var rows = projects.Select(p => new
        {
            Project = p,
            TaskCount = db.Tasks.Count(t => t.ProjectId == p.Id),
            FinishedTaskCount = db.Tasks.Count(t => t.ProjectId == p.Id && (t.Status == ProjectTaskStatus.Done || t.Status == ProjectTaskStatus.NotApplicable)),
        });

        var total = await projects.CountAsync(cancellationToken);
        var descending = query.Direction == SortDirection.Descending;
        var sorted = query.Sort switch
        {
            ProjectSort.Name => OrderBy(rows, r => r.Project.Name, descending),
            ProjectSort.CurrentPhase => OrderBy(rows, r => r.Project.CurrentPhase, descending),
            ProjectSort.Progress => OrderBy(rows, r => r.TaskCount == 0 ? 0 : r.FinishedTaskCount * 100 / r.TaskCount, descending),
            ProjectSort.TargetDate => OrderBy(rows, r => r.Project.TargetDate, descending),
            ProjectSort.Status => OrderBy(rows, r => r.Project.Status, descending),
            _ => OrderBy(rows, r => r.Project.Key, descending),
        };

        var pageSize = Math.Clamp(query.PageSize, 1, 100);
        var page = Math.Max(query.Page, 1);
        var items = await sorted
            .ThenBy(r => r.Project.Key)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .Select(r => new ProjectListItem(
                r.Project.Id,
                r.Project.Key,
                r.Project.Name,
                r.Project.CurrentPhase,
                r.Project.Status,
                r.Project.TargetDate,
                r.TaskCount,
                r.FinishedTaskCount))
            .ToListAsync(cancellationToken);
        return new PagedList<ProjectListItem>(items, total, page, pageSize);
    }

    private static IOrderedQueryable<T> OrderBy<T, TKey>(IQueryable<T> rows, Expression<Func<T, TKey>> key, bool descending) =>
        descending ? rows.OrderByDescending(key) : rows.OrderBy(key);

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);
}
