using DsProcess.Application.Common.Interfaces;
using DsProcess.Domain.Notifications;

namespace DsProcess.Application.Common.Notifications;

/// <summary>
/// Adds in-app notifications to the current unit of work, so they are saved (or dropped) with the change that
/// caused them. As they are saved, each is routed by its recipient's e-mail choice (the e-mail outbox, in the same
/// transaction).
/// </summary>
public sealed class Notifier(IAppDbContext db, TimeProvider clock)
{
    public void Notify(IEnumerable<Guid> recipients, Guid? except, NotificationKind kind, Guid projectId, string text, string link)
    {
        var now = clock.GetUtcNow();
        foreach (var recipient in recipients.Distinct().Where(r => r != except))
        {
            db.Notifications.Add(new Notification(recipient, kind, projectId, text, link, now));
        }
    }
}
