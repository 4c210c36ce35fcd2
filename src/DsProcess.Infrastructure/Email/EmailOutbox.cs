using DsProcess.Domain.Notifications;
using DsProcess.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace DsProcess.Infrastructure.Email;

/// <summary>
/// Routes each new notification by its recipient's choice as the change that made it is saved: at once (an e-mail in
/// the outbox, in the same transaction, so it is sent exactly when the change commits and never lost), in the next
/// digest, or the app only. One query reads the recipients and their choices; none when the change notifies nobody or
/// e-mail is off.
/// </summary>
public sealed class EmailOutbox(IOptions<EmailOptions> options, EmailComposer composer, TimeProvider clock) : SaveChangesInterceptor
{
    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (options.Value.Enabled && eventData.Context is AppDbContext db)
        {
            await RouteAsync(db, cancellationToken);
        }

        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
        options.Value.Enabled && eventData.Context is AppDbContext db && db.ChangeTracker.Entries<Notification>().Any(e => e.State == EntityState.Added)
            ? throw new InvalidOperationException("Notifications are saved asynchronously, so their e-mails can be routed.")
            : result;

    private async Task RouteAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var added = db.ChangeTracker.Entries<Notification>().Where(e => e.State == EntityState.Added).Select(e => e.Entity)
            .Where(n => EmailChoices.Kinds.Contains(n.Kind)).ToList();
        if (added.Count == 0)
        {
            return;
        }

        var ids = added.Select(n => n.RecipientId).Distinct().ToList();
        var recipients = await db.People.AsNoTracking()
            .Where(p => ids.Contains(p.Id) && p.IsActive)
            .Select(p => new { Person = p, Chosen = db.EmailPreferences.Where(e => e.PersonId == p.Id).ToList() })
            .ToDictionaryAsync(r => r.Person.Id, cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var notification in added)
        {
            if (!recipients.TryGetValue(notification.RecipientId, out var recipient))
            {
                continue;
            }

            var choice = EmailChoices.Of(notification.Kind, recipient.Chosen);
            notification.SendBy(choice);
            if (choice == EmailChoice.Immediate)
            {
                db.OutgoingEmails.Add(composer.Immediate(recipient.Person, notification, now));
            }
        }
    }
}
