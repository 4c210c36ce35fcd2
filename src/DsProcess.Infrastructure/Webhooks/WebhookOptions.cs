namespace DsProcess.Infrastructure.Webhooks;

/// <summary>Webhook delivery settings, under <c>DsProcess:Webhooks</c>.</summary>
public sealed class WebhookOptions
{
    public const string Section = "DsProcess:Webhooks";

    /// <summary>
    /// Whether this instance delivers queued events. Off on an instance that should only serve requests: its changes
    /// still queue their events, and the instances that deliver send them.
    /// </summary>
    public bool Deliver { get; set; } = true;

    /// <summary>
    /// Let webhooks reach loopback, private, link-local and other non-public addresses. Off by default: a team lead
    /// could otherwise make the server call into its own network (SSRF). For installations whose receivers live on
    /// the internal network, and for tests.
    /// </summary>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>Failed attempts in a row after which a subscription pauses itself and its team leads are told.</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>The wait after the first failure; it doubles with every failure after that (±20%), up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromSeconds(15);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How often the worker looks for due events without being woken; a commit wakes it at once through the change
    /// feed, so this only bounds how late a retry falls due, or an event whose notice was lost.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one attempt may take, connecting included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a claimed event is reserved for the instance that claimed it; longer than <see cref="Timeout"/>.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Events claimed at once by one instance.</summary>
    public int BatchSize { get; set; } = 50;
}
