using DsProcess.Domain.Common;
using DsProcess.Domain.Projects;

namespace DsProcess.Domain.Activity;

public enum ActivityKind
{
    ProjectCreated = 1,
    PhaseStateChanged = 2,
    TaskStatusChanged = 3,
    TaskPlanned = 4,
    TaskAdded = 5,
    ChecklistItemTicked = 6,
    ChecklistItemUnticked = 7,
    MemberAdded = 8,
    MemberRolesChanged = 9,
    MemberRemoved = 10,
    TaskAssigned = 11,
    PersonCreated = 20,
    SystemRoleChanged = 21,
    PersonDisabled = 22,
    PersonEnabled = 23,
    GateCriterionMet = 30,
    GateCriterionUnmet = 31,
    GateCriterionAdded = 32,
    GateCriterionRemoved = 33,
    GateSubmitted = 34,
    GateApproved = 35,
    GateRejected = 36,
    IterationStarted = 37,
    ProjectCompleted = 38,
    HandoffCreated = 40,
    HandoffAcknowledged = 41,
    DatasetCreated = 50,
    DatasetVersionRegistered = 51,
    DatasetQualityRecorded = 52,
    ExperimentCreated = 53,
    ModelVersionRegistered = 54,
    ModelStageChanged = 55,
    MetricTargetSet = 56,
    MetricTargetRemoved = 57,
    ApiTokenCreated = 60,
    ApiTokenRevoked = 61,
    WebhookSubscribed = 62,
    WebhookPaused = 63,
    WebhookResumed = 64,
    WebhookRemoved = 65,
    DeploymentRecorded = 70,
    DeploymentEnded = 71,
    PipelineRunRecorded = 72,
    MonitorAdded = 73,
    MonitorChanged = 74,
    MonitorRemoved = 75,
    AlertOpened = 76,
    AlertClosed = 77,

    /// <summary>An alert dismissed (with the reason) or turned into rework (From says which).</summary>
    AlertTriaged = 78,

    /// <summary>A completed project went into operation (a model is live in production) or came out of it.</summary>
    OperationStatusChanged = 79,

    KpiDefined = 80,
    KpiChanged = 81,
    KpiRemoved = 82,
    KpiValueRecorded = 83,

    /// <summary>The project's name or objective edited (Subject names the field; From and To the values).</summary>
    ProjectEdited = 90,

    /// <summary>The target date moved and the open work's planned dates shifted with it.</summary>
    ProjectReplanned = 91,

    ProjectPutOnHold = 92,
    ProjectResumed = 93,
    ProjectCancelled = 94,

    /// <summary>The project took a newer version of its playbook (Subject) for the phases it had not started (To); From is the version before.</summary>
    PlaybookVersionTaken = 95,

    /// <summary>A playbook added from a file (Subject names it).</summary>
    PlaybookImported = 100,

    /// <summary>A playbook no longer offered to new projects; its projects keep their copies.</summary>
    PlaybookArchived = 101,

    PlaybookRestored = 102,

    /// <summary>A playbook that no project started from, removed.</summary>
    PlaybookDeleted = 103,

    /// <summary>A draft started: a new playbook (From names the playbook copied) or the next version of one.</summary>
    PlaybookDrafted = 104,

    /// <summary>A draft's changes saved (To counts its tasks).</summary>
    PlaybookDraftSaved = 105,

    /// <summary>A draft became an immutable version that new projects can start from.</summary>
    PlaybookPublished = 106,

    /// <summary>A role the organisation added (Subject names it) for playbooks, teams and tasks.</summary>
    RoleAdded = 107,

    /// <summary>An admin made someone (Subject) a playbook owner, or no longer one (To says which).</summary>
    PlaybookOwnerChanged = 108,

    /// <summary>Someone (Subject) chose how the app looks to them (From and To: system, light or dark).</summary>
    AppearanceChosen = 109,

    /// <summary>Someone (Subject) chose how they hear of a kind of notification (From and To: the kind and the choice).</summary>
    EmailChoiceChanged = 110,
}

/// <summary>One line of a project's append-only activity log: who did what, when (UTC), from/to, and why.</summary>
public sealed class ActivityEntry
{
    private ActivityEntry()
    {
    }

    public long Id { get; private set; }

    /// <summary>The project the change belongs to; null for system-wide changes such as user administration.</summary>
    public Guid? ProjectId { get; private set; }

    public DateTimeOffset At { get; private set; }

    public Guid? ActorId { get; private set; }

    public string ActorName { get; private set; } = "";

    public ActivityKind Kind { get; private set; }

    public PhaseKind? Phase { get; private set; }

    public Guid? TaskId { get; private set; }

    /// <summary>What changed, in words: a task title, a checklist item, the project name.</summary>
    public string Subject { get; private set; } = "";

    public string? From { get; private set; }

    public string? To { get; private set; }

    public string? Reason { get; private set; }

    /// <summary>The project iteration the change belongs to, so earlier iterations stay readable.</summary>
    public int? Iteration { get; private set; }

    internal void StampIteration(int? iteration) => Iteration = iteration;

    public static ActivityEntry ForSystem(ActivityKind kind, Actor by, DateTimeOffset at, string subject, string? from = null, string? to = null) =>
        Create(null, kind, by, at, subject, from: from, to: to);

    public static ActivityEntry Create(
        Guid? projectId,
        ActivityKind kind,
        Actor by,
        DateTimeOffset at,
        string subject,
        PhaseKind? phase = null,
        Guid? taskId = null,
        string? from = null,
        string? to = null,
        string? reason = null) => new()
        {
            ProjectId = projectId,
            Kind = kind,
            ActorId = by.UserId,
            ActorName = by.Name,
            At = at.ToUniversalTime(),
            Subject = subject,
            Phase = phase,
            TaskId = taskId,
            From = from,
            To = to,
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
        };
}
