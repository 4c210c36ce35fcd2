using DsProcess.Application.Common;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Notifications;
using DsProcess.Domain.Notifications;
using DsProcess.Domain.Projects;
using DsProcess.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Webhooks;

/// <summary>How the worker's attempts for one subscription went, in the order they were made.</summary>
/// <param name="RetryAt">When to try again after a failure (the back-off the worker computed from the failures so far).</param>
public sealed record SubscriptionOutcomes(Guid SubscriptionId, Guid LeaseToken, IReadOnlyList<(Guid DeliveryId, WebhookAttemptOutcome Outcome)> Attempts, Func<int, DateTimeOffset> RetryAt);

/// <summary>
/// Records delivery attempts for the background worker (which has no signed-in user, so it does not go through the
/// mediator): the outbox rows, their lines in the delivery log, the subscription's failure count, and, when that
/// pauses the subscription, a notification to the project's team leads, all in one transaction. One per DI scope; a
/// conflict (the lead paused or removed the webhook meanwhile) is retried by the caller in a fresh scope.
/// </summary>
public sealed class WebhookOutcomes(IAppDbContext db, Notifier notifier)
{
    /// <summary>Returns whether the subscription paused itself just now.</summary>
    public async Task<bool> RecordAsync(SubscriptionOutcomes outcomes, int maxConsecutiveFailures, CancellationToken cancellationToken)
    {
        var subscription = await db.WebhookSubscriptions.SingleOrDefaultAsync(s => s.Id == outcomes.SubscriptionId, cancellationToken);
        if (subscription is null)
        {
            // Removed while its events were out: nothing is left to record.
            return false;
        }

        var ids = outcomes.Attempts.Select(a => a.DeliveryId).ToList();
        var deliveries = await db.WebhookDeliveries.Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, cancellationToken);
        var paused = false;
        foreach (var (id, outcome) in outcomes.Attempts)
        {
            if (!deliveries.TryGetValue(id, out var delivery) || delivery.LeaseToken != outcomes.LeaseToken)
            {
                continue;
            }

            DateTimeOffset retryAt = outcome.At;
            if (outcome.Succeeded)
            {
                subscription.RecordSuccess();
            }
            else
            {
                retryAt = outcomes.RetryAt(subscription.ConsecutiveFailures + 1);
                paused |= subscription.RecordFailure(outcome.At, retryAt, maxConsecutiveFailures);
            }

            db.WebhookAttempts.Add(delivery.RecordAttempt(outcomes.LeaseToken, outcome, retryAt));
        }

        if (paused)
        {
            await NotifyLeadsAsync(subscription, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return paused;
    }

    private async Task NotifyLeadsAsync(WebhookSubscription subscription, CancellationToken cancellationToken)
    {
        var key = await db.Projects.Where(p => p.Id == subscription.ProjectId).Select(p => p.Key).SingleAsync(cancellationToken);
        var leads = await db.Members
            .Where(m => m.ProjectId == subscription.ProjectId && m.Roles.Contains(ProjectRole.TeamLead))
            .Select(m => m.PersonId)
            .ToListAsync(cancellationToken);
        notifier.Notify(
            leads,
            except: null,
            NotificationKind.WebhookPaused,
            subscription.ProjectId,
            $"{subscription.Describe()} ({key}) was paused after {subscription.ConsecutiveFailures} failed deliveries in a row.",
            Links.Integrations(key));
    }
}
