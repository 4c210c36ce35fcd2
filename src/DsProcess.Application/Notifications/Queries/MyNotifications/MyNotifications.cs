using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.Notifications;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Notifications.Queries.MyNotifications;

/// <summary>The caller's unread count and latest notifications, for the bell.</summary>
public sealed record MyNotificationsQuery(int Take = 20) : IQuery<MyNotificationsDto>;

public sealed record MyNotificationsDto(int UnreadCount, IReadOnlyList<NotificationItem> Items);

public sealed record NotificationItem(Guid Id, NotificationKind Kind, string Text, string Link, DateTimeOffset CreatedAt, bool IsRead);

public sealed class MyNotificationsQueryHandler(IAppDbContext db, Access access) : IQueryHandler<MyNotificationsQuery, MyNotificationsDto>
{
    public async ValueTask<MyNotificationsDto> Handle(MyNotificationsQuery query, CancellationToken cancellationToken)
    {
        var me = await access.PersonAsync(cancellationToken);
        var mine = db.Notifications.AsNoTracking().Where(n => n.RecipientId == me.Id);
        var unread = await mine.CountAsync(n => n.ReadAt == null, cancellationToken);
        var items = await mine
            .OrderByDescending(n => n.CreatedAt)
            .Take(Math.Clamp(query.Take, 1, 100))
            .Select(n => new NotificationItem(n.Id, n.Kind, n.Text, n.Link, n.CreatedAt, n.ReadAt != null))
            .ToListAsync(cancellationToken);
        return new MyNotificationsDto(unread, items);
    }
}
