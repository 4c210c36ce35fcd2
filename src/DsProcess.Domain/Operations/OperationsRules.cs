using DsProcess.Domain.Evidence;
using DsProcess.Domain.Projects;

namespace DsProcess.Domain.Operations;

/// <summary>The rules of operations, defined once for the entities, the handlers and the screens.</summary>
public static class OperationsRules
{
    /// <summary>A value breaches a threshold when it does not satisfy it: below an "at least", above an "at most".</summary>
    public static bool Breaches(TargetDirection direction, double threshold, double value) =>
        !EvidenceRules.Satisfies(direction, value, threshold);

    /// <summary>
    /// The phase a rework starts from, by what went wrong: drifting data goes back to Data Development, a model that
    /// no longer performs (concept drift) to Model Development, infrastructure and security to Production Deployment.
    /// </summary>
    public static PhaseKind ReworkPhase(MonitorKind kind) => kind switch
    {
        MonitorKind.DataDrift => PhaseKind.DataDevelopment,
        MonitorKind.ModelPerformance => PhaseKind.ModelDevelopment,
        _ => PhaseKind.ProductionDeployment,
    };

    /// <summary>A live deployment serves a model version that is not retired and has not been ended.</summary>
    public static bool IsLive(DateTimeOffset? endedAt, ModelStage stage) => endedAt is null && stage != ModelStage.Retired;

    /// <summary>A time as the database keeps it: UTC, to the microsecond.</summary>
    public static DateTimeOffset AsStored(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % 10), TimeSpan.Zero);
    }

    public static string Of(DeploymentEnvironment environment) => environment.ToString();

    public static string Of(PipelineKind kind) => kind switch
    {
        PipelineKind.Data => "Data pipeline",
        PipelineKind.ML => "ML pipeline",
        _ => "DevOps pipeline",
    };

    public static string Of(MonitorKind kind) => kind switch
    {
        MonitorKind.DataDrift => "Data drift",
        MonitorKind.ModelPerformance => "Model performance",
        MonitorKind.Infrastructure => "Infrastructure",
        _ => "Security",
    };
}
