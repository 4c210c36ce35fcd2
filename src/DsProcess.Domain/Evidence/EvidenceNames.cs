namespace DsProcess.Domain.Evidence;

/// <summary>How the evidence's enums read in the product.</summary>
public static class EvidenceNames
{
    public static string Of(DataLayer layer) => layer.ToString();

    public static string Of(DatasetPurpose purpose) => purpose switch
    {
        DatasetPurpose.Source => "Source",
        DatasetPurpose.Curated => "Curated",
        DatasetPurpose.Features => "Features",
        DatasetPurpose.TrainingSplit => "Training split",
        DatasetPurpose.ValidationSplit => "Validation split",
        DatasetPurpose.TestSplit => "Test (hold-out) split",
        DatasetPurpose.Outcomes => "Model outcomes",
        _ => purpose.ToString(),
    };

    public static string Of(MetricSplit split) => split switch
    {
        MetricSplit.Training => "training",
        MetricSplit.Validation => "validation",
        MetricSplit.Test => "test (hold-out)",
        MetricSplit.Production => "production",
        _ => split.ToString(),
    };

    public static string Of(ModelStage stage) => stage switch
    {
        ModelStage.InProduction => "In production",
        _ => stage.ToString(),
    };

    public static string Of(TargetDirection direction) => direction == TargetDirection.AtLeast ? "≥" : "≤";
}
