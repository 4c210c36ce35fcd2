using DsProcess.Domain.Projects;

namespace DsProcess.Application.Common;

/// <summary>Relative links into the app, for notifications.</summary>
public static class Links
{
    public static string Task(string projectKey, Guid taskId) => $"/projects/{projectKey}?task={taskId}";

    public static string Models(string projectKey) => $"/projects/{projectKey}/models";

    public static string Gate(string projectKey, PhaseKind phase) => $"/projects/{projectKey}?gate={phase}";
}
