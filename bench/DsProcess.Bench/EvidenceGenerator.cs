using DsProcess.Domain.Common;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.Projects;
using DsProcess.Infrastructure.Data;

namespace DsProcess.Bench;

/// <summary>
/// Gives the timed board's project a long evidence history: 200 dataset versions through Bronze, Silver and Gold
/// with splits, 2 metric targets and 300 model versions (some retired, one in production), through the domain.
/// </summary>
internal static class EvidenceGenerator
{
    public const int DatasetVersions = 200;
    public const int ModelVersions = 300;

    public static async Task AddAsync(AppDbContext db, Guid projectId, int seed = 7)
    {
        var random = new Random(seed);
        var by = Actor.System;
        var at = DateTimeOffset.UtcNow.AddDays(-60);
        Dataset Set(string name, DataLayer layer, DatasetPurpose purpose) => Dataset.Create(projectId, name, layer, purpose, null, by, at);
        var raw = Set("raw", DataLayer.Bronze, DatasetPurpose.Source);
        var clean = Set("clean", DataLayer.Silver, DatasetPurpose.Curated);
        var features = Set("features", DataLayer.Gold, DatasetPurpose.Features);
        var splits = new[] { Set("train", DataLayer.Gold, DatasetPurpose.TrainingSplit), Set("validation", DataLayer.Gold, DatasetPurpose.ValidationSplit), Set("test", DataLayer.Gold, DatasetPurpose.TestSplit) };
        Dataset[] datasets = [raw, clean, features, .. splits];
        db.Datasets.AddRange(datasets);

        var versions = new List<DatasetVersion>();
        DatasetVersion Version(Dataset dataset, int n, params DatasetVersion[] from)
        {
            at = at.AddMinutes(5);
            var version = DatasetVersion.Register(dataset, new DatasetVersionFacts($"v{n}", $"s3://lake/{dataset.Name}/v{n}", "Parquet", 100_000, 18_000_000, null), from, null, by, at, datasets);
            versions.Add(version);
            return version;
        }

        var train = new List<DatasetVersion>();
        var test = new List<DatasetVersion>();
        for (var n = 1; versions.Count < DatasetVersions; n++)
        {
            var silver = Version(clean, n, Version(raw, n));
            silver.RecordQuality([new QualityCheck("Keys are unique", n % 5 != 0, 0)], piiRemoved: true, "hashed", null, [ProjectRole.DataScientist], clean.Name, by, at);
            var gold = Version(features, n, silver);
            train.Add(Version(splits[0], n, gold));
            Version(splits[1], n, gold);
            test.Add(Version(splits[2], n, gold));
        }

        db.DatasetVersions.AddRange(versions.Take(DatasetVersions));
        train = [.. train.Where(v => versions.IndexOf(v) < DatasetVersions)];
        test = [.. test.Where(v => versions.IndexOf(v) < DatasetVersions)];

        MetricTarget[] targets =
        [
            MetricTarget.Set(projectId, "recall", MetricSplit.Test, TargetDirection.AtLeast, 0.8, by, at),
            MetricTarget.Set(projectId, "p95 latency ms", MetricSplit.Test, TargetDirection.AtMost, 100, by, at),
        ];
        db.MetricTargets.AddRange(targets);
        for (var n = 1; n <= ModelVersions; n++)
        {
            at = at.AddMinutes(7);
            var model = ModelVersion.Register(
                projectId,
                null,
                new ModelVersionFacts($"model-{n % 3}", $"v{n}", "Gradient boosting", $"s3://models/{n}", null),
                [train[random.Next(train.Count)]],
                [test[random.Next(test.Count)]],
                [new ModelMetric("recall", MetricSplit.Test, 0.6 + (random.NextDouble() * 0.25)), new ModelMetric("p95 latency ms", MetricSplit.Test, 60 + (random.NextDouble() * 80))],
                by,
                at);
            model.EvaluateAgainst(targets);
            if (n % 4 == 0)
            {
                model.MoveTo(ModelStage.Retired, "superseded", by, at);
            }

            db.ModelVersions.Add(model);
        }

        await db.SaveChangesAsync();
    }
}
