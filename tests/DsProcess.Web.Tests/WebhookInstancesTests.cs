using DsProcess.Application.Webhooks.Commands.SendTestWebhook;
using DsProcess.Domain.Webhooks;
using DsProcess.Infrastructure.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DsProcess.Web.Tests;

/// <summary>Two app instances on one database share the outbox: every event goes out once.</summary>
public sealed class WebhookInstancesTests(WebhookAppFixture app) : IClassFixture<WebhookAppFixture>, IAsyncLifetime
{
    private const int Commits = 10;
    private const int EventsPerCommit = 30;

    private DsProcessApp? _other;
    private WebhookReceiver _receiver = default!;

    public async ValueTask InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        _other = new DsProcessApp(app.ConnectionString, settings: WebhookAppFixture.FastWebhooks);
        _ = _other.Services;
    }

    public async ValueTask DisposeAsync()
    {
        if (_other is not null)
        {
            await _other.DisposeAsync();
        }

        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task Two_instances_deliver_each_of_three_hundred_events_exactly_once()
    {
        var board = await app.CreateProjectAsync(withEvidence: false);
        var webhook = await app.SubscribeAsync(board.Id, _receiver.Url, WebhookEventType.DatasetVersionRegistered);

        // Events as a change writes them (into the intake view, fanned out by its trigger), in several commits while
        // both workers run.
        await using (var connection = new NpgsqlConnection(app.ConnectionString))
        {
            await connection.OpenAsync();
            for (var commit = 0; commit < Commits; commit++)
            {
                await using var command = new NpgsqlCommand(
                    """
                    INSERT INTO webhook_event_intake (id, project_id, type, occurred_at, payload)
                    SELECT gen_random_uuid(), @project, @type, now(), json_build_object('n', @commit * 1000 + n)
                    FROM generate_series(1, @count) AS n
                    """,
                    connection);
                command.Parameters.AddWithValue("project", board.Id);
                command.Parameters.AddWithValue("type", (int)WebhookEventType.DatasetVersionRegistered);
                command.Parameters.AddWithValue("commit", commit);
                command.Parameters.AddWithValue("count", EventsPerCommit);
                await command.ExecuteNonQueryAsync();
            }
        }

        const int expected = (Commits * EventsPerCommit) + 1;
        await Eventually.TrueAsync(async () => await app.WithDbAsync(db => db.WebhookDeliveries.CountAsync(d => d.SubscriptionId == webhook.Id && d.DeliveredAt != null)) == expected);

        var deliveries = _receiver.Received.Select(r => r.Delivery).ToList();
        Assert.Equal(expected, deliveries.Distinct().Count());
        Assert.Equal(expected, deliveries.Count);
        Assert.Equal(expected, await app.WithDbAsync(db => db.WebhookAttempts.CountAsync(a => a.SubscriptionId == webhook.Id)));
    }

    [Fact]
    public async Task An_instance_with_delivery_off_says_so_at_start_and_the_instances_that_deliver_send_each_event_once()
    {
        var log = new LogEvents();
        var servingOnly = new Dictionary<string, string?>(WebhookAppFixture.FastWebhooks) { ["DsProcess:Webhooks:Deliver"] = "false" };
        await using var serving = new DsProcessApp(app.ConnectionString, settings: servingOnly, log: log);
        _ = serving.Services;
        await log.WaitForAsync("Webhook delivery is off on this instance", TimeSpan.FromSeconds(30));

        var board = await app.CreateProjectAsync(withEvidence: false);
        var webhook = await app.SubscribeAsync(board.Id, _receiver.Url, WebhookEventType.TaskDone);

        await Eventually.TrueAsync(async () => await app.WithDbAsync(db => db.WebhookDeliveries.AnyAsync(d => d.SubscriptionId == webhook.Id && d.DeliveredAt != null)));
        Assert.Single(_receiver.Received);
        Assert.Equal(1, await app.WithDbAsync(db => db.WebhookAttempts.CountAsync(a => a.SubscriptionId == webhook.Id)));
    }
}

/// <summary>The app as it ships: private addresses refused, also when the database names one directly.</summary>
public sealed class WebhookAddressTests(WebhookAddressTests.StrictFixture app) : IClassFixture<WebhookAddressTests.StrictFixture>, IAsyncLifetime
{
    private WebhookReceiver _receiver = default!;

    public async ValueTask InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async ValueTask DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task A_webhook_whose_address_turned_private_is_refused_when_connecting_and_the_receiver_gets_nothing()
    {
        var board = await app.CreateProjectAsync(withEvidence: false);
        // As if its name had resolved to a public address at subscription and to this one now (DNS rebinding).
        var protector = app.Services.GetRequiredService<WebhookSecretProtector>();
        var webhook = WebhookSubscription.Subscribe(board.Id, _receiver.Url, [WebhookEventType.TaskDone], protector.Protect("whsec_test"), app.Lead.AsActor(), DateTimeOffset.UtcNow);
        await app.WithDbAsync(async db =>
        {
            db.WebhookSubscriptions.Add(webhook);
            return await db.SaveChangesAsync();
        });

        await app.SendAsync(new SendTestWebhookCommand(webhook.Id));
        await Eventually.TrueAsync(async () => await app.WithDbAsync(db => db.WebhookAttempts.AnyAsync(a => a.SubscriptionId == webhook.Id)));

        var attempt = await app.WithDbAsync(db => db.WebhookAttempts.FirstAsync(a => a.SubscriptionId == webhook.Id));
        Assert.Null(attempt.StatusCode);
        Assert.Contains("127.0.0.1, a loopback address: refused (public addresses only)", attempt.Error, StringComparison.Ordinal);
        Assert.Empty(_receiver.Received);
    }

    public sealed class StrictFixture : AppFixture
    {
        protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?>
        {
            ["DsProcess:Webhooks:Deliver"] = "true",
            ["DsProcess:Webhooks:PollInterval"] = "00:00:00.200",
        };
    }
}
