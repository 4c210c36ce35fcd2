using System.Text.Json;
using System.Text.Json.Serialization;
using DsProcess.Application.Common;
using DsProcess.Domain.Activity;
using DsProcess.Domain.Common;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.Gates;
using DsProcess.Domain.Handoffs;
using DsProcess.Domain.Operations;
using DsProcess.Domain.Projects;
using DsProcess.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace DsProcess.Application.Webhooks;

/// <summary>
/// The webhook events a unit of work produces, read from what it is about to save: the activity entries of the kinds
/// receivers hear of (with the entity that recorded them, for the details), and a model version newly meeting its
/// targets. Nothing is asked of the database here: the events go into the same save, and the database keeps them only
/// for projects with a subscription to their type.
/// </summary>
public static class WebhookEventSources
{
    /// <summary>The payloads' JSON: camelCase names, enums as camelCase strings, nulls left out.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new ProjectRoleJsonConverter(JsonNamingPolicy.CamelCase), new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Call before the entries' pending activity is taken and before the changes are accepted.</summary>
    public static List<WebhookEvent> Collect(IReadOnlyList<EntityEntry> entries)
    {
        var events = new List<WebhookEvent>();
        foreach (var entry in entries)
        {
            if (entry.Entity is Entity source)
            {
                foreach (var activity in source.PendingActivity)
                {
                    if (From(source, activity, entries) is { } found)
                    {
                        events.Add(found);
                    }
                }
            }

            if (entry.Entity is ModelVersion model && entry.State is EntityState.Added or EntityState.Modified
                && model.NewlyMeetsTargets(before: entry.State != EntityState.Added && (bool)entry.Property(nameof(ModelVersion.MeetsTargets)).OriginalValue!))
            {
                events.Add(Event(model.ProjectId, WebhookEventType.TargetMet, ChangedAt(entries), new { modelVersion = Describe(model) }));
            }
        }

        return events;
    }

    private static WebhookEvent? From(Entity source, ActivityEntry activity, IReadOnlyList<EntityEntry> entries) => (source, activity.Kind) switch
    {
        (ProjectTask task, ActivityKind.TaskStatusChanged) when task.Status == ProjectTaskStatus.Done && activity.To == DisplayNames.Of(ProjectTaskStatus.Done) =>
            Event(task.ProjectId, WebhookEventType.TaskDone, activity.At, new
            {
                task = new { id = task.Id, title = task.Title, phase = activity.Phase, responsibleRole = task.ResponsibleRole, assigneeId = task.AssigneeId },
                iteration = activity.Iteration,
                by = By(activity),
            }),
        (Handoff handoff, ActivityKind.HandoffCreated) => Event(handoff.ProjectId, WebhookEventType.HandoffCreated, activity.At, new
        {
            handoff = new
            {
                id = handoff.Id,
                from = new { taskId = handoff.FromTaskId, title = handoff.FromTaskTitle, role = handoff.FromRole },
                to = new { taskId = handoff.ToTaskId, title = handoff.ToTaskTitle, role = handoff.ToRole, phase = handoff.ToPhase, assigneeId = handoff.ToAssigneeId },
                note = handoff.Note,
                links = handoff.Links,
                versions = handoff.Versions.Select(v => new { kind = v.Kind, id = v.Id, label = v.Label }),
            },
            iteration = activity.Iteration,
            by = By(activity),
        }),
        (ProjectPhase phase, ActivityKind.GateSubmitted) => Event(phase.ProjectId, WebhookEventType.GateSubmitted, activity.At, new
        {
            gate = new { reviewId = Review(entries, phase.ProjectId, phase.Kind, r => r.SubmittedAt == activity.At)?.Id, phase = phase.Kind, note = activity.Reason },
            iteration = activity.Iteration,
            by = By(activity),
        }),
        (Project project, ActivityKind.GateApproved or ActivityKind.GateRejected) when activity.Phase is { } decided => Decided(project, decided, activity, entries),
        (Project project, ActivityKind.ProjectPutOnHold or ActivityKind.ProjectResumed or ActivityKind.ProjectCancelled) => Event(project.Id, StatusEventOf(activity.Kind), activity.At, new
        {
            status = project.Status,
            previousStatus = Original<ProjectStatus>(entries, project, nameof(Project.Status)),
            reason = project.StatusReason,
            by = By(activity),
        }),
        (Project project, ActivityKind.ProjectReplanned) => Event(project.Id, WebhookEventType.ProjectReplanned, activity.At, new
        {
            targetDate = project.TargetDate,
            previousTargetDate = Original<DateOnly>(entries, project, nameof(Project.TargetDate)),
            reason = activity.Reason,
            by = By(activity),
        }),
        (DatasetVersion version, ActivityKind.DatasetVersionRegistered) => Event(version.ProjectId, WebhookEventType.DatasetVersionRegistered, activity.At, new
        {
            datasetVersion = new
            {
                id = version.Id,
                datasetId = version.DatasetId,
                name = activity.Subject,
                label = version.Label,
                layer = version.Layer,
                purpose = version.Purpose,
                location = version.Location,
                format = NullIfEmpty(version.Format),
                rows = version.Rows,
                sizeBytes = version.SizeBytes,
                checksum = NullIfEmpty(version.Checksum),
                derivedFrom = version.DerivedFrom,
                producedByTaskId = version.ProducedByTaskId,
            },
            by = By(activity),
        }),
        (ModelVersion model, ActivityKind.ModelVersionRegistered) => Event(model.ProjectId, WebhookEventType.ModelVersionRegistered, activity.At, new
        {
            modelVersion = Describe(model),
            by = By(activity),
        }),
        (Alert alert, ActivityKind.AlertOpened) => Event(alert.ProjectId, WebhookEventType.AlertOpened, activity.At, new
        {
            alert = Describe(alert),
            by = By(activity),
        }),
        (Alert alert, ActivityKind.AlertClosed) => Event(alert.ProjectId, WebhookEventType.AlertClosed, activity.At, new
        {
            alert = Describe(alert),
            by = By(activity),
        }),
        (Deployment deployment, ActivityKind.DeploymentRecorded) => Event(deployment.ProjectId, WebhookEventType.DeploymentRecorded, activity.At, new
        {
            deployment = new
            {
                id = deployment.Id,
                modelVersionId = deployment.ModelVersionId,
                modelName = deployment.ModelName,
                environment = deployment.Environment,
                endpoint = deployment.Endpoint,
                deployedAt = deployment.DeployedAt,
            },
            by = By(activity),
        }),
        _ => null,
    };

    private static object Describe(Alert alert) => new
    {
        id = alert.Id,
        monitorId = alert.MonitorId,
        modelVersionId = alert.ModelVersionId,
        modelName = alert.ModelName,
        kind = alert.Kind,
        metric = alert.Metric,
        rule = alert.Rule,
        severity = alert.Severity,
        openedAt = alert.OpenedAt,
        openingValue = alert.OpeningValue,
        closedAt = alert.ClosedAt,
        closedBecause = alert.ClosedBecause,
        closingValue = alert.ClosingValue,
        reworkPhase = alert.ReworkPhase,
    };

    private static WebhookEvent Decided(Project project, PhaseKind phase, ActivityEntry activity, IReadOnlyList<EntityEntry> entries)
    {
        var review = Review(entries, project.Id, phase, r => r.DecidedAt == activity.At);
        return Event(project.Id, WebhookEventType.GateDecided, activity.At, new
        {
            gate = new
            {
                reviewId = review?.Id,
                phase,
                decision = activity.Kind == ActivityKind.GateApproved ? GateDecision.Approved : GateDecision.Rejected,
                outcome = review?.Outcome,
                reason = activity.Reason,
            },
            iteration = activity.Iteration,
            by = By(activity),
        });
    }

    private static object Describe(ModelVersion model) => new
    {
        id = model.Id,
        name = model.Name,
        label = model.Label,
        experimentId = model.ExperimentId,
        stage = model.Stage,
        meetsTargets = model.MeetsTargets,
        metrics = model.Metrics.Select(m => new { name = m.Name, split = m.Split, value = m.Value }),
        trainedOn = model.TrainedOn,
        evaluatedOn = model.EvaluatedOn,
        artefactUri = NullIfEmpty(model.ArtefactUri),
    };

    private static WebhookEventType StatusEventOf(ActivityKind kind) => kind switch
    {
        ActivityKind.ProjectPutOnHold => WebhookEventType.ProjectPutOnHold,
        ActivityKind.ProjectResumed => WebhookEventType.ProjectResumed,
        _ => WebhookEventType.ProjectCancelled,
    };

    /// <summary>A property's value as the unit of work loaded it, before this change.</summary>
    private static T Original<T>(IReadOnlyList<EntityEntry> entries, Entity entity, string property) =>
        (T)entries.Single(e => ReferenceEquals(e.Entity, entity)).Property(property).OriginalValue!;

    private static GateReview? Review(IReadOnlyList<EntityEntry> entries, Guid projectId, PhaseKind phase, Func<GateReview, bool> match) =>
        entries.Select(e => e.Entity).OfType<GateReview>().FirstOrDefault(r => r.ProjectId == projectId && r.Phase == phase && match(r));

    /// <summary>When the change that made a version meet its targets happened: the time of the unit of work's activity.</summary>
    private static DateTimeOffset ChangedAt(IReadOnlyList<EntityEntry> entries) =>
        entries.Select(e => e.Entity).OfType<Entity>().SelectMany(e => e.PendingActivity).Select(a => a.At).DefaultIfEmpty(DateTimeOffset.UtcNow).Max();

    private static object By(ActivityEntry activity) => new { id = activity.ActorId, name = activity.ActorName };

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    private static WebhookEvent Event(Guid projectId, WebhookEventType type, DateTimeOffset at, object data) =>
        new(projectId, type, at, JsonSerializer.Serialize(data, Json));
}
