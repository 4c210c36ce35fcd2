namespace DsProcess.Domain.Webhooks;

/// <summary>What happened in a project, as a webhook receiver is told. The numbers are stored; the wire names are the contract.</summary>
public enum WebhookEventType
{
    TaskDone = 1,
    HandoffCreated = 2,
    GateSubmitted = 3,
    GateDecided = 4,
    DatasetVersionRegistered = 5,
    ModelVersionRegistered = 6,

    /// <summary>A model version newly meets every metric target of its project (the moment the deployers are notified).</summary>
    TargetMet = 7,

    /// <summary>A monitor's breach opened an alert (one per episode).</summary>
    AlertOpened = 8,

    /// <summary>An alert's episode ended: recovered, or its monitor removed.</summary>
    AlertClosed = 9,

    /// <summary>A model version was deployed to an environment.</summary>
    DeploymentRecorded = 10,

    ProjectPutOnHold = 11,
    ProjectResumed = 12,
    ProjectCancelled = 13,

    /// <summary>The project's target date moved, and its open work with it.</summary>
    ProjectReplanned = 14,

    /// <summary>A test event sent on request to one subscription; nobody subscribes to it.</summary>
    Ping = 100,
}

/// <summary>The event types' names on the wire and on screen, and which of them a subscription may choose.</summary>
public static class WebhookEvents
{
    /// <summary>The types a subscription chooses from, in the order screens list them; a new subscription gets them all.</summary>
    public static readonly IReadOnlyList<WebhookEventType> Subscribable =
    [
        WebhookEventType.TaskDone,
        WebhookEventType.HandoffCreated,
        WebhookEventType.GateSubmitted,
        WebhookEventType.GateDecided,
        WebhookEventType.DatasetVersionRegistered,
        WebhookEventType.ModelVersionRegistered,
        WebhookEventType.TargetMet,
        WebhookEventType.DeploymentRecorded,
        WebhookEventType.AlertOpened,
        WebhookEventType.AlertClosed,
        WebhookEventType.ProjectReplanned,
        WebhookEventType.ProjectPutOnHold,
        WebhookEventType.ProjectResumed,
        WebhookEventType.ProjectCancelled,
    ];

    /// <summary>The name in the payload's <c>type</c> and the <c>X-DsProcess-Event</c> header; never changes once published.</summary>
    public static string WireName(WebhookEventType type) => type switch
    {
        WebhookEventType.TaskDone => "task.done",
        WebhookEventType.HandoffCreated => "handoff.created",
        WebhookEventType.GateSubmitted => "gate.submitted",
        WebhookEventType.GateDecided => "gate.decided",
        WebhookEventType.DatasetVersionRegistered => "dataset_version.registered",
        WebhookEventType.ModelVersionRegistered => "model_version.registered",
        WebhookEventType.TargetMet => "model_version.target_met",
        WebhookEventType.AlertOpened => "alert.opened",
        WebhookEventType.AlertClosed => "alert.closed",
        WebhookEventType.DeploymentRecorded => "deployment.recorded",
        WebhookEventType.ProjectPutOnHold => "project.put_on_hold",
        WebhookEventType.ProjectResumed => "project.resumed",
        WebhookEventType.ProjectCancelled => "project.cancelled",
        WebhookEventType.ProjectReplanned => "project.replanned",
        WebhookEventType.Ping => "ping",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown webhook event type."),
    };

    public static string DisplayName(WebhookEventType type) => type switch
    {
        WebhookEventType.TaskDone => "Task done",
        WebhookEventType.HandoffCreated => "Handoff",
        WebhookEventType.GateSubmitted => "Gate submitted",
        WebhookEventType.GateDecided => "Gate decided",
        WebhookEventType.DatasetVersionRegistered => "Dataset version registered",
        WebhookEventType.ModelVersionRegistered => "Model version registered",
        WebhookEventType.TargetMet => "Model meets all targets",
        WebhookEventType.AlertOpened => "Alert opened",
        WebhookEventType.AlertClosed => "Alert closed",
        WebhookEventType.DeploymentRecorded => "Deployment recorded",
        WebhookEventType.ProjectPutOnHold => "Project put on hold",
        WebhookEventType.ProjectResumed => "Project resumed",
        WebhookEventType.ProjectCancelled => "Project cancelled",
        WebhookEventType.ProjectReplanned => "Project re-planned",
        WebhookEventType.Ping => "Test event",
        _ => type.ToString(),
    };
}
