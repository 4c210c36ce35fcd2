namespace DsProcess.Domain.Evidence;

/// <summary>How refined a dataset is: raw as ingested, cleaned and governed, business aggregates. Data only flows upward.</summary>
public enum DataLayer
{
    Bronze = 1,
    Silver = 2,
    Gold = 3,
}

/// <summary>What a dataset is for in the lifecycle.</summary>
public enum DatasetPurpose
{
    Source = 1,
    Curated = 2,
    Features = 3,
    TrainingSplit = 4,
    ValidationSplit = 5,
    TestSplit = 6,
    Outcomes = 7,
}

/// <summary>The part of the data a metric was measured on; <see cref="Test"/> is the hold-out split.</summary>
public enum MetricSplit
{
    Training = 1,
    Validation = 2,
    Test = 3,
    Production = 4,
}

/// <summary>Candidate → Approved → InProduction → Retired.</summary>
public enum ModelStage
{
    Candidate = 0,
    Approved = 1,
    InProduction = 2,
    Retired = 3,
}

/// <summary>Whether a metric must be at least (recall) or at most (latency, error) its threshold.</summary>
public enum TargetDirection
{
    AtLeast = 1,
    AtMost = 2,
}
