using DsProcess.Domain.Projects;

namespace DsProcess.Application.Dashboards;

/// <summary>
/// Where a project stands, for managers: worst first, Overdue (target or current phase end passed), Blocked
/// (a blocked task), Awaiting decision (its gate), At risk (target within 30 days, under 80% done), On track.
/// </summary>
public enum ProjectHealth
{
    OnTrack = 0,
    AtRisk = 1,
    Overdue = 2,
    Blocked = 3,
    AwaitingDecision = 4,
    NotActive = 5,
}

/// <summary>One project's dashboard row, refreshed when the project changes (table dashboard_projects).</summary>
public sealed class DashboardProject
{
    public Guid ProjectId { get; init; }

    public string Key { get; init; } = "";

    public string Name { get; init; } = "";

    public Guid? LeadId { get; init; }

    public string? LeadName { get; init; }

    public ProjectStatus Status { get; init; }

    public PhaseKind? CurrentPhase { get; init; }

    public int Iteration { get; init; }

    public DateOnly TargetDate { get; init; }

    public int Tasks { get; init; }

    public int Finished { get; init; }

    public int OpenTasks { get; init; }

    public int OverdueTasks { get; init; }

    public int BlockedTasks { get; init; }

    public int AwaitingGates { get; init; }

    public int OpenHandoffs { get; init; }

    public DateOnly? PhasePlannedEnd { get; init; }

    public ProjectHealth Health { get; init; }

    public DateOnly RefreshedOn { get; init; }
}

/// <summary>How many projects share a status, phase, iteration and health (table dashboard_portfolio).</summary>
public sealed class PortfolioCell
{
    public ProjectStatus Status { get; init; }

    /// <summary>The current phase; 0 once the project is completed.</summary>
    public int Phase { get; init; }

    public int Iteration { get; init; }

    public ProjectHealth Health { get; init; }

    public int Projects { get; init; }

    public int OpenTasks { get; init; }

    public int OverdueTasks { get; init; }

    public int AwaitingGates { get; init; }

    public int OpenHandoffs { get; init; }
}

/// <summary>A team lead and how many projects they lead (table dashboard_leads).</summary>
public sealed class DashboardLead
{
    public Guid LeadId { get; init; }

    public string Name { get; init; } = "";

    public int Projects { get; init; }
}

/// <summary>Open work of one role across active projects (table dashboard_roles).</summary>
public sealed class RoleLoad
{
    public ProjectRole Role { get; init; }

    public int OpenTasks { get; init; }

    public int UnassignedTasks { get; init; }

    /// <summary>Memberships holding the role, summed over projects.</summary>
    public int Holders { get; init; }
}

/// <summary>Open work of one role in one active project (table dashboard_project_roles), summed for a team lead's projects.</summary>
public sealed class ProjectRoleLoad
{
    public Guid ProjectId { get; init; }

    public ProjectRole Role { get; init; }

    public int OpenTasks { get; init; }

    public int UnassignedTasks { get; init; }

    public int Holders { get; init; }
}

/// <summary>Open work assigned to one person in one active project (table dashboard_project_people), summed for a team lead's projects.</summary>
public sealed class ProjectPersonLoad
{
    public Guid ProjectId { get; init; }

    public Guid PersonId { get; init; }

    public int OpenTasks { get; init; }

    public int OverdueTasks { get; init; }
}

/// <summary>Open work assigned to one person across active projects (table dashboard_people).</summary>
public sealed class PersonLoad
{
    public Guid PersonId { get; init; }

    public string Name { get; init; } = "";

    public int OpenTasks { get; init; }

    public int OverdueTasks { get; init; }
}

/// <summary>A flow metric for one period and phase (0: all phases) (table dashboard_flow).</summary>
public sealed class FlowMetric
{
    public int PeriodDays { get; init; }

    public int Phase { get; init; }

    public string Metric { get; init; } = "";

    public double? Median { get; init; }

    public double? P85 { get; init; }

    public double? Rate { get; init; }

    public int Samples { get; init; }
}

/// <summary>Phases completed in one week (table dashboard_throughput).</summary>
public sealed class WeeklyThroughput
{
    public DateOnly Week { get; init; }

    public int Phase { get; init; }

    public int Completed { get; init; }
}

public static class FlowMetrics
{
    public const string TimeInPhase = "time_in_phase";
    public const string GateDecision = "gate_decision";
    public const string HandoffWait = "handoff_wait";

    public static readonly int[] Periods = [7, 30, 90, 365];
}
