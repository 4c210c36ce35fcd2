using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.Webhooks;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Webhooks.Commands.SendTestWebhook;

/// <summary>
/// Queues a test event ("ping") for one webhook, so the team lead sees in the delivery log whether the receiver gets
/// and accepts it. A paused webhook gets it when resumed. Returns the delivery's id.
/// </summary>
public sealed record SendTestWebhookCommand(Guid SubscriptionId) : ICommand<Guid>;

public sealed class SendTestWebhookCommandHandler(IAppDbContext db, Access access, TimeProvider clock) : ICommandHandler<SendTestWebhookCommand, Guid>
{
    public async ValueTask<Guid> Handle(SendTestWebhookCommand command, CancellationToken cancellationToken)
    {
        var (subscription, me) = await db.ManagedSubscriptionAsync(access, command.SubscriptionId, cancellationToken);
        var project = await db.Projects.AsNoTracking().Where(p => p.Id == subscription.ProjectId).Select(p => new { p.Key, p.Name }).SingleAsync(cancellationToken);
        var delivery = WebhookDelivery.Ping(subscription, project.Key, project.Name, me.Actor, clock.GetUtcNow());
        db.WebhookDeliveries.Add(delivery);
        await db.SaveChangesAsync(cancellationToken);
        return delivery.Id;
    }
}
