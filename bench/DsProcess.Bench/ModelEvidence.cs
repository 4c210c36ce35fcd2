using DsProcess.Domain.Common;
using DsProcess.Domain.Evidence;
using DsProcess.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Bench;

/// <summary>
/// One project's evidence at the scale, made through the domain: 200 dataset versions (a curated Silver
/// dataset with 100 versions and training and test splits of 50 each, cut from them) and 300 model versions with three
/// metrics each, judged against two targets.
/// </summary>
internal static class ModelEvidence
{
    public static async Task AddAsync(string connection, Guid projectId)
    {
        await using var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(connection).UseSnakeCaseNamingConvention().Options);
        var by = Actor.System;
        var at = DateTimeOffset.UtcNow.AddDays(-300);
        var curated = Dataset.Create(projectId, "customers_silver", DataLayer.Silver, DatasetPurpose.Curated, null, by, at);
        var train = Dataset.Create(projectId, "churn_train", DataLayer.Gold, DatasetPurpose.TrainingSplit, null, by, at);
        var test = Dataset.Create(projectId, "churn_test", DataLayer.Gold, DatasetPurpose.TestSplit, null, by, at);
        db.Datasets.AddRange(curated, train, test);
        var curatedVersions = Enumerable.Range(1, 100).Select(i => DatasetVersion.Register(curated, Facts(i), [], null, by, at.AddHours(i))).ToList();
        var trainVersions = Enumerable.Range(1, 50).Select(i => DatasetVersion.Register(train, Facts(i), [curatedVersions[(i * 2) - 1]], null, by, at.AddHours(100 + i))).ToList();
        var testVersions = Enumerable.Range(1, 50).Select(i => DatasetVersion.Register(test, Facts(i), [curatedVersions[(i * 2) - 1]], null, by, at.AddHours(100 + i))).ToList();
        db.DatasetVersions.AddRange([.. curatedVersions, .. trainVersions, .. testVersions]);
        List<MetricTarget> targets =
        [
            MetricTarget.Set(projectId, "recall", MetricSplit.Test, TargetDirection.AtLeast, 0.8, by, at),
            MetricTarget.Set(projectId, "latency_p95_ms", MetricSplit.Production, TargetDirection.AtMost, 100, by, at),
        ];
        db.MetricTargets.AddRange(targets);
        for (var i = 0; i < 300; i++)
        {
            var model = ModelVersion.Register(
                projectId,
                null,
                new ModelVersionFacts("Churn model", $"v{i + 1}", "Gradient boosting", $"s3://models/churn/v{i + 1}", null),
                [trainVersions[i % 50]],
                [testVersions[i % 50]],
                [
                    new ModelMetric("recall", MetricSplit.Test, 0.6 + (0.3 * i / 300.0)),
                    new ModelMetric("precision", MetricSplit.Test, 0.7),
                    new ModelMetric("latency_p95_ms", MetricSplit.Production, 140 - (i / 5.0)),
                ],
                by,
                at.AddHours(200 + i));
            model.EvaluateAgainst(targets);
            db.ModelVersions.Add(model);
        }

        await db.SaveChangesAsync();
    }

    private static DatasetVersionFacts Facts(int i) => new($"v{i}", $"s3://lake/v{i}", "Parquet", 1_000_000 + i, 64_000_000, null);
}
