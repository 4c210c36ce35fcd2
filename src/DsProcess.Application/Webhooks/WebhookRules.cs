using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.Webhooks;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Webhooks;

/// <summary>Input rules and look-ups the webhook messages share.</summary>
internal static class WebhookRules
{
    /// <summary>The address's shape (<see cref="WebhookEndpoint.Problem"/>); where it leads is checked by the handler.</summary>
    public static IRuleBuilderOptions<T, string?> WebhookUrl<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(url => WebhookEndpoint.Problem(url) is null).WithMessage((_, url) => WebhookEndpoint.Problem(url) ?? "");

    public static IRuleBuilderOptions<T, IReadOnlyList<WebhookEventType>> WebhookEvents<T>(this IRuleBuilder<T, IReadOnlyList<WebhookEventType>> rule) =>
        rule.NotNull().WithMessage("Choose at least one event to send.")
            .Must(types => types is null || types.Count > 0).WithMessage("Choose at least one event to send.")
            .Must(types => types is null || types.All(Domain.Webhooks.WebhookEvents.Subscribable.Contains)).WithMessage("Choose the events from the list.");

    /// <summary>A subscription, tracked, once the caller is known to manage its project's integrations.</summary>
    public static async Task<(WebhookSubscription Subscription, ProjectAccess Me)> ManagedSubscriptionAsync(
        this IAppDbContext db, Access access, Guid subscriptionId, CancellationToken cancellationToken)
    {
        var subscription = await db.WebhookSubscriptions.SingleOrDefaultAsync(s => s.Id == subscriptionId, cancellationToken)
            ?? throw new NotFoundException("Webhook", subscriptionId);
        var me = await access.ToProjectAsync(subscription.ProjectId, cancellationToken);
        me.EnsureCanManageIntegrations();
        return (subscription, me);
    }
}
