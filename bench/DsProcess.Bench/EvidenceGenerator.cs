using DsProcess.Domain.Common;
using DsProcess.Domain.Evidence;
using DsProcess.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Bench;

/// <summary>
/// Gives one project a large body of evidence through the domain's own methods: 20 datasets across Bronze, Silver and
/// Gold with 10 versions each (200 versions, each Silver and Gold one derived from the layer below, the splits cut
/// from curated versions, every other one with quality facts) and 300 model versions trained and evaluated on the
/// splits. Deterministic for a given seed.
/// </summary>
internal static class EvidenceGenerator
{
    public const int DatasetVersions = 200;
    public const int ModelVersions = 300;

    public static async Task AddAsync(string connectionString, Guid projectId, int seed = 42)
    {
        var random = new Random(seed);
        var at = DateTimeOffset.UtcNow.AddDays(-60);
        var by = Actor.System;
        await using var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(connectionString).UseSnakeCaseNamingConvention().Options);

        (string Name, DataLayer Layer, DatasetPurpose Purpose)[] shapes =
        [
            .. Enumerable.Range(1, 6).Select(i => ($"Raw source {i}", DataLayer.Bronze, DatasetPurpose.Source)),
            .. Enumerable.Range(1, 6).Select(i => ($"Curated {i}", DataLayer.Silver, DatasetPurpose.Curated)),
            ("Training split", DataLayer.Silver, DatasetPurpose.TrainingSplit),
            ("Validation split", DataLayer.Silver, DatasetPurpose.ValidationSplit),
            ("Test split", DataLayer.Silver, DatasetPurpose.TestSplit),
            .. Enumerable.Range(1, 4).Select(i => ($"Features {i}", DataLayer.Gold, DatasetPurpose.Features)),
            ("Scored outcomes", DataLayer.Gold, DatasetPurpose.Outcomes),
        ];
        var versions = new List<DatasetVersion>();
        foreach (var (name, layer, purpose) in shapes)
        {
            var dataset = Dataset.Create(projectId, name, layer, purpose, $"{name}, generated for the benchmark", by, at);
            db.Datasets.Add(dataset);
            for (var v = 1; v <= DatasetVersions / shapes.Length; v++)
            {
                at = at.AddMinutes(10);
                IReadOnlyCollection<DatasetVersion> parents = purpose switch
                {
                    DatasetPurpose.Source => [],
                    DatasetPurpose.Curated => [Pick(versions, random, p => p.Purpose == DatasetPurpose.Source)],
                    _ when EvidenceRules.IsSplit(purpose) => [Pick(versions, random, p => p.Purpose == DatasetPurpose.Curated)],
                    _ => [Pick(versions, random, p => p.Purpose == DatasetPurpose.Curated), Pick(versions, random, p => p.Purpose == DatasetPurpose.Curated)],
                };
                var version = DatasetVersion.Register(
                    dataset,
                    new DatasetVersionFacts($"v{v}", $"s3://lake/{layer}/{name.Replace(' ', '-')}/v{v}", "Parquet", random.NextInt64(1_000, 50_000_000), random.NextInt64(1 << 20, 1L << 34), $"sha256:{random.NextInt64():x}"),
                    parents,
                    null,
                    by,
                    at);
                if (v % 2 == 0)
                {
                    version.RecordQuality(
                        [new QualityCheck("no null keys", true, 0), new QualityCheck("values in range", random.Next(4) > 0, random.Next(50))],
                        piiRemoved: true,
                        "direct identifiers dropped",
                        null,
                        [Domain.Projects.ProjectRole.DataScientist],
                        name,
                        by,
                        at);
                }

                versions.Add(version);
                db.DatasetVersions.Add(version);
            }
        }

        for (var m = 1; m <= ModelVersions; m++)
        {
            at = at.AddMinutes(5);
            var test = Pick(versions, random, p => p.Purpose == DatasetPurpose.TestSplit);
            var model = ModelVersion.Register(
                projectId,
                null,
                new ModelVersionFacts($"model-{m % 5}", $"v{m}", "gradient boosting", $"s3://models/model-{m % 5}/v{m}", null),
                [Pick(versions, random, p => p.Purpose == DatasetPurpose.TrainingSplit)],
                [test, Pick(versions, random, p => p.Purpose == DatasetPurpose.ValidationSplit)],
                [new ModelMetric("recall", MetricSplit.Test, 0.6 + (random.NextDouble() * 0.3)), new ModelMetric("precision", MetricSplit.Test, 0.5 + (random.NextDouble() * 0.4))],
                by,
                at);
            db.ModelVersions.Add(model);
        }

        await db.SaveChangesAsync();
    }

    private static DatasetVersion Pick(List<DatasetVersion> versions, Random random, Func<DatasetVersion, bool> fits)
    {
        var candidates = versions.Where(fits).ToList();
        return candidates[random.Next(candidates.Count)];
    }
}
