using DsProcess.Application.Common;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using Mediator;

namespace DsProcess.Application.Webhooks.Commands.SetWebhookPaused;

/// <summary>
/// The team lead pauses a webhook (events are kept for it, nothing is sent) or resumes it (what was kept goes out now).
/// <see cref="Version"/> is the subscription's version the lead saw.
/// </summary>
public sealed record SetWebhookPausedCommand(Guid SubscriptionId, uint Version, bool Paused) : ICommand;

public sealed class SetWebhookPausedCommandHandler(IAppDbContext db, Access access, TimeProvider clock) : ICommandHandler<SetWebhookPausedCommand>
{
    public async ValueTask<Unit> Handle(SetWebhookPausedCommand command, CancellationToken cancellationToken)
    {
        var (subscription, me) = await db.ManagedSubscriptionAsync(access, command.SubscriptionId, cancellationToken);
        db.ExpectVersion(subscription, command.Version);
        if (command.Paused)
        {
            subscription.Pause(me.Actor, clock.GetUtcNow());
        }
        else
        {
            subscription.Resume(me.Actor, clock.GetUtcNow());
        }

        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
