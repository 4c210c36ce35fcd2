namespace DsProcess.Domain.Operations;

/// <summary>Where a model version is served.</summary>
public enum DeploymentEnvironment
{
    Development = 1,
    Test = 2,
    Production = 3,
}

/// <summary>The three pipelines a deployed project ends with: data (ETL/ELT), ML (training and scoring), DevOps (infrastructure as code).</summary>
public enum PipelineKind
{
    Data = 1,
    ML = 2,
    DevOps = 3,
}

public enum PipelineState
{
    Succeeded = 1,
    Failed = 2,
    Running = 3,
}

/// <summary>What a monitor watches on a deployed model version.</summary>
public enum MonitorKind
{
    DataDrift = 1,

    /// <summary>Model performance falling off: concept drift.</summary>
    ModelPerformance = 2,
    Infrastructure = 3,
    Security = 4,
}

public enum AlertSeverity
{
    Info = 1,
    Warning = 2,
    Critical = 3,
}

/// <summary>What the team decided about an alert; <see cref="None"/> until someone triages it.</summary>
public enum AlertTriage
{
    None = 0,
    Dismissed = 1,
    ReworkOpened = 2,
}

/// <summary>Why an alert's episode ended.</summary>
public enum AlertClosure
{
    /// <summary>A signal no longer breached the threshold.</summary>
    Recovered = 1,

    /// <summary>The monitor was removed while its alert was open.</summary>
    MonitorRemoved = 2,
}
