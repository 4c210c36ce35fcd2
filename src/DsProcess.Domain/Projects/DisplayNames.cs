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
        _ => CustomRoles.NameOf(role) ?? $"Role {(int)role}",
    };

    /// <summary>What a built-in role does on a project, in a sentence.</summary>
    public static string Describe(ProjectRole role) => role switch
    {
        ProjectRole.DataEngineer => "Lands, cleans and governs the data, and builds its pipelines.",
        ProjectRole.DataScientist => "Explores the data, builds and evaluates the models, and reports their outcomes.",
        ProjectRole.MLEngineer => "Takes models to production and keeps them running.",
        ProjectRole.TeamLead => "Plans the project, staffs its team and decides its gates.",
        ProjectRole.Viewer => "Reads the project without changing it.",
        _ => "",
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
