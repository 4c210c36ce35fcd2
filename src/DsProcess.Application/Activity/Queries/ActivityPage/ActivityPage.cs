using DsProcess.Application.Activity.Queries.ProjectTimeline;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Models;
using DsProcess.Application.Common.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Activity.Queries.ActivityPage;

/// <summary>Where a walk through the activity log stands: the last entry it has seen.</summary>
public sealed record ActivityCursor(DateTimeOffset At, long Id);

/// <summary>
/// A project's activity log newest first, as the timeline shows it, <see cref="Limit"/> entries at a time before the
/// entry <see cref="Before"/> (keyset paging: entries added meanwhile land before the first page, never inside the walk).
/// </summary>
public sealed record ActivityPageQuery(string Key, TimelineFilter Filter, ActivityCursor? Before = null, int Limit = 50)
    : IQuery<KeysetPage<TimelineEntry, ActivityCursor>>
{
    public const int MaxLimit = 200;
}

public sealed class ActivityPageQueryHandler(IAppDbContext db, Access access) : IQueryHandler<ActivityPageQuery, KeysetPage<TimelineEntry, ActivityCursor>>
{
    public async ValueTask<KeysetPage<TimelineEntry, ActivityCursor>> Handle(ActivityPageQuery query, CancellationToken cancellationToken)
    {
        var project = await Timeline.ProjectAsync(db, access, query.Key, cancellationToken);
        var entries = Timeline.Filtered(db, project.Id, query.Filter);
        if (query.Before is { } before)
        {
            var at = before.At.ToUniversalTime();
            entries = entries.Where(a => a.At < at || (a.At == at && a.Id < before.Id));
        }

        var rows = await entries
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Take(query.Limit + 1)
            .AsEntries()
            .ToListAsync(cancellationToken);
        if (rows.Count <= query.Limit)
        {
            return new KeysetPage<TimelineEntry, ActivityCursor>(rows, null);
        }

        var last = rows[query.Limit - 1];
        return new KeysetPage<TimelineEntry, ActivityCursor>(rows[..query.Limit], new ActivityCursor(last.At, last.Id));
    }
}
