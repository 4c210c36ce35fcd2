using DsProcess.Domain.Activity;
using DsProcess.Domain.Common;
using DsProcess.Domain.Webhooks;

namespace DsProcess.Domain.Tests;

public sealed class WebhookTests
{
    private static readonly Guid ProjectId = Guid.NewGuid();

    private static WebhookSubscription Subscription(params WebhookEventType[] events) =>
        WebhookSubscription.Subscribe(ProjectId, "https://ci.example.com/hooks?token=abc", events.Length == 0 ? [WebhookEventType.TaskDone] : events, "protected", Build.Lead, Build.Now);

    [Theory]
    [InlineData("https://ci.example.com/hooks", null)]
    [InlineData("http://ci.example.com:8080/hooks?x=1", null)]
    [InlineData("", "Give the address that receives the events.")]
    [InlineData("ci.example.com/hooks", "Give a full address, such as https://ci.example.com/hooks/dsprocess.")]
    [InlineData("file:///etc/passwd", "Only http and https addresses can receive webhooks.")]
    [InlineData("gopher://ci.example.com/", "Only http and https addresses can receive webhooks.")]
    [InlineData("https://user:pass@ci.example.com/", "Leave the user name and password out of the address: the signature tells the receiver who sent the event.")]
    [InlineData("https://ci.example.com/#frag", "Leave the #fragment out of the address; it is never sent to the receiver.")]
    public void An_address_must_be_a_full_http_or_https_address_without_credentials(string url, string? problem)
    {
        Assert.Equal(problem, WebhookEndpoint.Problem(url));
    }

    [Fact]
    public void An_overlong_address_is_refused()
    {
        Assert.Equal($"The address must be at most {Limits.Uri} characters.", WebhookEndpoint.Problem("https://x.example.com/" + new string('a', Limits.Uri)));
    }

    [Fact]
    public void Subscribing_keeps_the_chosen_events_in_list_order_and_logs_the_address_without_its_query()
    {
        var subscription = Subscription(WebhookEventType.TargetMet, WebhookEventType.TaskDone, WebhookEventType.TaskDone);

        Assert.Equal([WebhookEventType.TaskDone, WebhookEventType.TargetMet], subscription.EventTypes);
        Assert.Equal(WebhookSubscriptionState.Active, subscription.State);
        var logged = Assert.Single(subscription.PendingActivity);
        Assert.Equal((ActivityKind.WebhookSubscribed, "Webhook to https://ci.example.com/hooks", "task.done, model_version.target_met"), (logged.Kind, logged.Subject, logged.To));
        Assert.True(subscription.Receives(WebhookEventType.Ping));
        Assert.False(subscription.Receives(WebhookEventType.HandoffCreated));
    }

    [Fact]
    public void Subscribing_without_events_to_the_test_event_or_without_a_secret_is_refused()
    {
        Assert.Throws<DomainRuleException>(() => WebhookSubscription.Subscribe(ProjectId, "https://ci.example.com/", [], "protected", Build.Lead, Build.Now));
        Assert.Throws<DomainRuleException>(() => WebhookSubscription.Subscribe(ProjectId, "https://ci.example.com/", [WebhookEventType.Ping], "protected", Build.Lead, Build.Now));
        Assert.Throws<DomainRuleException>(() => WebhookSubscription.Subscribe(ProjectId, "https://ci.example.com/", [(WebhookEventType)42], "protected", Build.Lead, Build.Now));
        Assert.Throws<DomainRuleException>(() => WebhookSubscription.Subscribe(ProjectId, "https://ci.example.com/", [WebhookEventType.TaskDone], "", Build.Lead, Build.Now));
        Assert.Throws<DomainRuleException>(() => WebhookSubscription.Subscribe(ProjectId, "ftp://ci.example.com/", [WebhookEventType.TaskDone], "protected", Build.Lead, Build.Now));
    }

    [Fact]
    public void Pause_and_resume_move_between_the_two_states_only_and_say_who()
    {
        var subscription = Subscription();

        Assert.Throws<DomainRuleException>(() => subscription.Resume(Build.Lead, Build.Now));
        subscription.Pause(Build.Lead, Build.Now);
        Assert.Equal((WebhookSubscriptionState.Paused, "Paused by Lea Lead."), (subscription.State, subscription.PausedReason));
        Assert.Throws<DomainRuleException>(() => subscription.Pause(Build.Lead, Build.Now));
        subscription.Resume(Build.Lead, Build.Now);
        Assert.Equal((WebhookSubscriptionState.Active, null), (subscription.State, subscription.PausedReason));
        Assert.Equal(
            [ActivityKind.WebhookSubscribed, ActivityKind.WebhookPaused, ActivityKind.WebhookResumed],
            subscription.PendingActivity.Select(a => a.Kind));
    }

    [Fact]
    public void Failures_in_a_row_pause_the_subscription_once_at_the_limit_and_a_success_starts_the_count_again()
    {
        var subscription = Subscription();
        var retry = Build.Now.AddMinutes(1);

        Assert.False(subscription.RecordFailure(Build.Now, retry, maxConsecutiveFailures: 3));
        Assert.False(subscription.RecordFailure(Build.Now, retry, maxConsecutiveFailures: 3));
        subscription.RecordSuccess();
        Assert.Equal((0, null), (subscription.ConsecutiveFailures, subscription.RetryAt));
        Assert.False(subscription.RecordFailure(Build.Now, retry, maxConsecutiveFailures: 3));
        Assert.False(subscription.RecordFailure(Build.Now, retry, maxConsecutiveFailures: 3));
        Assert.Equal(retry, subscription.RetryAt);

        Assert.True(subscription.RecordFailure(Build.Now, retry, maxConsecutiveFailures: 3));
        Assert.False(subscription.RecordFailure(Build.Now, retry, maxConsecutiveFailures: 3));

        Assert.Equal((WebhookSubscriptionState.Paused, "Paused after 3 failed deliveries in a row."), (subscription.State, subscription.PausedReason));
        var paused = Assert.Single(subscription.PendingActivity, a => a.Kind == ActivityKind.WebhookPaused);
        Assert.Equal(Actor.System.Name, paused.ActorName);
        subscription.Resume(Build.Lead, Build.Now);
        Assert.Equal((0, null), (subscription.ConsecutiveFailures, subscription.RetryAt));
    }

    [Fact]
    public void The_wait_doubles_with_each_failure_up_to_the_cap_and_spreads_by_a_fifth_either_way()
    {
        var first = TimeSpan.FromSeconds(15);
        var cap = TimeSpan.FromHours(1);

        Assert.Equal(TimeSpan.FromSeconds(15), WebhookRetry.DelayAfter(1, first, cap, 0.5));
        Assert.Equal(TimeSpan.FromSeconds(30), WebhookRetry.DelayAfter(2, first, cap, 0.5));
        Assert.Equal(TimeSpan.FromMinutes(4), WebhookRetry.DelayAfter(5, first, cap, 0.5));
        Assert.Equal(cap, WebhookRetry.DelayAfter(9, first, cap, 0.5));
        Assert.Equal(cap, WebhookRetry.DelayAfter(1000, first, cap, 0.5));
        Assert.Equal(TimeSpan.FromSeconds(12), WebhookRetry.DelayAfter(1, first, cap, 0));
        Assert.Equal(TimeSpan.FromSeconds(18), WebhookRetry.DelayAfter(1, first, cap, 1));
    }

    [Fact]
    public void A_test_event_is_due_at_once_and_an_attempt_without_the_lease_is_refused()
    {
        var subscription = Subscription();
        var ping = WebhookDelivery.Ping(subscription, "CHURN", "Customer churn", Build.Lead, Build.Now);

        Assert.Equal((WebhookEventType.Ping, Build.Now, 0), (ping.Type, ping.NextAttemptAt, ping.Attempts));
        Assert.Equal("""{"message":"A test event from DsProcess.","requestedBy":"Lea Lead"}""", ping.Payload);
        Assert.Throws<DomainRuleException>(() => ping.RecordAttempt(Guid.NewGuid(), new WebhookAttemptOutcome(Build.Now, 200, 5, null), Build.Now));
        ping.Redeliver(Build.Now.AddMinutes(5));
        Assert.Equal(Build.Now.AddMinutes(5), ping.NextAttemptAt);
    }

    [Theory]
    [InlineData(200, true)]
    [InlineData(204, true)]
    [InlineData(301, false)]
    [InlineData(404, false)]
    [InlineData(500, false)]
    [InlineData(null, false)]
    public void Only_a_2xx_answer_counts_as_received(int? status, bool succeeded)
    {
        Assert.Equal(succeeded, new WebhookAttemptOutcome(Build.Now, status, 10, null).Succeeded);
    }
}
