using DsProcess.Domain.Common;

namespace DsProcess.Domain.Webhooks;

/// <summary>How one attempt to deliver went: the receiver's status code (none when it could not be reached) and why it failed.</summary>
public sealed record WebhookAttemptOutcome(DateTimeOffset At, int? StatusCode, int DurationMs, string? Error)
{
    /// <summary>Only a 2xx answer counts as received; a redirect is not followed and counts as a failure.</summary>
    public bool Succeeded => StatusCode is >= 200 and < 300;
}

/// <summary>
/// One event queued for one subscription: the outbox row. Written in the same transaction as the change that caused
/// the event (by the database, for the subscriptions of that project and event type at that moment), then claimed and
/// delivered by a background worker, at least once: retried until the receiver answers 2xx or the subscription
/// pauses. The event's id travels as <c>X-DsProcess-Delivery</c> so that receivers can drop repeats.
/// </summary>
public sealed class WebhookDelivery
{
    private WebhookDelivery()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The event's id: the same for every subscription that receives it, and for every attempt.</summary>
    public Guid EventId { get; private set; }

    public Guid SubscriptionId { get; private set; }

    public Guid ProjectId { get; private set; }

    public WebhookEventType Type { get; private set; }

    /// <summary>The project's key and name when the event happened, for the payload.</summary>
    public string ProjectKey { get; private set; } = "";

    public string ProjectName { get; private set; } = "";

    public DateTimeOffset OccurredAt { get; private set; }

    /// <summary>The event's <c>data</c> object, as JSON.</summary>
    public string Payload { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public int Attempts { get; private set; }

    public DateTimeOffset NextAttemptAt { get; private set; }

    /// <summary>While set and in the future, the worker holding <see cref="LeaseToken"/> is delivering it; nobody else may.</summary>
    public DateTimeOffset? LockedUntil { get; private set; }

    public Guid? LeaseToken { get; private set; }

    public DateTimeOffset? DeliveredAt { get; private set; }

    public DateTimeOffset? LastAttemptAt { get; private set; }

    public int? LastStatusCode { get; private set; }

    public int? LastDurationMs { get; private set; }

    public string? LastError { get; private set; }

    /// <summary>Concurrency token (PostgreSQL xmin).</summary>
    public uint Version { get; private set; }

    /// <summary>A test event for one subscription, sent at once.</summary>
    public static WebhookDelivery Ping(WebhookSubscription subscription, string projectKey, string projectName, Actor by, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(),
        EventId = Guid.CreateVersion7(),
        SubscriptionId = subscription.Id,
        ProjectId = subscription.ProjectId,
        Type = WebhookEventType.Ping,
        ProjectKey = projectKey,
        ProjectName = projectName,
        OccurredAt = at,
        Payload = $$"""{"message":"A test event from DsProcess.","requestedBy":{{System.Text.Json.JsonSerializer.Serialize(by.Name)}}}""",
        CreatedAt = at,
        NextAttemptAt = at,
    };

    public bool IsDelivered => DeliveredAt is not null;

    /// <summary>Sends the event again (with the same event id), now, or as soon as its subscription is active.</summary>
    public void Redeliver(DateTimeOffset at)
    {
        if (LockedUntil > at)
        {
            throw new DomainRuleException("This event is being delivered right now; look at the log again in a moment.");
        }

        DeliveredAt = null;
        NextAttemptAt = at;
    }

    /// <summary>
    /// Records an attempt made under the lease <paramref name="leaseToken"/>, and returns its line for the delivery log.
    /// A failed attempt is tried again at <paramref name="retryAt"/>. Refused when the lease was lost meanwhile (another
    /// worker may have claimed the row after it ran out), so a late worker never overwrites a newer outcome.
    /// </summary>
    public WebhookAttempt RecordAttempt(Guid leaseToken, WebhookAttemptOutcome outcome, DateTimeOffset retryAt)
    {
        if (LeaseToken != leaseToken)
        {
            throw new DomainRuleException("The lease on this delivery ran out before its outcome was recorded.");
        }

        Attempts++;
        LastAttemptAt = outcome.At;
        LastStatusCode = outcome.StatusCode;
        LastDurationMs = outcome.DurationMs;
        LastError = outcome.Succeeded ? null : Limits.Clip(outcome.Error ?? $"HTTP {outcome.StatusCode}", WebhookAttempt.MaxError);
        if (outcome.Succeeded)
        {
            DeliveredAt = outcome.At;
        }
        else
        {
            NextAttemptAt = retryAt;
        }

        LockedUntil = null;
        LeaseToken = null;
        return new WebhookAttempt(this, Attempts, outcome, LastError);
    }

}

/// <summary>One line of a project's delivery log: one attempt to deliver one event to one subscription.</summary>
public sealed class WebhookAttempt
{
    public const int MaxError = 500;

    private WebhookAttempt()
    {
    }

    internal WebhookAttempt(WebhookDelivery delivery, int number, WebhookAttemptOutcome outcome, string? error)
    {
        DeliveryId = delivery.Id;
        SubscriptionId = delivery.SubscriptionId;
        ProjectId = delivery.ProjectId;
        Number = number;
        At = outcome.At;
        StatusCode = outcome.StatusCode;
        DurationMs = outcome.DurationMs;
        Error = error;
    }

    public long Id { get; private set; }

    public Guid DeliveryId { get; private set; }

    public Guid SubscriptionId { get; private set; }

    public Guid ProjectId { get; private set; }

    /// <summary>1 for the first attempt; redeliveries go on counting.</summary>
    public int Number { get; private set; }

    public DateTimeOffset At { get; private set; }

    public int? StatusCode { get; private set; }

    public int DurationMs { get; private set; }

    public string? Error { get; private set; }
}

/// <summary>
/// Something that happened in a project and may interest its webhooks, written with the change that caused it. The
/// database turns it into one <see cref="WebhookDelivery"/> per subscription of the project to its type, in the same
/// statement, and keeps nothing when there is none.
/// </summary>
public sealed class WebhookEvent
{
    private WebhookEvent()
    {
    }

    public WebhookEvent(Guid projectId, WebhookEventType type, DateTimeOffset occurredAt, string payload)
    {
        Id = Guid.CreateVersion7();
        ProjectId = projectId;
        Type = type;
        OccurredAt = occurredAt;
        Payload = payload;
    }

    public Guid Id { get; private set; }

    public Guid ProjectId { get; private set; }

    public WebhookEventType Type { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }

    /// <summary>The event's <c>data</c> object, as JSON.</summary>
    public string Payload { get; private set; } = "";
}
