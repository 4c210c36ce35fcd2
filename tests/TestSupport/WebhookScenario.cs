using DsProcess.Application.Webhooks.Commands.SetWebhookPaused;
using DsProcess.Application.Webhooks.Commands.SubscribeWebhook;
using DsProcess.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Tests;

public static class WebhookScenario
{
    /// <summary>
    /// A public address that nothing answers (TEST-NET-1): it passes the address guard without a name to resolve, and a
    /// delivery to it waits for its timeout.
    /// </summary>
    public const string Unanswered = "https://192.0.2.10/hooks/dsprocess";

    /// <summary>Subscribes an address to every event of a project (or to <paramref name="events"/>), as the lead.</summary>
    public static Task<NewWebhook> SubscribeAsync(this AppFixture app, Guid projectId, string url = Unanswered, params WebhookEventType[] events) =>
        app.SendAsync(new SubscribeWebhookCommand(projectId, url, events.Length == 0 ? WebhookEvents.Subscribable : events));

    /// <summary>Pauses a webhook as the lead, so its events stay queued where a test can look at them.</summary>
    public static async Task PauseAsync(this AppFixture app, Guid subscriptionId) =>
        await app.SendAsync(new SetWebhookPausedCommand(subscriptionId, await app.WebhookVersionAsync(subscriptionId), Paused: true));

    /// <summary>The events queued for a project's webhooks, oldest first, without the test event every new webhook gets.</summary>
    public static Task<List<WebhookDelivery>> DeliveriesAsync(this AppFixture app, Guid projectId) =>
        app.WithDbAsync(db => db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.ProjectId == projectId && d.Type != WebhookEventType.Ping)
            .OrderBy(d => d.CreatedAt)
            .ToListAsync());

    public static Task<uint> WebhookVersionAsync(this AppFixture app, Guid subscriptionId) =>
        app.WithDbAsync(db => db.WebhookSubscriptions.Where(s => s.Id == subscriptionId).Select(s => s.Version).SingleAsync());
}
