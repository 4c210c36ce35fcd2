using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DsProcess.Application.Notifications.Queries.MyNotifications;
using DsProcess.Application.Webhooks.Commands.RedeliverWebhook;
using DsProcess.Application.Webhooks.Commands.SetWebhookPaused;
using DsProcess.Application.Webhooks.Queries.WebhookDeliveries;
using DsProcess.Domain.Activity;
using DsProcess.Domain.Notifications;
using DsProcess.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Web.Tests;

/// <summary>Webhooks delivered by the real worker to a receiver started by the test, on 127.0.0.1.</summary>
public sealed class WebhookDeliveryTests(WebhookAppFixture app) : IClassFixture<WebhookAppFixture>, IAsyncLifetime
{
    private WebhookReceiver _receiver = default!;

    public async ValueTask InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async ValueTask DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task An_event_arrives_signed_with_the_secret_shown_at_subscription_and_names_itself_in_its_headers()
    {
        var board = await app.CreateProjectAsync(withEvidence: false);
        var webhook = await app.SubscribeAsync(board.Id, _receiver.Url, WebhookEventType.TaskDone);
        await _receiver.NextAsync(r => r.Event == "ping");

        await app.FinishAsync(board.Key, "Data collection");
        var received = await _receiver.NextAsync(r => r.Event == "task.done");

        // The signature, computed here from the documented recipe: HMAC-SHA256 keyed with the secret over "<t>.<body>".
        var parts = received.Signature!.Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var timestamp = long.Parse(parts["t"], System.Globalization.CultureInfo.InvariantCulture);
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(webhook.Secret), (byte[])[.. Encoding.UTF8.GetBytes($"{timestamp}."), .. received.Body]);
        Assert.Equal(Convert.ToHexStringLower(expected), parts["v1"]);
        Assert.InRange(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - timestamp, 0, 60);
        var tampered = HMACSHA256.HashData(Encoding.UTF8.GetBytes(webhook.Secret), (byte[])[.. Encoding.UTF8.GetBytes($"{timestamp}."), .. received.Body, (byte)' ']);
        Assert.NotEqual(Convert.ToHexStringLower(tampered), parts["v1"]);

        Assert.Equal("application/json; charset=utf-8", received.ContentType);
        Assert.StartsWith("{\"id\":\"", received.Text, StringComparison.Ordinal);
        using var body = JsonDocument.Parse(received.Body);
        var root = body.RootElement;
        Assert.Equal(["id", "type", "occurredAt", "project", "data"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(received.Delivery, root.GetProperty("id").GetString());
        Assert.Equal("task.done", root.GetProperty("type").GetString());
        Assert.Equal(board.Key, root.GetProperty("project").GetProperty("key").GetString());
        Assert.Equal(board.Name, root.GetProperty("project").GetProperty("name").GetString());
        Assert.Equal("Data collection", root.GetProperty("data").GetProperty("task").GetProperty("title").GetString());
        var delivered = await app.WithDbAsync(db => db.WebhookDeliveries.SingleAsync(d => d.EventId == Guid.Parse(received.Delivery!)));
        await Eventually.TrueAsync(async () => (await app.WithDbAsync(db => db.WebhookDeliveries.SingleAsync(d => d.Id == delivered.Id))).DeliveredAt is not null);
    }

    [Fact]
    public async Task A_receiver_answering_500_is_tried_again_with_the_same_delivery_id_until_it_accepts()
    {
        var board = await app.CreateProjectAsync(withEvidence: false);
        _receiver.Answer = (r, before) => r.Event == "task.done" && before < 2 ? 500 : 200;
        var webhook = await app.SubscribeAsync(board.Id, _receiver.Url, WebhookEventType.TaskDone);

        await app.FinishAsync(board.Key, "Data collection");
        var first = await _receiver.NextAsync(r => r.Event == "task.done");
        var third = await _receiver.NextAsync(r => r.Event == "task.done" && _receiver.Count("task.done") == 3);

        Assert.Equal(first.Delivery, third.Delivery);
        var delivery = (await app.DeliveriesAsync(board.Id)).Single();
        await Eventually.TrueAsync(async () => (await app.DeliveriesAsync(board.Id)).Single().DeliveredAt is not null);
        var log = await app.SendAsync(new WebhookDeliveriesQuery(board.Id));
        var row = Assert.Single(log.Items, d => d.Id == delivery.Id);
        Assert.Equal((DeliveryState.Delivered, 3, 200), (row.State, row.AttemptCount, row.StatusCode));
        Assert.Equal([200, 500, 500], row.Attempts.Select(a => a.StatusCode ?? 0));
        Assert.Equal("HTTP 500 Internal Server Error", row.Attempts[^1].Error);
        var subscription = await app.WithDbAsync(db => db.WebhookSubscriptions.SingleAsync(s => s.Id == webhook.Id));
        Assert.Equal((WebhookSubscriptionState.Active, 0), (subscription.State, subscription.ConsecutiveFailures));
    }

    [Fact]
    public async Task A_receiver_that_keeps_failing_pauses_the_webhook_and_tells_the_lead_and_on_resume_the_kept_events_go_out()
    {
        var board = await app.CreateProjectAsync(withEvidence: false);
        _receiver.Answer = (_, _) => 503;
        var webhook = await app.SubscribeAsync(board.Id, _receiver.Url, WebhookEventType.TaskDone);

        await app.FinishAsync(board.Key, "Data collection");
        await Eventually.TrueAsync(async () => (await app.WithDbAsync(db => db.WebhookSubscriptions.SingleAsync(s => s.Id == webhook.Id))).State == WebhookSubscriptionState.Paused);

        var paused = await app.WithDbAsync(db => db.WebhookSubscriptions.SingleAsync(s => s.Id == webhook.Id));
        Assert.Equal("Paused after 3 failed deliveries in a row.", paused.PausedReason);
        Assert.Equal(3, _receiver.Received.Count);
        var notices = await app.SendAsync(new MyNotificationsQuery());
        var notice = Assert.Single(notices.Items, n => n.Kind == NotificationKind.WebhookPaused && n.Link == $"/projects/{board.Key}/integrations");
        Assert.Contains("paused after 3 failed deliveries", notice.Text, StringComparison.Ordinal);
        var logged = await app.WithDbAsync(db => db.Activity.SingleAsync(a => a.ProjectId == board.Id && a.Kind == ActivityKind.WebhookPaused));
        Assert.Equal("DsProcess", logged.ActorName);

        // Events keep being queued while it is paused, and nothing is sent.
        await app.FinishAsync(board.Key, "Data preprocessing");
        Assert.Equal(2, (await app.DeliveriesAsync(board.Id)).Count(d => d.DeliveredAt is null));
        Assert.Equal(3, _receiver.Received.Count);

        _receiver.Answer = (_, _) => 200;
        await app.SendAsync(new SetWebhookPausedCommand(webhook.Id, await app.WebhookVersionAsync(webhook.Id), Paused: false));
        await Eventually.TrueAsync(async () => (await app.WithDbAsync(db => db.WebhookDeliveries.CountAsync(d => d.SubscriptionId == webhook.Id && d.DeliveredAt == null))) == 0);
        // The test event and both task.done events, each accepted after the resume.
        var kept = await app.WithDbAsync(db => db.WebhookDeliveries.Where(d => d.SubscriptionId == webhook.Id).Select(d => d.EventId.ToString()).ToListAsync());
        Assert.Equal(3, kept.Count);
        Assert.All(kept, id => Assert.Contains(_receiver.Received.Skip(3), r => r.Delivery == id));
    }

    [Fact]
    public async Task Redelivering_from_the_log_sends_the_event_again_with_the_same_delivery_id()
    {
        var board = await app.CreateProjectAsync(withEvidence: false);
        await app.SubscribeAsync(board.Id, _receiver.Url, WebhookEventType.TaskDone);
        await app.FinishAsync(board.Key, "Data collection");
        var first = await _receiver.NextAsync(r => r.Event == "task.done");
        await Eventually.TrueAsync(async () => (await app.DeliveriesAsync(board.Id)).Single().DeliveredAt is not null);

        await app.SendAsync(new RedeliverWebhookCommand((await app.DeliveriesAsync(board.Id)).Single().Id));
        var again = await _receiver.NextAsync(r => r.Event == "task.done");

        Assert.Equal(first.Delivery, again.Delivery);
        await Eventually.TrueAsync(async () => (await app.DeliveriesAsync(board.Id)).Single() is { DeliveredAt: not null, Attempts: 2 });
    }
}
