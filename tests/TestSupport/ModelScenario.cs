using DsProcess.Application.Evidence.Models.Commands.RegisterModelVersion;
using DsProcess.Domain.Common;
using DsProcess.Domain.Evidence;

namespace DsProcess.Tests;

/// <summary>A project's training and test splits, made through the domain, for tests of the model use cases.</summary>
public sealed record Splits(Guid CuratedId, Guid TrainId, Guid TestId);

public static class ModelScenario
{
    /// <summary>A curated Silver version and the training and test (hold-out) splits cut from it.</summary>
    public static Task<Splits> AddSplitsAsync(this AppFixture app, Guid projectId) => app.WithDbAsync(async db =>
    {
        var by = app.Lead.AsActor();
        var at = DateTimeOffset.UtcNow;
        var curated = Dataset.Create(projectId, "customers_silver", DataLayer.Silver, DatasetPurpose.Curated, null, by, at);
        var train = Dataset.Create(projectId, "churn_train", DataLayer.Gold, DatasetPurpose.TrainingSplit, null, by, at);
        var test = Dataset.Create(projectId, "churn_test", DataLayer.Gold, DatasetPurpose.TestSplit, null, by, at);
        var curatedV1 = DatasetVersion.Register(curated, Facts("v1"), [], null, by, at);
        var trainV1 = DatasetVersion.Register(train, Facts("v1"), [curatedV1], null, by, at);
        var testV1 = DatasetVersion.Register(test, Facts("v1"), [curatedV1], null, by, at);
        db.Datasets.AddRange(curated, train, test);
        db.DatasetVersions.AddRange(curatedV1, trainV1, testV1);
        await db.SaveChangesAsync();
        return new Splits(curatedV1.Id, trainV1.Id, testV1.Id);
    });

    /// <summary>A model version trained on the training split and evaluated on the test split, with recall on the test split.</summary>
    public static RegisterModelVersionCommand ModelVersion(Guid projectId, Splits splits, string label, double recall) => new()
    {
        ProjectId = projectId,
        Name = "Churn model",
        Label = label,
        Approach = "Gradient boosting",
        TrainedOn = [splits.TrainId],
        EvaluatedOn = [splits.TestId],
        Metrics = [new MetricInput("recall", MetricSplit.Test, recall), new MetricInput("precision", MetricSplit.Test, 0.7)],
        ArtefactUri = $"s3://models/churn/{label}",
    };

    private static DatasetVersionFacts Facts(string label) => new(label, $"s3://lake/{label}", "Parquet", 1000, 4096, null);
}
