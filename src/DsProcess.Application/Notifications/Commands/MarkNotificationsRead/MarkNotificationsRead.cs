using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Notifications.Commands.MarkNotificationsRead;

/// <summary>Marks one of the caller's notifications read, or (no id) all of them.</summary>
public sealed record MarkNotificationsReadCommand(Guid? NotificationId = null) : ICommand<int>;

public sealed class MarkNotificationsReadCommandHandler(IAppDbContext db, Access access, TimeProvider clock) : ICommandHandler<MarkNotificationsReadCommand, int>
{
    public async ValueTask<int> Handle(MarkNotificationsReadCommand command, CancellationToken cancellationToken)
    {
        var me = await access.PersonAsync(cancellationToken);
        var unread = await db.Notifications
            .Where(n => n.RecipientId == me.Id && n.ReadAt == null && (command.NotificationId == null || n.Id == command.NotificationId))
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var notification in unread)
        {
            notification.MarkRead(now);
        }

        await db.SaveChangesAsync(cancellationToken);
        return unread.Count;
    }
}
