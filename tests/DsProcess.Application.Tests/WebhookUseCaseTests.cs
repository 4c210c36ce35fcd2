using System.Text.Json;
using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Evidence.Models.Commands.SetMetricTarget;
using DsProcess.Application.Projects.Commands.CancelProject;
using DsProcess.Application.Projects.Commands.PutProjectOnHold;
using DsProcess.Application.Projects.Commands.ReplanProject;
using DsProcess.Application.Projects.Commands.ResumeProject;
using DsProcess.Application.Webhooks.Commands.RemoveWebhook;
using DsProcess.Application.Webhooks.Commands.SetWebhookPaused;
using DsProcess.Application.Webhooks.Commands.SubscribeWebhook;
using DsProcess.Application.Webhooks.Queries.ProjectWebhooks;
using DsProcess.Domain.Activity;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.Projects;
using DsProcess.Domain.Webhooks;
using DsProcess.Infrastructure.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DsProcess.Application.Tests;

/// <summary>Subscribing, pausing and removing webhooks, and the outbox rows a change writes in its own transaction.</summary>
public sealed class WebhookUseCaseTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Subscribing_returns_the_secret_once_stores_it_protected_and_logs_the_address_without_its_query()
    {
        var board = await app.CreateProjectAsync(withEvidence: false);

        var created = await app.SubscribeAsync(board.Id, "https://192.0.2.10/hooks?token=receiver-own-token", WebhookEventType.TaskDone, WebhookEventType.GateDecided);

        Assert.Matches("^whsec_[0-9a-f]{64}$", created.Secret);
        var stored = await app.WithDbAsync(db => db.WebhookSubscriptions.AsNoTracking().SingleAsync(s => s.Id == created.Id));
        Assert.DoesNotContain(created.Secret, stored.ProtectedSecret, StringComparison.Ordinal);
        Assert.DoesNotContain(created.Secret[6..], stored.ProtectedSecret, StringComparison.Ordinal);
        Assert.Equal([WebhookEventType.TaskDone, WebhookEventType.GateDecided], stored.EventTypes);
        var logged = await app.WithDbAsync(db => db.Activity.SingleAsync(a => a.ProjectId == board.Id && a.Kind == ActivityKind.WebhookSubscribed));
        Assert.Equal("Webhook to https://192.0.2.10/hooks", logged.Subject);
        Assert.Equal("task.done, gate.decided", logged.To);
        var page = await app.SendAsync(new ProjectWebhooksQuery(board.Key));
        var row = Assert.Single(page.Webhooks);
        // Like every new webhook, it has a test event on its way.
        Assert.Equal((WebhookSubscriptionState.Active, 1), (row.State, row.Queued));
        var ping = await app.WithDbAsync(db => db.WebhookDeliveries.AsNoTracking().SingleAsync(d => d.SubscriptionId == created.Id));
        Assert.Equal(WebhookEventType.Ping, ping.Type);
    }

    public static TheoryData<string, string> BadAddresses() => new()
    {
        { "", "Give the address" },
        { "hooks.example.com/dsprocess", "Give a full address" },
        { "ftp://192.0.2.10/hooks", "Only http and https" },
        { "https://ci:secret@192.0.2.10/hooks", "Leave the user name and password out" },
        { "https://192.0.2.10/hooks#part", "fragment" },
    };

    [Theory]
    [MemberData(nameof(BadAddresses))]
    public async Task A_malformed_address_gets_its_message_on_the_field_and_nothing_is_saved(string url, string message)
    {
        var board = await app.CreateProjectAsync(withEvidence: false);

        var refused = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(new SubscribeWebhookCommand(board.Id, url, [WebhookEventType.TaskDone])));

        Assert.Contains(message, string.Join(" ", refused.Errors["Url"]), StringComparison.Ordinal);
        Assert.Empty((await app.SendAsync(new ProjectWebhooksQuery(board.Key))).Webhooks);
    }

    [Fact]
    public async Task Choosing_no_event_or_the_test_event_is_refused_on_the_events_field()
    {
        var board = await app.CreateProjectAsync(withEvidence: false);

        var none = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(new SubscribeWebhookCommand(board.Id, WebhookScenario.Unanswered, [])));
        var ping = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(new SubscribeWebhookCommand(board.Id, WebhookScenario.Unanswered, [WebhookEventType.Ping])));

        Assert.Equal(["Choose at least one event to send."], none.Errors["Events"]);
        Assert.Equal(["Choose the events from the list."], ping.Errors["Events"]);
    }

    public static TheoryData<string, string> InternalAddresses() => new()
    {
        { "http://127.0.0.1:8080/hook", "127.0.0.1, a loopback address" },
        { "http://[::1]/hook", "::1, a loopback address" },
        { "http://10.20.30.40/hook", "10.20.30.40, a private address" },
        { "http://172.31.0.5/hook", "172.31.0.5, a private address" },
        { "http://192.168.1.1/hook", "192.168.1.1, a private address" },
        { "http://169.254.169.254/latest/meta-data", "169.254.169.254, a link-local address (cloud metadata lives there)" },
        { "http://100.64.1.1/hook", "100.64.1.1, a carrier-grade NAT address" },
        { "http://[fd12:3456::1]/hook", "fd12:3456::1, a unique-local (private) address" },
        { "http://[::ffff:10.0.0.1]/hook", "a private address" },
        { "http://0.0.0.0/hook", "0.0.0.0, an unspecified address" },
        { "http://224.0.0.1/hook", "224.0.0.1, a multicast address" },
        { "http://localhost/hook", "a loopback address" },
    };

    [Theory]
    [MemberData(nameof(InternalAddresses))]
    public async Task An_address_inside_the_network_is_refused_with_what_it_is_and_the_setting_that_allows_it(string url, string what)
    {
        var board = await app.CreateProjectAsync(withEvidence: false);

        var refused = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(new SubscribeWebhookCommand(board.Id, url, [WebhookEventType.TaskDone])));

        var message = Assert.Single(refused.Errors["Url"]);
        Assert.StartsWith("Webhooks go to public addresses only:", message, StringComparison.Ordinal);
        Assert.Contains(what, message, StringComparison.Ordinal);
        Assert.Contains("DsProcess:Webhooks:AllowPrivateAddresses", message, StringComparison.Ordinal);
        Assert.Empty((await app.SendAsync(new ProjectWebhooksQuery(board.Key))).Webhooks);
    }

    [Fact]
    public void Public_addresses_pass_the_guard_and_every_refused_range_is_caught_at_its_edges()
    {
        string[] publicAddresses = ["8.8.8.8", "1.1.1.1", "172.15.255.255", "172.32.0.0", "100.63.255.255", "100.128.0.0", "2606:4700::1111", "11.0.0.1", "169.253.255.255"];
        string[] internalAddresses = ["10.255.255.255", "172.16.0.0", "192.168.255.255", "169.254.0.1", "100.127.255.255", "127.255.255.254", "fe80::1", "fc00::1", "ff02::1", "::"];

        Assert.All(publicAddresses, a => Assert.Null(WebhookAddressGuard.NonPublic(System.Net.IPAddress.Parse(a))));
        Assert.All(internalAddresses, a => Assert.NotNull(WebhookAddressGuard.NonPublic(System.Net.IPAddress.Parse(a))));
    }

    [Fact]
    public void The_signature_is_the_documented_example()
    {
        // docs/webhooks.md computes this with Python's standard library; the receivers' code there must agree with the sender.
        const string body = """{"id":"0193a0c2-5f1e-7c3a-9d1b-2f4e6a8c0b1d","type":"ping","occurredAt":"2026-12-03T05:20:00Z","project":{"key":"CHURN","name":"Customer churn"},"data":{"message":"A test event from DsProcess."}}""";

        var header = WebhookSignature.Create("whsec_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", 1796280000, System.Text.Encoding.UTF8.GetBytes(body));

        Assert.Equal("t=1796280000,v1=0618623247c2b71258067779333d0502c6ecaee47c7d2750077a19d04d86e29c", header);
    }

    [Fact]
    public async Task A_finished_task_queues_one_event_for_each_subscription_to_it_in_the_same_transaction_and_none_elsewhere()
    {
        var board = await app.CreateProjectAsync(withEvidence: false);
        var quiet = await app.CreateProjectAsync(withEvidence: false);
        var tasks = await app.SubscribeAsync(board.Id, WebhookScenario.Unanswered, WebhookEventType.TaskDone);
        var handoffs = await app.SubscribeAsync(board.Id, "https://192.0.2.11/other", WebhookEventType.HandoffCreated);
        await app.PauseAsync(tasks.Id);
        await app.PauseAsync(handoffs.Id);

        await app.FinishAsync(board.Key, "Data collection");
        await app.FinishAsync(quiet.Key, "Data collection");

        var queued = await app.DeliveriesAsync(board.Id);
        // Data collection → Data preprocessing stays with the data engineer: no handoff.
        var done = Assert.Single(queued);
        Assert.Equal((tasks.Id, WebhookEventType.TaskDone, board.Key, board.Name), (done.SubscriptionId, done.Type, done.ProjectKey, done.ProjectName));
        using var payload = JsonDocument.Parse(done.Payload);
        Assert.Equal("Data collection", payload.RootElement.GetProperty("task").GetProperty("title").GetString());
        Assert.Equal("dataDevelopment", payload.RootElement.GetProperty("task").GetProperty("phase").GetString());
        Assert.Equal(app.Lead.Name, payload.RootElement.GetProperty("by").GetProperty("name").GetString());
        Assert.Empty(await app.DeliveriesAsync(quiet.Id));
        // The event is the change's: it was written by the same commit as the task's activity entry.
        var doneAt = await app.WithDbAsync(db => db.Activity.Where(a => a.ProjectId == board.Id && a.Kind == ActivityKind.TaskStatusChanged && a.To == "Done").Select(a => a.At).SingleAsync());
        Assert.Equal(doneAt, done.OccurredAt);

        await app.FinishAsync(board.Key, "Data preprocessing");
        var afterHandoff = await app.DeliveriesAsync(board.Id);
        Assert.Equal(3, afterHandoff.Count);
        var handoff = Assert.Single(afterHandoff, d => d.Type == WebhookEventType.HandoffCreated);
        Assert.Equal(handoffs.Id, handoff.SubscriptionId);
        using var handed = JsonDocument.Parse(handoff.Payload);
        Assert.Equal("dataScientist", handed.RootElement.GetProperty("handoff").GetProperty("to").GetProperty("role").GetString());
    }

    [Fact]
    public async Task Re_planning_pausing_resuming_and_cancelling_a_project_queue_their_events_with_the_change()
    {
        var board = await app.CreateProjectAsync(withEvidence: false);
        var subscription = await app.SubscribeAsync(
            board.Id, WebhookScenario.Unanswered, WebhookEventType.ProjectReplanned, WebhookEventType.ProjectPutOnHold, WebhookEventType.ProjectResumed, WebhookEventType.ProjectCancelled);
        await app.PauseAsync(subscription.Id);
        var target = board.TargetDate.AddDays(21);

        await app.SendAsync(new ReplanProjectCommand { ProjectId = board.Id, Version = await VersionAsync(board.Id), TargetDate = target, Reason = "Data arrives late" });
        await app.SendAsync(new PutProjectOnHoldCommand(board.Id, await VersionAsync(board.Id), "Budget review"));
        await app.SendAsync(new ResumeProjectCommand(board.Id, await VersionAsync(board.Id)));
        await app.SendAsync(new CancelProjectCommand(board.Id, await VersionAsync(board.Id), "Budget cut"));

        var queued = await app.DeliveriesAsync(board.Id);
        Assert.Equal(
            ["project.replanned", "project.put_on_hold", "project.resumed", "project.cancelled"],
            queued.Select(d => WebhookEvents.WireName(d.Type)));
        var data = queued.Select(d => JsonDocument.Parse(d.Payload).RootElement).ToList();
        Assert.Equal(
            (target.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), board.TargetDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "Data arrives late"),
            (data[0].GetProperty("targetDate").GetString(), data[0].GetProperty("previousTargetDate").GetString(), data[0].GetProperty("reason").GetString()));
        Assert.Equal(("onHold", "active", "Budget review"), Status(data[1]));
        Assert.Equal(("active", "onHold", null), Status(data[2]));
        Assert.Equal(("cancelled", "active", "Budget cut"), Status(data[3]));
        Assert.All(data, d => Assert.Equal(app.Lead.Name, d.GetProperty("by").GetProperty("name").GetString()));
        // Each event is its change's: written by the same commit as the change's activity entry.
        var changedAt = await app.WithDbAsync(db => db.Activity
            .Where(a => a.ProjectId == board.Id && a.Kind >= ActivityKind.ProjectReplanned && a.Kind <= ActivityKind.ProjectCancelled)
            .OrderBy(a => a.Id).Select(a => a.At).ToListAsync());
        Assert.Equal(changedAt, queued.Select(d => d.OccurredAt));

        static (string?, string?, string?) Status(JsonElement data) => (
            data.GetProperty("status").GetString(),
            data.GetProperty("previousStatus").GetString(),
            data.TryGetProperty("reason", out var reason) ? reason.GetString() : null);
    }

    private Task<uint> VersionAsync(Guid projectId) => app.WithDbAsync(db => db.Projects.Where(p => p.Id == projectId).Select(p => p.Version).SingleAsync());

    [Fact]
    public async Task A_change_that_is_rolled_back_or_refused_queues_nothing()
    {
        var board = await app.CreateProjectAsync(withEvidence: false);
        var subscription = await app.SubscribeAsync(board.Id);
        await app.PauseAsync(subscription.Id);
        var task = await app.MoveAsync(board.Key, "Data collection", TaskMove.Start);

        await app.InRolledBackTransactionAsync(async db =>
        {
            var tracked = await db.Tasks.Include(t => t.Phase).ThenInclude(p => p.Project).SingleAsync(t => t.Id == task.Id);
            foreach (var item in tracked.Checklist.Where(i => i.IsRequired))
            {
                tracked.SetChecklistItem(item.Number, true, app.Lead.AsActor(), DateTimeOffset.UtcNow);
            }

            tracked.MarkDone(app.Lead.AsActor(), DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
            Assert.Single(await db.WebhookDeliveries.Where(d => d.ProjectId == board.Id && d.Type == WebhookEventType.TaskDone).ToListAsync());
        });
        // Done with its checklist unticked is refused by the domain: nothing is saved, the event neither.
        await Assert.ThrowsAnyAsync<Exception>(() => app.MoveAsync(board.Key, "Data collection", TaskMove.Done));

        Assert.Empty(await app.DeliveriesAsync(board.Id));
        Assert.Equal(ProjectTaskStatus.InProgress, (await app.TaskAsync(board.Key, "Data collection")).Status);
    }

    [Fact]
    public async Task A_model_version_meeting_every_target_queues_its_registration_and_target_met()
    {
        var board = await app.CreateProjectAsync(withEvidence: false);
        var splits = await app.AddSplitsAsync(board.Id);
        await app.SendAsync(new SetMetricTargetCommand(board.Id, "recall", MetricSplit.Test, TargetDirection.AtLeast, 0.8));
        var subscription = await app.SubscribeAsync(board.Id, WebhookScenario.Unanswered, WebhookEventType.ModelVersionRegistered, WebhookEventType.TargetMet);
        await app.PauseAsync(subscription.Id);

        await app.SendAsync(ModelScenario.ModelVersion(board.Id, splits, "v1", 0.7));
        await app.SendAsync(ModelScenario.ModelVersion(board.Id, splits, "v2", 0.85));
        // Lowering the target makes v1 meet it too: the target-met fact comes from the re-evaluation.
        var target = await app.WithDbAsync(db => db.MetricTargets.SingleAsync(t => t.ProjectId == board.Id));
        await app.SendAsync(new SetMetricTargetCommand(board.Id, "recall", MetricSplit.Test, TargetDirection.AtLeast, 0.6, target.Version));

        var queued = await app.DeliveriesAsync(board.Id);
        Assert.Equal(
            [WebhookEventType.ModelVersionRegistered, WebhookEventType.ModelVersionRegistered, WebhookEventType.TargetMet, WebhookEventType.TargetMet],
            queued.Select(d => d.Type).Order());
        var labels = queued.Where(d => d.Type == WebhookEventType.TargetMet)
            .Select(d => JsonDocument.Parse(d.Payload).RootElement.GetProperty("modelVersion").GetProperty("label").GetString())
            .Order();
        Assert.Equal(["v1", "v2"], labels);
    }

    [Fact]
    public async Task Pausing_resuming_and_removing_are_logged_and_removing_drops_the_queued_events()
    {
        var board = await app.CreateProjectAsync(withEvidence: false);
        var subscription = await app.SubscribeAsync(board.Id, WebhookScenario.Unanswered, WebhookEventType.TaskDone);
        await app.PauseAsync(subscription.Id);
        await app.FinishAsync(board.Key, "Data collection");
        var stale = await app.WebhookVersionAsync(subscription.Id);
        await app.SendAsync(new SetWebhookPausedCommand(subscription.Id, stale, Paused: false));
        await app.PauseAsync(subscription.Id);

        await Assert.ThrowsAsync<ConflictException>(() => app.SendAsync(new RemoveWebhookCommand(subscription.Id, stale)));
        Assert.Single(await app.DeliveriesAsync(board.Id));
        await app.SendAsync(new RemoveWebhookCommand(subscription.Id, await app.WebhookVersionAsync(subscription.Id)));

        Assert.Empty(await app.DeliveriesAsync(board.Id));
        var kinds = await app.WithDbAsync(db => db.Activity.Where(a => a.ProjectId == board.Id && a.Subject.StartsWith("Webhook")).OrderBy(a => a.Id).Select(a => a.Kind).ToListAsync());
        Assert.Equal(
            [ActivityKind.WebhookSubscribed, ActivityKind.WebhookPaused, ActivityKind.WebhookResumed, ActivityKind.WebhookPaused, ActivityKind.WebhookRemoved],
            kinds);
    }

    [Fact]
    public async Task A_lease_too_short_for_an_attempt_stops_the_start_up_and_names_the_setting()
    {
        await using var host = new DsProcessApp(app.ConnectionString, settings: new Dictionary<string, string?> { ["DsProcess:Webhooks:Lease"] = "00:00:12" });

        var refused = Assert.Throws<OptionsValidationException>(() => host.Services);

        Assert.Contains("DsProcess:Webhooks:Lease must be longer than Timeout plus 5 seconds", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_project_has_at_most_ten_webhooks()
    {
        var board = await app.CreateProjectAsync(withEvidence: false);
        for (var i = 0; i < WebhookSubscription.MaxPerProject; i++)
        {
            await app.PauseAsync((await app.SubscribeAsync(board.Id, $"https://192.0.2.10/hook{i}")).Id);
        }

        var refused = await Assert.ThrowsAsync<ValidationException>(() => app.SubscribeAsync(board.Id, "https://192.0.2.10/one-more"));

        Assert.Contains("at most 10 webhooks", refused.Errors["Url"][0], StringComparison.Ordinal);
        Assert.False((await app.SendAsync(new ProjectWebhooksQuery(board.Key))).CanAdd);
    }
}
