using DsProcess.Domain.Activity;

namespace DsProcess.Web.Components.Shared;

internal static class ActivityText
{
    public static string Of(ActivityKind kind) => kind switch
    {
        ActivityKind.ProjectCreated => "Project created",
        ActivityKind.PhaseStateChanged => "Phase changed",
        ActivityKind.TaskStatusChanged => "Task status",
        ActivityKind.TaskPlanned => "Task planned",
        ActivityKind.TaskAdded => "Task added",
        ActivityKind.ChecklistItemTicked => "Checklist ticked",
        ActivityKind.ChecklistItemUnticked => "Checklist unticked",
        ActivityKind.MemberAdded => "Member added",
        ActivityKind.MemberRolesChanged => "Member roles",
        ActivityKind.MemberRemoved => "Member removed",
        ActivityKind.TaskAssigned => "Task assigned",
        ActivityKind.GateCriterionMet => "Gate criterion met",
        ActivityKind.GateCriterionUnmet => "Gate criterion unmet",
        ActivityKind.GateCriterionAdded => "Gate criterion added",
        ActivityKind.GateCriterionRemoved => "Gate criterion removed",
        ActivityKind.GateSubmitted => "Gate submitted",
        ActivityKind.GateApproved => "Gate approved",
        ActivityKind.GateRejected => "Gate rejected",
        ActivityKind.IterationStarted => "Iteration started",
        ActivityKind.ProjectCompleted => "Project completed",
        ActivityKind.HandoffCreated => "Handoff",
        ActivityKind.HandoffAcknowledged => "Handoff acknowledged",
        ActivityKind.DatasetCreated => "Dataset created",
        ActivityKind.DatasetVersionRegistered => "Dataset version",
        ActivityKind.DatasetQualityRecorded => "Data quality",
        ActivityKind.ExperimentCreated => "Experiment",
        ActivityKind.ModelVersionRegistered => "Model version",
        ActivityKind.ModelStageChanged => "Model stage",
        ActivityKind.MetricTargetSet => "Metric target set",
        ActivityKind.MetricTargetRemoved => "Metric target removed",
        ActivityKind.ApiTokenCreated => "API token created",
        ActivityKind.ApiTokenRevoked => "API token revoked",
        ActivityKind.WebhookSubscribed => "Webhook added",
        ActivityKind.WebhookPaused => "Webhook paused",
        ActivityKind.WebhookResumed => "Webhook resumed",
        ActivityKind.WebhookRemoved => "Webhook removed",
        ActivityKind.KpiDefined => "KPI defined",
        ActivityKind.KpiChanged => "KPI changed",
        ActivityKind.KpiRemoved => "KPI removed",
        ActivityKind.KpiValueRecorded => "KPI value",
        _ => kind.ToString(),
    };
}
