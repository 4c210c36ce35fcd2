using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Models;
using DsProcess.Application.Common.Security;
using DsProcess.Application.Projects;
using DsProcess.Domain.Activity;
using DsProcess.Domain.Projects;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Activity.Queries.ProjectTimeline;

/// <summary>Filters shared by the timeline page and its CSV export.</summary>
public sealed record TimelineFilter(PhaseKind? Phase = null, Guid? ActorId = null, ActivityKind? Kind = null, int? Iteration = null);

/// <summary>One page of a project's activity log, newest first, with the people who appear in it (for the filter).</summary>
public sealed record ProjectTimelineQuery(string Key, TimelineFilter Filter, int Page = 1, int PageSize = 50) : IQuery<ProjectTimelineDto>;

/// <summary>The whole filtered activity log of a project, oldest first, for export.</summary>
public sealed record ExportTimelineQuery(string Key, TimelineFilter Filter) : IQuery<IReadOnlyList<TimelineEntry>>;

public sealed record ProjectTimelineDto(Guid ProjectId, string Key, string Name, int Iteration, PagedList<TimelineEntry> Entries, IReadOnlyList<TimelineActor> Actors);

public sealed record TimelineActor(Guid Id, string Name);

public sealed record TimelineEntry(
    long Id,
    DateTimeOffset At,
    int? Iteration,
    string ActorName,
    ActivityKind Kind,
    PhaseKind? Phase,
    string Subject,
    string? From,
    string? To,
    string? Reason);

internal static class Timeline
{
    public const int MaxExportRows = 100_000;

    public static async Task<(Guid Id, string Key, string Name, int Iteration)> ProjectAsync(IAppDbContext db, Access access, string key, CancellationToken cancellationToken)
    {
        var project = await db.Projects.AsNoTracking()
            .WithKey(key)
            .Select(p => new { p.Id, p.Key, p.Name, p.Iteration })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Project", key);
        await access.ToProjectAsync(project.Id, cancellationToken);
        return (project.Id, project.Key, project.Name, project.Iteration);
    }

    public static IQueryable<ActivityEntry> Filtered(IAppDbContext db, Guid projectId, TimelineFilter filter)
    {
        var entries = db.Activity.AsNoTracking().Where(a => a.ProjectId == projectId);
        if (filter.Phase is { } phase)
        {
            entries = entries.Where(a => a.Phase == phase);
        }

        if (filter.ActorId is { } actor)
        {
            entries = entries.Where(a => a.ActorId == actor);
        }

        if (filter.Kind is { } kind)
        {
            entries = entries.Where(a => a.Kind == kind);
        }

        if (filter.Iteration is { } iteration)
        {
            entries = entries.Where(a => a.Iteration == iteration);
        }

        return entries;
    }

    public static IQueryable<TimelineEntry> AsEntries(this IQueryable<ActivityEntry> entries) =>
        entries.Select(a => new TimelineEntry(a.Id, a.At, a.Iteration, a.ActorName, a.Kind, a.Phase, a.Subject, a.From, a.To, a.Reason));
}

public sealed class ProjectTimelineQueryHandler(IAppDbContext db, Access access) : IQueryHandler<ProjectTimelineQuery, ProjectTimelineDto>
{
    public async ValueTask<ProjectTimelineDto> Handle(ProjectTimelineQuery query, CancellationToken cancellationToken)
    {
        var project = await Timeline.ProjectAsync(db, access, query.Key, cancellationToken);
        var entries = Timeline.Filtered(db, project.Id, query.Filter);
        var pageSize = Math.Clamp(query.PageSize, 1, 200);
        var page = Math.Max(query.Page, 1);
        var total = await entries.CountAsync(cancellationToken);
        var items = await entries
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .AsEntries()
            .ToListAsync(cancellationToken);
        var actors = await db.Activity.AsNoTracking()
            .Where(a => a.ProjectId == project.Id && a.ActorId != null)
            .Select(a => new { Id = a.ActorId!.Value, a.ActorName })
            .Distinct()
            .OrderBy(a => a.ActorName)
            .Select(a => new TimelineActor(a.Id, a.ActorName))
            .ToListAsync(cancellationToken);
        return new ProjectTimelineDto(project.Id, project.Key, project.Name, project.Iteration, new PagedList<TimelineEntry>(items, total, page, pageSize), actors);
    }
}

public sealed class ExportTimelineQueryHandler(IAppDbContext db, Access access) : IQueryHandler<ExportTimelineQuery, IReadOnlyList<TimelineEntry>>
{
    public async ValueTask<IReadOnlyList<TimelineEntry>> Handle(ExportTimelineQuery query, CancellationToken cancellationToken)
    {
        var project = await Timeline.ProjectAsync(db, access, query.Key, cancellationToken);
        return await Timeline.Filtered(db, project.Id, query.Filter)
            .OrderBy(a => a.At).ThenBy(a => a.Id)
            .Take(Timeline.MaxExportRows)
            .AsEntries()
            .ToListAsync(cancellationToken);
    }
}
