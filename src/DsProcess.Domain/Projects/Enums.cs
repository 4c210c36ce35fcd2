namespace DsProcess.Domain.Projects;

/// <summary>The four phases of the data-science lifecycle, in order.</summary>
public enum PhaseKind
{
    DataDevelopment = 1,
    ModelDevelopment = 2,
    ProductionDeployment = 3,
    BusinessAnalysis = 4,
}

public enum PhaseState
{
    NotStarted = 0,
    Active = 1,
    AwaitingGate = 2,
    Completed = 3,
}

public enum ProjectStatus
{
    Active = 0,
    OnHold = 1,
    Completed = 2,
    Cancelled = 3,

    /// <summary>The lifecycle is complete and a model version is live in production, until it is retired.</summary>
    InOperation = 4,
}

public enum ProjectTaskStatus
{
    NotStarted = 0,
    InProgress = 1,
    Blocked = 2,
    Done = 3,
    NotApplicable = 4,
}

/// <summary>A role a person holds in a project; the first three are the working roles that own tasks.</summary>
public enum ProjectRole
{
    DataEngineer = 1,
    DataScientist = 2,
    MLEngineer = 3,
    TeamLead = 4,
    Viewer = 5,
}
