using DsProcess.Domain.Activity;
using DsProcess.Domain.Common;

namespace DsProcess.Domain.Webhooks;

public enum WebhookSubscriptionState
{
    Active = 1,

    /// <summary>Delivers nothing until resumed; events keep being queued for it and go out on resume.</summary>
    Paused = 2,
}

/// <summary>
/// A receiver's address subscribed to some of a project's events by its team lead. Events are signed with its secret,
/// which is shown once at subscription and stored only in protected form. After repeated failed deliveries in a row
/// the subscription pauses itself (see <see cref="RecordFailure"/>).
/// </summary>
public sealed class WebhookSubscription : Entity
{
    /// <summary>Subscriptions one project may have.</summary>
    public const int MaxPerProject = 10;

    private WebhookSubscription()
    {
    }

    public Guid ProjectId { get; private set; }

    public string Url { get; private set; } = "";

    public List<WebhookEventType> EventTypes { get; private set; } = [];

    /// <summary>The signing secret as the data-protection system protected it; never the secret itself.</summary>
    public string ProtectedSecret { get; private set; } = "";

    public Guid? CreatedById { get; private set; }

    public string CreatedByName { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public WebhookSubscriptionState State { get; private set; }

    /// <summary>Why it is paused (who paused it, or the failures that did); null while active.</summary>
    public string? PausedReason { get; private set; }

    public DateTimeOffset? PausedAt { get; private set; }

    /// <summary>Failed delivery attempts since the last one that succeeded (or since it was resumed).</summary>
    public int ConsecutiveFailures { get; private set; }

    /// <summary>
    /// After a failure, none of its events is tried before this time (the back-off), so that a receiver that is down
    /// is asked once per step rather than once per queued event.
    /// </summary>
    public DateTimeOffset? RetryAt { get; private set; }

    /// <summary>Concurrency token (PostgreSQL xmin).</summary>
    public uint Version { get; private set; }

    public bool IsActive => State == WebhookSubscriptionState.Active;

    /// <summary>What the activity log and the logs call it: the address without its query.</summary>
    public string Describe() => $"Webhook to {WebhookEndpoint.Redacted(Url)}";

    public static WebhookSubscription Subscribe(
        Guid projectId, string url, IEnumerable<WebhookEventType> eventTypes, string protectedSecret, Actor by, DateTimeOffset at)
    {
        if (WebhookEndpoint.Problem(url) is { } problem)
        {
            throw new DomainRuleException(problem);
        }

        var types = eventTypes.Distinct().ToList();
        if (types.Count == 0)
        {
            throw new DomainRuleException("Choose at least one event to send.");
        }

        if (types.Any(t => !WebhookEvents.Subscribable.Contains(t)))
        {
            throw new DomainRuleException("Choose the events from the list.");
        }

        var subscription = new WebhookSubscription
        {
            ProjectId = projectId,
            Url = url.Trim(),
            EventTypes = [.. WebhookEvents.Subscribable.Where(types.Contains)],
            ProtectedSecret = string.IsNullOrEmpty(protectedSecret) ? throw new DomainRuleException("A webhook needs a signing secret.") : protectedSecret,
            CreatedById = by.UserId,
            CreatedByName = by.Name,
            CreatedAt = at,
            State = WebhookSubscriptionState.Active,
        };
        subscription.Record(ActivityEntry.Create(
            projectId, ActivityKind.WebhookSubscribed, by, at, subscription.Describe(),
            to: string.Join(", ", subscription.EventTypes.Select(WebhookEvents.WireName))));
        return subscription;
    }

    /// <summary>Whether an event of this type is sent to it (a test event always is).</summary>
    public bool Receives(WebhookEventType type) => type == WebhookEventType.Ping || EventTypes.Contains(type);

    public void Pause(Actor by, DateTimeOffset at)
    {
        if (!IsActive)
        {
            throw new DomainRuleException("This webhook is already paused.");
        }

        PauseWith($"Paused by {by.Name}.", by, at);
    }

    /// <summary>Active again: the queued events go out now, and the failures are forgotten.</summary>
    public void Resume(Actor by, DateTimeOffset at)
    {
        if (IsActive)
        {
            throw new DomainRuleException("This webhook is already active.");
        }

        State = WebhookSubscriptionState.Active;
        PausedReason = null;
        PausedAt = null;
        ConsecutiveFailures = 0;
        RetryAt = null;
        Record(ActivityEntry.Create(ProjectId, ActivityKind.WebhookResumed, by, at, Describe()));
    }

    public void RecordRemoved(Actor by, DateTimeOffset at) =>
        Record(ActivityEntry.Create(ProjectId, ActivityKind.WebhookRemoved, by, at, Describe()));

    /// <summary>A delivery succeeded: the receiver is healthy again.</summary>
    public void RecordSuccess()
    {
        if (ConsecutiveFailures != 0 || RetryAt is not null)
        {
            ConsecutiveFailures = 0;
            RetryAt = null;
        }
    }

    /// <summary>
    /// A delivery failed: nothing more is tried before <paramref name="retryAt"/>, and after
    /// <paramref name="maxConsecutiveFailures"/> failures in a row the subscription pauses itself. Returns whether it
    /// paused just now (so the team lead is told once).
    /// </summary>
    public bool RecordFailure(DateTimeOffset at, DateTimeOffset retryAt, int maxConsecutiveFailures)
    {
        ConsecutiveFailures++;
        RetryAt = retryAt;
        if (!IsActive || ConsecutiveFailures < maxConsecutiveFailures)
        {
            return false;
        }

        PauseWith($"Paused after {ConsecutiveFailures} failed deliveries in a row.", Actor.System, at);
        return true;
    }

    private void PauseWith(string reason, Actor by, DateTimeOffset at)
    {
        State = WebhookSubscriptionState.Paused;
        PausedReason = reason;
        PausedAt = at;
        Record(ActivityEntry.Create(ProjectId, ActivityKind.WebhookPaused, by, at, Describe(), reason: reason));
    }
}
