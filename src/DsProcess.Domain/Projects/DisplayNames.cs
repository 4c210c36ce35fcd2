using DsProcess.Domain.People;

namespace DsProcess.Domain.Projects;

/// <summary>The words people read for the domain's enums.</summary>
public static class DisplayNames
{
    public static string Of(PhaseKind kind) => kind switch
    {
        PhaseKind.DataDevelopment => "Data Development",
        PhaseKind.ModelDevelopment => "Model Development",
        PhaseKind.ProductionDeployment => "Production Deployment",
        PhaseKind.BusinessAnalysis => "Business Analysis",
        _ => kind.ToString(),
    };

    public static string Of(ProjectRole role) => role switch
    {
        ProjectRole.DataEngineer => "Data engineer",
        ProjectRole.DataScientist => "Data scientist",
        ProjectRole.MLEngineer => "ML engineer",
        ProjectRole.TeamLead => "Team lead",
        ProjectRole.Viewer => "Viewer",
        _ => role.ToString(),
    };

    public static string Of(ProjectTaskStatus status) => status switch
    {
        ProjectTaskStatus.NotStarted => "Not started",
        ProjectTaskStatus.InProgress => "In progress",
        ProjectTaskStatus.Blocked => "Blocked",
        ProjectTaskStatus.Done => "Done",
        ProjectTaskStatus.NotApplicable => "Not applicable",
        _ => status.ToString(),
    };

    public static string Of(PhaseState state) => state switch
    {
        PhaseState.NotStarted => "Not started",
        PhaseState.Active => "Active",
        PhaseState.AwaitingGate => "Awaiting gate",
        PhaseState.Completed => "Completed",
        _ => state.ToString(),
    };

    public static string Of(SystemRole role) => role switch
    {
        SystemRole.TeamLead => "Team lead",
        _ => role.ToString(),
    };

    public static string Of(ProjectStatus status) => status switch
    {
        ProjectStatus.OnHold => "On hold",
        ProjectStatus.InOperation => "In operation",
        _ => status.ToString(),
    };
}
