using DsProcess.Domain.Common;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.Projects;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Tests;

/// <summary>A project's evidence arranged directly through the domain and the context (its use cases are tested elsewhere).</summary>
public static class EvidenceScenario
{
    private static Actor Registrar(AppFixture app) => app.Lead.AsActor();

    /// <summary>Evidence meeting every automatic gate criterion: governed Silver data, splits, a target, a model version meeting it, deployed.</summary>
    public static async Task AddCompleteEvidenceAsync(this AppFixture app, Guid projectId)
    {
        await app.AddGovernedDataAsync(projectId);
        await app.AddTargetAsync(projectId, "recall", 0.8);
        var model = await app.AddModelAsync(projectId, "v1", recall: 0.9);
        await app.WithDbAsync(async db =>
        {
            var version = await db.ModelVersions.SingleAsync(m => m.Id == model);
            version.MoveTo(ModelStage.Approved, "Meets its targets", Registrar(app), DateTimeOffset.UtcNow);
            version.MoveTo(ModelStage.InProduction, "Deployed", Registrar(app), DateTimeOffset.UtcNow);
            return await db.SaveChangesAsync();
        });
    }

    /// <summary>A governed Silver version "customers-clean v1" and training and test splits cut from it; returns their ids (curated, training, test).</summary>
    public static Task<(Guid Curated, Guid Training, Guid Test)> AddGovernedDataAsync(this AppFixture app, Guid projectId, bool withTestSplit = true) =>
        app.WithDbAsync(async db =>
        {
            var (by, at) = (Registrar(app), DateTimeOffset.UtcNow);
            var curatedSet = Dataset.Create(projectId, "customers-clean", DataLayer.Silver, DatasetPurpose.Curated, null, by, at);
            var curated = DatasetVersion.Register(curatedSet, Facts("v1"), [], null, by, at);
            curated.RecordQuality([new QualityCheck("Keys are unique", true, 0)], piiRemoved: true, "e-mail hashed", null, [ProjectRole.DataScientist], curatedSet.Name, by, at);
            var trainSet = Dataset.Create(projectId, "customers-train", DataLayer.Silver, DatasetPurpose.TrainingSplit, null, by, at);
            var train = DatasetVersion.Register(trainSet, Facts("v1"), [curated], null, by, at);
            db.Datasets.AddRange(curatedSet, trainSet);
            db.DatasetVersions.AddRange(curated, train);
            var test = Guid.Empty;
            if (withTestSplit)
            {
                var testSet = Dataset.Create(projectId, "customers-test", DataLayer.Silver, DatasetPurpose.TestSplit, null, by, at);
                var testVersion = DatasetVersion.Register(testSet, Facts("v1"), [curated], null, by, at);
                db.Datasets.Add(testSet);
                db.DatasetVersions.Add(testVersion);
                test = testVersion.Id;
            }

            await db.SaveChangesAsync();
            return (curated.Id, train.Id, test);
        });

    public static Task<Guid> AddTargetAsync(this AppFixture app, Guid projectId, string metric, double atLeast) =>
        app.WithDbAsync(async db =>
        {
            var target = MetricTarget.Set(projectId, metric, MetricSplit.Test, TargetDirection.AtLeast, atLeast, Registrar(app), DateTimeOffset.UtcNow);
            db.MetricTargets.Add(target);
            var targets = await db.MetricTargets.Where(t => t.ProjectId == projectId).ToListAsync();
            foreach (var model in await db.ModelVersions.Where(m => m.ProjectId == projectId).ToListAsync())
            {
                model.EvaluateAgainst([.. targets, target]);
            }

            await db.SaveChangesAsync();
            return target.Id;
        });

    /// <summary>A model version "churn-gbm {label}" with its recall on the test split, evaluated on the project's test split, judged against the targets.</summary>
    public static Task<Guid> AddModelAsync(this AppFixture app, Guid projectId, string label, double recall, bool onHoldOut = true) =>
        app.WithDbAsync(async db =>
        {
            var splits = await db.DatasetVersions.Where(v => v.ProjectId == projectId && (v.Purpose == DatasetPurpose.TestSplit || v.Purpose == DatasetPurpose.TrainingSplit)).ToListAsync();
            var model = ModelVersion.Register(
                projectId,
                null,
                new ModelVersionFacts("churn-gbm", label, "Gradient boosting", null, null),
                [.. splits.Where(v => v.Purpose == DatasetPurpose.TrainingSplit)],
                onHoldOut ? [.. splits.Where(v => v.Purpose == DatasetPurpose.TestSplit)] : [],
                [new ModelMetric("recall", MetricSplit.Test, recall)],
                Registrar(app),
                DateTimeOffset.UtcNow);
            model.EvaluateAgainst(await db.MetricTargets.Where(t => t.ProjectId == projectId).ToListAsync());
            db.ModelVersions.Add(model);
            await db.SaveChangesAsync();
            return model.Id;
        });

    private static DatasetVersionFacts Facts(string label) => new(label, $"s3://lake/{label}", "Parquet", 1000, 4096, null);
}
