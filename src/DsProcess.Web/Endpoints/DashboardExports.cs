using DsProcess.Application.Dashboards;
using DsProcess.Application.Dashboards.Queries.DashboardProjects;
using DsProcess.Application.Dashboards.Queries.FlowMetrics;
using DsProcess.Application.Dashboards.Queries.Waiting;
using DsProcess.Application.Dashboards.Queries.Workload;
using DsProcess.Domain.Projects;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace DsProcess.Web.Endpoints;

/// <summary>Every dashboard table as CSV, with the dashboard's filters.</summary>
internal static class DashboardExports
{
    private const int All = 10_000;

    public static void MapDashboardExports(this RouteGroupBuilder exports)
    {
        var dashboard = exports.MapGroup("/dashboard");
        dashboard.MapGet("/projects.csv", ProjectsAsync);
        dashboard.MapGet("/gates.csv", (ISender sender, [AsParameters] Filters f, CancellationToken ct) => WaitingAsync(sender, f, WaitingList.Gates, ct));
        dashboard.MapGet("/handoffs.csv", (ISender sender, [AsParameters] Filters f, CancellationToken ct) => WaitingAsync(sender, f, WaitingList.Handoffs, ct));
        dashboard.MapGet("/overdue-tasks.csv", (ISender sender, [AsParameters] Filters f, CancellationToken ct) => WaitingAsync(sender, f, WaitingList.OverdueTasks, ct));
        dashboard.MapGet("/flow.csv", FlowAsync);
        dashboard.MapGet("/roles.csv", RolesAsync);
        dashboard.MapGet("/people.csv", PeopleAsync);
    }

    private static async Task<IResult> ProjectsAsync(ISender sender, [AsParameters] Filters filters, CancellationToken cancellationToken)
    {
        var page = await sender.Send(new DashboardProjectsQuery(filters.Dashboard, filters.Health, 1, All), cancellationToken);
        return Csv.File(
            "projects.csv",
            ["key", "name", "lead", "status", "current_phase", "iteration", "tasks", "finished", "open_tasks", "overdue_tasks", "blocked_tasks", "target_date", "health"],
            page.Items.Select(p => Csv.Row(p.Key, p.Name, p.LeadName, p.Status, p.CurrentPhase is { } k ? DisplayNames.Of(k) : null, p.Iteration,
                p.Tasks, p.Finished, p.OpenTasks, p.OverdueTasks, p.BlockedTasks, p.TargetDate, p.Health)));
    }

    private static async Task<IResult> WaitingAsync(ISender sender, Filters filters, WaitingList list, CancellationToken cancellationToken)
    {
        var waiting = await sender.Send(new WaitingQuery(filters.Dashboard, list, 1, 100), cancellationToken);
        return list switch
        {
            WaitingList.Gates => Csv.File(
                "gates-awaiting-decision.csv",
                ["project", "name", "phase", "submitted_by", "submitted_at_utc"],
                waiting.Gates.Select(g => Csv.Row(g.ProjectKey, g.ProjectName, DisplayNames.Of(g.Phase), g.SubmittedByName, g.SubmittedAt))),
            WaitingList.Handoffs => Csv.File(
                "handoffs-awaiting-acknowledgement.csv",
                ["project", "task", "to_role", "handed_over_by", "handed_over_at_utc"],
                waiting.Handoffs.Select(h => Csv.Row(h.ProjectKey, h.ToTaskTitle, DisplayNames.Of(h.ToRole), h.HandedOverByName, h.HandedOverAt))),
            _ => Csv.File(
                "overdue-tasks.csv",
                ["project", "task", "role", "assignee", "due"],
                waiting.OverdueTasks.Select(t => Csv.Row(t.ProjectKey, t.Title, DisplayNames.Of(t.ResponsibleRole), t.AssigneeName, t.Due))),
        };
    }

    private static async Task<IResult> FlowAsync(ISender sender, [FromQuery] int? period, CancellationToken cancellationToken)
    {
        var flow = await sender.Send(new FlowMetricsQuery(period ?? 90), cancellationToken);
        return Csv.File(
            $"flow-{flow.PeriodDays}-days.csv",
            ["phase", "time_in_phase_median_days", "time_in_phase_p85_days", "phases_completed",
                "gate_wait_median_hours", "gate_wait_p85_hours", "rework_rate", "gate_decisions",
                "handoff_wait_median_hours", "handoff_wait_p85_hours", "handoffs_acknowledged"],
            flow.Phases.Select(p => Csv.Row(p.Phase is { } k ? DisplayNames.Of(k) : "All phases",
                p.TimeInPhaseDays.Median, p.TimeInPhaseDays.P85, p.TimeInPhaseDays.Samples,
                p.GateDecisionHours.Median, p.GateDecisionHours.P85, p.ReworkRate, p.Decisions,
                p.HandoffWaitHours.Median, p.HandoffWaitHours.P85, p.HandoffWaitHours.Samples)));
    }

    private static async Task<IResult> RolesAsync(ISender sender, CancellationToken cancellationToken)
    {
        var workload = await sender.Send(new WorkloadQuery(), cancellationToken);
        return Csv.File(
            "workload-roles.csv",
            ["role", "open_tasks", "unassigned_tasks", "holders"],
            workload.Roles.Select(r => Csv.Row(DisplayNames.Of(r.Role), r.OpenTasks, r.UnassignedTasks, r.Holders)));
    }

    private static async Task<IResult> PeopleAsync(ISender sender, CancellationToken cancellationToken)
    {
        var workload = await sender.Send(new WorkloadQuery(Take: 100), cancellationToken);
        return Csv.File(
            "workload-people.csv",
            ["person", "open_tasks", "overdue_tasks"],
            workload.MostOpen.Select(p => Csv.Row(p.Name, p.OpenTasks, p.OverdueTasks)));
    }

    /// <summary>The dashboard's filters as query-string values.</summary>
    internal sealed record Filters(Guid? Lead, ProjectStatus? Status, PhaseKind? Phase, int? Iteration, ProjectHealth? Health)
    {
        public DashboardFilter Dashboard => new(Lead, Status, Phase, Iteration);
    }
}
