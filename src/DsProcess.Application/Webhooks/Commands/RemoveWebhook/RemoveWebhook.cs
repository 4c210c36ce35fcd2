using DsProcess.Application.Common;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using Mediator;

namespace DsProcess.Application.Webhooks.Commands.RemoveWebhook;

/// <summary>The team lead removes a webhook with its queued events and delivery log; the activity log keeps that it was there.</summary>
public sealed record RemoveWebhookCommand(Guid SubscriptionId, uint Version) : ICommand;

public sealed class RemoveWebhookCommandHandler(IAppDbContext db, Access access, TimeProvider clock) : ICommandHandler<RemoveWebhookCommand>
{
    public async ValueTask<Unit> Handle(RemoveWebhookCommand command, CancellationToken cancellationToken)
    {
        var (subscription, me) = await db.ManagedSubscriptionAsync(access, command.SubscriptionId, cancellationToken);
        db.ExpectVersion(subscription, command.Version);
        subscription.RecordRemoved(me.Actor, clock.GetUtcNow());
        db.WebhookSubscriptions.Remove(subscription);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
