using DsProcess.Domain.Evidence;
using DsProcess.Domain.Projects;

namespace DsProcess.Application.Common;

/// <summary>Relative links into the app, for notifications.</summary>
public static class Links
{
    public static string Task(string projectKey, Guid taskId) => $"/projects/{projectKey}?task={taskId}";

    public static string Gate(string projectKey, PhaseKind phase) => $"/projects/{projectKey}?gate={phase}";

    public static string Data(string projectKey) => $"/projects/{projectKey}/data";

    public static string Models(string projectKey) => $"/projects/{projectKey}/models";

    public static string Kpis(string projectKey) => $"/projects/{projectKey}/kpis";

    public static string Report(string projectKey) => $"/projects/{projectKey}/report";

    /// <summary>The project report as Markdown (a download).</summary>
    public static string ReportMarkdown(string projectKey) => $"/export/projects/{projectKey}/report.md";

    public static string Lineage(string projectKey) => $"/projects/{projectKey}/lineage";

    public static string Operations(string projectKey) => $"/projects/{projectKey}/operations";

    public static string Integrations(string projectKey) => $"/projects/{projectKey}/integrations";

    /// <summary>The project's settings: details, re-planning, hold, resume and cancel (its team lead's).</summary>
    public static string Settings(string projectKey) => $"/projects/{projectKey}/settings";

    /// <summary>Where a dataset or model version is shown: the project's Data or Models page.</summary>
    public static string Evidence(string projectKey, EvidenceKind kind) => kind == EvidenceKind.DatasetVersion ? Data(projectKey) : Models(projectKey);
}
