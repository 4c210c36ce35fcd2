using System.Security.Cryptography;
using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.Webhooks;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Webhooks.Commands.SubscribeWebhook;

/// <summary>
/// The team lead subscribes a receiver's address to some of the project's events. The address must lead to a public
/// host (unless an administrator allows private ones). A test event is queued for it at once, so the delivery log soon
/// says whether the receiver answers. Returns the subscription and its signing secret, which is shown this once and
/// stored only in protected form.
/// </summary>
public sealed record SubscribeWebhookCommand(Guid ProjectId, string Url, IReadOnlyList<WebhookEventType> Events) : ICommand<NewWebhook>;

/// <param name="Secret">The signing secret in full: the only time anyone sees it.</param>
public sealed record NewWebhook(Guid Id, string Secret);

public sealed class SubscribeWebhookCommandHandler(
    IAppDbContext db, Access access, IWebhookAddressGuard guard, IWebhookSecretProtector secrets, TimeProvider clock)
    : ICommandHandler<SubscribeWebhookCommand, NewWebhook>
{
    public async ValueTask<NewWebhook> Handle(SubscribeWebhookCommand command, CancellationToken cancellationToken)
    {
        // Who may subscribe is asked first: the address check resolves names, which is nobody else's to try.
        var me = await access.ToProjectAsync(command.ProjectId, cancellationToken);
        me.EnsureCanManageIntegrations();
        var url = command.Url.Trim();
        if (await guard.RefusalAsync(new Uri(url), cancellationToken) is { } refusal)
        {
            throw new ValidationException(nameof(command.Url), refusal);
        }

        if (await db.WebhookSubscriptions.CountAsync(s => s.ProjectId == command.ProjectId, cancellationToken) >= WebhookSubscription.MaxPerProject)
        {
            throw new ValidationException(nameof(command.Url), $"A project has at most {WebhookSubscription.MaxPerProject} webhooks; remove one first.");
        }

        var project = await db.Projects.AsNoTracking().Where(p => p.Id == command.ProjectId).Select(p => new { p.Key, p.Name }).SingleAsync(cancellationToken);
        var secret = NewSecret();
        var now = clock.GetUtcNow();
        var subscription = WebhookSubscription.Subscribe(command.ProjectId, url, command.Events, secrets.Protect(secret), me.Actor, now);
        db.WebhookSubscriptions.Add(subscription);
        db.WebhookDeliveries.Add(WebhookDelivery.Ping(subscription, project.Key, project.Name, me.Actor, now));
        await db.SaveChangesAsync(cancellationToken);
        return new NewWebhook(subscription.Id, secret);
    }

    /// <summary>256 random bits, written so that a leaked one is recognisable in a scan ("whsec_…").</summary>
    private static string NewSecret() => "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
