using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Webhooks.Commands.RedeliverWebhook;

/// <summary>
/// Sends an event from the delivery log again, now (or when its paused webhook resumes), with the same event id, so a
/// receiver that already has it can tell.
/// </summary>
public sealed record RedeliverWebhookCommand(Guid DeliveryId) : ICommand;

public sealed class RedeliverWebhookCommandHandler(IAppDbContext db, Access access, TimeProvider clock) : ICommandHandler<RedeliverWebhookCommand>
{
    public async ValueTask<Unit> Handle(RedeliverWebhookCommand command, CancellationToken cancellationToken)
    {
        var delivery = await db.WebhookDeliveries.SingleOrDefaultAsync(d => d.Id == command.DeliveryId, cancellationToken)
            ?? throw new NotFoundException("Webhook delivery", command.DeliveryId);
        var me = await access.ToProjectAsync(delivery.ProjectId, cancellationToken);
        me.EnsureCanManageIntegrations();
        delivery.Redeliver(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
