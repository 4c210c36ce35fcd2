using DsProcess.Domain.Activity;
using DsProcess.Domain.Common;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.Projects;

namespace DsProcess.Domain.Tests;

public sealed class EvidenceTests
{
    private static readonly Guid ProjectId = Guid.NewGuid();

    [Fact]
    public void Data_flows_upward_a_version_never_derives_from_a_higher_layer()
    {
        var bronze = Version(DataLayer.Bronze, DatasetPurpose.Source, "raw");
        var silver = Version(DataLayer.Silver, DatasetPurpose.Curated, "clean", bronze);
        var gold = Version(DataLayer.Gold, DatasetPurpose.Features, "features", silver);

        var upward = Assert.Throws<DomainRuleException>(() => Version(DataLayer.Silver, DatasetPurpose.Curated, "back", gold));

        Assert.Equal([bronze.Id], silver.DerivedFrom);
        Assert.Equal([silver.Id], gold.DerivedFrom);
        Assert.Contains("data flows Bronze → Silver → Gold", upward.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lineage_stays_within_a_project()
    {
        var foreign = DatasetVersion.Register(
            Dataset.Create(Guid.NewGuid(), "elsewhere", DataLayer.Bronze, DatasetPurpose.Source, null, Build.Lead, Build.Now),
            Facts("v1"), [], null, Build.Lead, Build.Now);

        var refused = Assert.Throws<DomainRuleException>(() => Version(DataLayer.Silver, DatasetPurpose.Curated, "clean", foreign));
        Assert.Contains("another project", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_registration_entry_names_each_parent_by_its_dataset_and_label()
    {
        var customers = Dataset.Create(ProjectId, "Customers", DataLayer.Silver, DatasetPurpose.Curated, null, Build.Lead, Build.Now);
        var events = Dataset.Create(ProjectId, "Events", DataLayer.Silver, DatasetPurpose.Curated, null, Build.Lead, Build.Now);
        var features = Dataset.Create(ProjectId, "Features", DataLayer.Gold, DatasetPurpose.Features, null, Build.Lead, Build.Now);
        var customersV1 = DatasetVersion.Register(customers, Facts("v1"), [], null, Build.Lead, Build.Now);
        var eventsV1 = DatasetVersion.Register(events, Facts("v1"), [], null, Build.Lead, Build.Now);
        var featuresV1 = DatasetVersion.Register(features, Facts("v1"), [], null, Build.Lead, Build.Now);

        var featuresV2 = DatasetVersion.Register(
            features, Facts("v2"), [customersV1, eventsV1, featuresV1], null, Build.Lead, Build.Now, [customers, events]);

        var entry = Assert.Single(featuresV2.PendingActivity);
        Assert.Equal("Customers v1, Events v1, Features v1", entry.From);
        Assert.Equal("Features v2", entry.Subject);
    }

    [Fact]
    public void A_versions_location_and_profile_link_are_kept_without_surrounding_spaces()
    {
        var dataset = Dataset.Create(ProjectId, "Customers", DataLayer.Silver, DatasetPurpose.Curated, null, Build.Lead, Build.Now);
        var version = DatasetVersion.Register(dataset, Facts("v1") with { Location = "  s3://lake/customers/v1 \n" }, [], null, Build.Lead, Build.Now);

        version.RecordQuality([], piiRemoved: false, null, " https://profiles.example/customers ", [], dataset.Name, Build.Lead, Build.Now);
        Assert.Equal("s3://lake/customers/v1", version.Location);
        Assert.Equal("https://profiles.example/customers", version.ProfileLink);

        version.RecordQuality([], piiRemoved: false, null, "   ", [], dataset.Name, Build.Lead, Build.Now);
        Assert.Equal("", version.ProfileLink);
    }

    [Fact]
    public void A_split_is_cut_from_a_curated_or_feature_version()
    {
        var raw = Version(DataLayer.Bronze, DatasetPurpose.Source, "raw");
        var curated = Version(DataLayer.Silver, DatasetPurpose.Curated, "curated", raw);

        Assert.Throws<DomainRuleException>(() => Version(DataLayer.Silver, DatasetPurpose.TestSplit, "test", raw));
        var test = Version(DataLayer.Silver, DatasetPurpose.TestSplit, "test", curated);

        Assert.Equal(DatasetPurpose.TestSplit, test.Purpose);
        Assert.Equal(ActivityKind.DatasetVersionRegistered, Assert.Single(test.PendingActivity).Kind);
    }

    [Fact]
    public void A_version_is_governed_once_every_check_passed_pii_is_removed_and_access_is_granted()
    {
        var silver = Version(DataLayer.Silver, DatasetPurpose.Curated, "clean");
        Assert.False(silver.IsGoverned);

        silver.RecordQuality([new QualityCheck("no nulls in id", true, 0)], piiRemoved: true, "e-mail hashed", null, [ProjectRole.DataScientist], "customers", Build.Lead, Build.Now);
        Assert.True(silver.IsGoverned);

        silver.RecordQuality([new QualityCheck("no nulls in id", false, 12)], piiRemoved: true, "e-mail hashed", null, [ProjectRole.DataScientist], "customers", Build.Lead, Build.Now);
        Assert.False(silver.IsGoverned);
        Assert.Throws<DomainRuleException>(() =>
            silver.RecordQuality([], piiRemoved: true, piiMethod: " ", null, [], "customers", Build.Lead, Build.Now));
    }

    [Theory]
    [InlineData(TargetDirection.AtLeast, 0.80, 0.81, TargetResult.Met)]
    [InlineData(TargetDirection.AtLeast, 0.80, 0.80, TargetResult.Met)]
    [InlineData(TargetDirection.AtLeast, 0.80, 0.79, TargetResult.NotMet)]
    [InlineData(TargetDirection.AtMost, 100, 99, TargetResult.Met)]
    [InlineData(TargetDirection.AtMost, 100, 100, TargetResult.Met)]
    [InlineData(TargetDirection.AtMost, 100, 101, TargetResult.NotMet)]
    public void A_target_is_met_at_or_beyond_its_threshold_in_its_direction(TargetDirection direction, double threshold, double value, TargetResult expected)
    {
        var target = MetricTarget.Set(ProjectId, "Recall", MetricSplit.Test, direction, threshold, Build.Lead, Build.Now);

        Assert.Equal(expected, target.EvaluateFor([new ModelMetric(" recall ", MetricSplit.Test, value)]));
    }

    [Fact]
    public void A_missing_metric_or_one_on_another_split_does_not_meet_a_target()
    {
        var target = MetricTarget.Set(ProjectId, "recall", MetricSplit.Test, TargetDirection.AtLeast, 0.8, Build.Lead, Build.Now);

        Assert.Equal(TargetResult.Missing, target.EvaluateFor([]));
        Assert.Equal(TargetResult.Missing, target.EvaluateFor([new ModelMetric("recall", MetricSplit.Validation, 0.9)]));
        Assert.False(EvidenceRules.MeetsAll([target], [new ModelMetric("recall", MetricSplit.Validation, 0.9)]));
        Assert.False(EvidenceRules.MeetsAll([], [new ModelMetric("recall", MetricSplit.Test, 0.9)]));
        Assert.True(EvidenceRules.MeetsAll([target], [new ModelMetric("recall", MetricSplit.Test, 0.9)]));
    }

    [Fact]
    public void A_model_version_meets_its_targets_only_when_it_meets_every_one()
    {
        var model = Model("v1", [], [], new ModelMetric("recall", MetricSplit.Test, 0.82), new ModelMetric("p95 latency ms", MetricSplit.Test, 140));
        var recall = MetricTarget.Set(ProjectId, "recall", MetricSplit.Test, TargetDirection.AtLeast, 0.8, Build.Lead, Build.Now);
        var latency = MetricTarget.Set(ProjectId, "p95 latency ms", MetricSplit.Test, TargetDirection.AtMost, 100, Build.Lead, Build.Now);

        Assert.False(model.EvaluateAgainst([]));
        Assert.True(model.EvaluateAgainst([recall]));
        Assert.False(model.EvaluateAgainst([recall, latency]));
        Assert.False(model.MeetsTargets);
        Assert.Throws<DomainRuleException>(() =>
            model.EvaluateAgainst([MetricTarget.Set(Guid.NewGuid(), "recall", MetricSplit.Test, TargetDirection.AtLeast, 0.5, Build.Lead, Build.Now)]));
    }

    [Fact]
    public void A_model_version_knows_whether_it_was_evaluated_on_a_hold_out_split()
    {
        var curated = Version(DataLayer.Silver, DatasetPurpose.Curated, "curated");
        var train = Version(DataLayer.Silver, DatasetPurpose.TrainingSplit, "train", curated);
        var test = Version(DataLayer.Silver, DatasetPurpose.TestSplit, "test", curated);

        var onValidation = Model("v1", [train], [train]);
        var onHoldOut = Model("v2", [train], [test]);

        Assert.False(onValidation.EvaluatedOnHoldOut);
        Assert.True(onHoldOut.EvaluatedOnHoldOut);
        Assert.Equal(ModelStage.Candidate, onHoldOut.Stage);
    }

    [Fact]
    public void A_metric_is_given_once_per_split_with_a_finite_value()
    {
        Assert.Throws<DomainRuleException>(() => Model("v1", [], [], new ModelMetric("recall", MetricSplit.Test, 0.8), new ModelMetric("Recall", MetricSplit.Test, 0.7)));
        Assert.Throws<DomainRuleException>(() => Model("v1", [], [], new ModelMetric("recall", MetricSplit.Test, double.NaN)));
        Assert.Equal(2, Model("v1", [], [], new ModelMetric("recall", MetricSplit.Test, 0.8), new ModelMetric("recall", MetricSplit.Validation, 0.7)).Metrics.Count);
    }

    [Theory]
    [InlineData(ModelStage.Candidate, ModelStage.Approved, true)]
    [InlineData(ModelStage.Candidate, ModelStage.InProduction, false)]
    [InlineData(ModelStage.Candidate, ModelStage.Retired, true)]
    [InlineData(ModelStage.Approved, ModelStage.InProduction, true)]
    [InlineData(ModelStage.Approved, ModelStage.Candidate, true)]
    [InlineData(ModelStage.InProduction, ModelStage.Approved, false)]
    [InlineData(ModelStage.InProduction, ModelStage.Retired, true)]
    [InlineData(ModelStage.Retired, ModelStage.Candidate, false)]
    public void Model_stages_move_only_forward_except_an_approval_taken_back(ModelStage from, ModelStage to, bool legal)
    {
        var model = Model("v1", [], []);
        foreach (var step in PathTo(from))
        {
            model.MoveTo(step, "on the way", Build.Lead, Build.Now);
        }

        if (legal)
        {
            model.MoveTo(to, "reviewed", Build.Lead, Build.Now);
            Assert.Equal(to, model.Stage);
            Assert.Equal(ActivityKind.ModelStageChanged, model.PendingActivity[^1].Kind);
        }
        else
        {
            Assert.Throws<DomainRuleException>(() => model.MoveTo(to, "reviewed", Build.Lead, Build.Now));
            Assert.Equal(from, model.Stage);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_stage_move_without_a_reason_is_refused_and_nothing_changes(string? reason)
    {
        var model = Model("v1", [], []);
        var logged = model.PendingActivity.Count;

        var refused = Assert.Throws<DomainRuleException>(() => model.MoveTo(ModelStage.Approved, reason!, Build.Lead, Build.Now));

        Assert.Contains("reason", refused.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(ModelStage.Candidate, model.Stage);
        Assert.Equal(logged, model.PendingActivity.Count);
        model.MoveTo(ModelStage.Approved, "  Beats the baseline ", Build.Lead, Build.Now);
        Assert.Equal("Beats the baseline", model.PendingActivity[^1].Reason);
    }

    private static IEnumerable<ModelStage> PathTo(ModelStage stage) => stage switch
    {
        ModelStage.Approved => [ModelStage.Approved],
        ModelStage.InProduction => [ModelStage.Approved, ModelStage.InProduction],
        ModelStage.Retired => [ModelStage.Retired],
        _ => [],
    };

    private static DatasetVersionFacts Facts(string label) => new(label, $"s3://lake/{label}", "parquet", 1000, 4096, "sha256:abc");

    private static DatasetVersion Version(DataLayer layer, DatasetPurpose purpose, string label, params DatasetVersion[] parents) =>
        DatasetVersion.Register(
            Dataset.Create(ProjectId, $"{label} data", layer, purpose, null, Build.Lead, Build.Now),
            Facts(label),
            parents,
            null,
            Build.Lead,
            Build.Now);

    private static ModelVersion Model(string label, DatasetVersion[] trainedOn, DatasetVersion[] evaluatedOn, params ModelMetric[] metrics) =>
        ModelVersion.Register(ProjectId, null, new ModelVersionFacts("churn-gbm", label, "gradient boosting", null, null), trainedOn, evaluatedOn, metrics, Build.Lead, Build.Now);
}
