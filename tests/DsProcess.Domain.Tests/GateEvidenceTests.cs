using DsProcess.Domain.Activity;
using DsProcess.Domain.Common;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.Gates;
using DsProcess.Domain.Projects;

namespace DsProcess.Domain.Tests;

public sealed class GateEvidenceTests
{
    private readonly Project _project = Build.Project();
    private readonly List<Dataset> _datasets = [];
    private readonly List<DatasetVersion> _versions = [];
    private readonly List<ModelVersion> _models = [];
    private readonly List<MetricTarget> _targets = [];
    private DateTimeOffset _clock = Build.Now;

    [Fact]
    public void Data_development_needs_a_governed_silver_or_gold_version_and_says_what_the_newest_one_lacks()
    {
        Register(DataLayer.Bronze, DatasetPurpose.Source, "raw");
        Assert.Equal("no Silver or Gold dataset version yet", Criterion(PhaseKind.DataDevelopment, AutomaticCriterionKind.GovernedData).Detail);

        var clean = Register(DataLayer.Silver, DatasetPurpose.Curated, "clean");
        clean.RecordQuality([new QualityCheck("no nulls", false, 12), new QualityCheck("unique keys", true, 0)], piiRemoved: false, null, null, [], "clean", Build.Lead, Build.Now);
        var ungoverned = Criterion(PhaseKind.DataDevelopment, AutomaticCriterionKind.GovernedData);
        Assert.False(ungoverned.IsMet);
        Assert.Equal("clean v1: 1 quality check(s) failed, PII not removed, access not granted", ungoverned.Detail);
        Assert.Empty(ungoverned.Evidence);

        Govern(clean);
        var governed = Criterion(PhaseKind.DataDevelopment, AutomaticCriterionKind.GovernedData);
        Assert.True(governed.IsMet);
        Assert.Equal([new EvidenceRef(EvidenceKind.DatasetVersion, clean.Id, "clean v1")], governed.Evidence);
    }

    [Fact]
    public void A_governed_bronze_version_is_not_enough()
    {
        Govern(Register(DataLayer.Bronze, DatasetPurpose.Source, "raw"));

        Assert.False(Criterion(PhaseKind.DataDevelopment, AutomaticCriterionKind.GovernedData).IsMet);
    }

    [Fact]
    public void Data_development_needs_both_a_training_and_a_test_split()
    {
        var clean = Register(DataLayer.Silver, DatasetPurpose.Curated, "clean");
        Assert.Equal("no training split and no test split", Criterion(PhaseKind.DataDevelopment, AutomaticCriterionKind.TrainingAndTestSplits).Detail);

        var train = Register(DataLayer.Silver, DatasetPurpose.TrainingSplit, "train", clean);
        Assert.Equal("no test split", Criterion(PhaseKind.DataDevelopment, AutomaticCriterionKind.TrainingAndTestSplits).Detail);

        var test = Register(DataLayer.Silver, DatasetPurpose.TestSplit, "test", clean);
        var met = Criterion(PhaseKind.DataDevelopment, AutomaticCriterionKind.TrainingAndTestSplits);
        Assert.True(met.IsMet);
        Assert.Equal([train.Id, test.Id], met.Evidence.Select(e => e.Id));
    }

    [Fact]
    public void Model_development_needs_targets_and_a_version_on_the_hold_out_split_meeting_them()
    {
        var (train, test) = Splits();
        Assert.Equal("no metric targets set", Criterion(PhaseKind.ModelDevelopment, AutomaticCriterionKind.ModelMeetsTargets).Detail);

        _targets.Add(MetricTarget.Set(_project.Id, "recall", MetricSplit.Test, TargetDirection.AtLeast, 0.8, Build.Lead, Build.Now));
        Assert.Equal("no model version yet", Criterion(PhaseKind.ModelDevelopment, AutomaticCriterionKind.ModelMeetsTargets).Detail);

        Model("v1", [train], evaluatedOn: [train], recall: 0.95);
        Assert.Equal("no model version evaluated on a test (hold-out) split", Criterion(PhaseKind.ModelDevelopment, AutomaticCriterionKind.ModelMeetsTargets).Detail);

        Model("v2", [train], [test], recall: 0.71);
        var missed = Criterion(PhaseKind.ModelDevelopment, AutomaticCriterionKind.ModelMeetsTargets);
        Assert.False(missed.IsMet);
        Assert.Equal("churn-gbm v2 misses recall on the test (hold-out) split ≥ 0.8", missed.Detail);

        var v3 = Model("v3", [train], [test], recall: 0.84);
        var met = Criterion(PhaseKind.ModelDevelopment, AutomaticCriterionKind.ModelMeetsTargets);
        Assert.True(met.IsMet);
        Assert.Equal([new EvidenceRef(EvidenceKind.ModelVersion, v3.Id, "churn-gbm v3")], met.Evidence);
    }

    [Fact]
    public void A_retired_model_version_no_longer_meets_the_model_development_criterion()
    {
        var (train, test) = Splits();
        _targets.Add(MetricTarget.Set(_project.Id, "recall", MetricSplit.Test, TargetDirection.AtLeast, 0.8, Build.Lead, Build.Now));
        var v1 = Model("v1", [train], [test], recall: 0.9);
        Assert.True(Criterion(PhaseKind.ModelDevelopment, AutomaticCriterionKind.ModelMeetsTargets).IsMet);

        v1.MoveTo(ModelStage.Retired, "superseded", Build.Lead, Build.Now);

        Assert.False(Criterion(PhaseKind.ModelDevelopment, AutomaticCriterionKind.ModelMeetsTargets).IsMet);
    }

    [Fact]
    public void Production_deployment_needs_the_approved_version_marked_deployed()
    {
        var (train, test) = Splits();
        _targets.Add(MetricTarget.Set(_project.Id, "recall", MetricSplit.Test, TargetDirection.AtLeast, 0.8, Build.Lead, Build.Now));
        var v1 = Model("v1", [train], [test], recall: 0.9);
        Assert.Equal("no model version is approved or in production", Criterion(PhaseKind.ProductionDeployment, AutomaticCriterionKind.ModelDeployed).Detail);

        v1.MoveTo(ModelStage.Approved, "beats the baseline", Build.Lead, Build.Now);
        Assert.Equal("churn-gbm v1 is approved but not marked deployed", Criterion(PhaseKind.ProductionDeployment, AutomaticCriterionKind.ModelDeployed).Detail);

        v1.MoveTo(ModelStage.InProduction, "deployed", Build.Lead, Build.Now);
        var met = Criterion(PhaseKind.ProductionDeployment, AutomaticCriterionKind.ModelDeployed);
        Assert.True(met.IsMet);
        Assert.Equal(v1.Id, Assert.Single(met.Evidence).Id);
    }

    [Fact]
    public void Business_analysis_has_no_automatic_criteria()
    {
        Assert.Empty(GateEvidence.CriteriaOf(PhaseKind.BusinessAnalysis));
        Assert.Empty(Evaluate(PhaseKind.BusinessAnalysis));
    }

    [Theory]
    [InlineData(new[] { true }, true, true, true)]
    [InlineData(new[] { true, false }, true, true, false)]
    [InlineData(new bool[0], true, true, false)]
    [InlineData(new[] { true }, false, true, false)]
    [InlineData(new[] { true }, true, false, false)]
    public void The_governed_rule_the_database_is_asked_is_the_entity_rule(bool[] checks, bool piiRemoved, bool accessGranted, bool governed)
    {
        var version = Register(DataLayer.Silver, DatasetPurpose.Curated, "clean");
        version.RecordQuality(
            [.. checks.Select((passed, i) => new QualityCheck($"check {i}", passed, passed ? 0 : 3))],
            piiRemoved,
            piiRemoved ? "hashed" : null,
            null,
            accessGranted ? [ProjectRole.DataScientist] : [],
            "clean",
            Build.Lead,
            Build.Now);

        Assert.Equal(governed, version.IsGoverned);
        Assert.Equal(governed, GateEvidence.GovernedSilverOrGold.Compile()(version));
    }

    [Fact]
    public void Submitting_while_an_automatic_criterion_is_not_met_is_refused_naming_it()
    {
        Build.FinishRequiredTasks(_project.Phase(PhaseKind.DataDevelopment));
        var clean = Register(DataLayer.Silver, DatasetPurpose.Curated, "clean");
        Govern(clean);
        Register(DataLayer.Silver, DatasetPurpose.TrainingSplit, "train", clean);

        var refused = Assert.Throws<DomainRuleException>(() =>
            _project.SubmitGate(PhaseKind.DataDevelopment, null, Evaluate(PhaseKind.DataDevelopment), Build.Lead, Build.Now));

        Assert.Equal("The Data Development gate cannot be submitted: “Training and test (hold-out) splits are registered” is not met (no test split).", refused.Message);
        Assert.Equal(PhaseState.Active, _project.Phase(PhaseKind.DataDevelopment).State);
    }

    [Fact]
    public void A_gate_is_judged_on_its_own_automatic_criteria()
    {
        Build.FinishRequiredTasks(_project.Phase(PhaseKind.DataDevelopment));

        Assert.Throws<DomainRuleException>(() => _project.SubmitGate(PhaseKind.DataDevelopment, null, [], Build.Lead, Build.Now));
        Assert.Throws<DomainRuleException>(() =>
            _project.SubmitGate(PhaseKind.DataDevelopment, null, Build.Met(PhaseKind.ModelDevelopment), Build.Lead, Build.Now));
    }

    [Fact]
    public void The_approval_records_the_versions_it_stood_on_and_later_evidence_never_changes_that_record()
    {
        var (train, test) = Splits();
        var clean = _versions[0];
        Govern(clean);
        Build.FinishRequiredTasks(_project.Phase(PhaseKind.DataDevelopment));
        var review = _project.SubmitGate(PhaseKind.DataDevelopment, null, Evaluate(PhaseKind.DataDevelopment), Build.Lead, Build.Now);

        _project.ApproveGate(review, GateOutcome.NextPhase, Evaluate(PhaseKind.DataDevelopment), Build.Decider, Build.Now);
        EvidenceRef[] approved =
        [
            new(EvidenceKind.DatasetVersion, clean.Id, "clean v1"),
            new(EvidenceKind.DatasetVersion, train.Id, "train v1"),
            new(EvidenceKind.DatasetVersion, test.Id, "test v1"),
        ];
        Assert.Equal(approved, review.ApprovedEvidence);

        // The evidence moves on: the curated version fails a check, newer versions arrive.
        clean.RecordQuality([new QualityCheck("no nulls", false, 40)], piiRemoved: true, "hashed", null, [ProjectRole.DataScientist], "clean", Build.Lead, Build.Now);
        var clean2 = Register(DataLayer.Silver, DatasetPurpose.Curated, "clean");
        Govern(clean2);
        Register(DataLayer.Silver, DatasetPurpose.TestSplit, "test", clean2);

        Assert.Equal(approved, review.ApprovedEvidence);
        Assert.False(typeof(GateReview).GetProperty(nameof(GateReview.ApprovedEvidence))!.CanWrite);
        Assert.Throws<DomainRuleException>(() => _project.RejectGate(review, "second thoughts", Build.Decider, Build.Now));
        Assert.Equal(approved, review.ApprovedEvidence);
    }

    [Fact]
    public void Approval_is_refused_when_the_evidence_no_longer_meets_a_criterion()
    {
        var (train, test) = Splits();
        _targets.Add(MetricTarget.Set(_project.Id, "recall", MetricSplit.Test, TargetDirection.AtLeast, 0.8, Build.Lead, Build.Now));
        var v1 = Model("v1", [train], [test], recall: 0.9);
        Build.PassGate(_project, PhaseKind.DataDevelopment);
        Build.FinishRequiredTasks(_project.Phase(PhaseKind.ModelDevelopment));
        var review = _project.SubmitGate(PhaseKind.ModelDevelopment, null, Evaluate(PhaseKind.ModelDevelopment), Build.Lead, Build.Now);

        v1.MoveTo(ModelStage.Retired, "a leak in the features", Build.Lead, Build.Now);
        var refused = Assert.Throws<DomainRuleException>(() =>
            _project.ApproveGate(review, GateOutcome.NextPhase, Evaluate(PhaseKind.ModelDevelopment), Build.Decider, Build.Now));

        Assert.Contains("cannot be approved", refused.Message, StringComparison.Ordinal);
        Assert.Null(review.Decision);
        Assert.Empty(review.ApprovedEvidence);
    }

    [Fact]
    public void The_model_development_gate_can_send_the_project_back_to_data_development_as_a_new_iteration()
    {
        Build.PassGate(_project, PhaseKind.DataDevelopment);
        Build.FinishRequiredTasks(_project.Phase(PhaseKind.ModelDevelopment));
        var review = _project.SubmitGate(PhaseKind.ModelDevelopment, null, Build.Met(PhaseKind.ModelDevelopment), Build.Lead, Build.Now);
        Build.ClearActivity(_project);

        _project.SendBack(review, PhaseKind.DataDevelopment, "The data is not sufficient: two regions are missing.", Build.Decider, Build.Now);

        Assert.Equal(2, _project.Iteration);
        Assert.Equal(PhaseKind.DataDevelopment, _project.CurrentPhase);
        Assert.Equal(PhaseState.Active, _project.Phase(PhaseKind.DataDevelopment).State);
        Assert.Equal(PhaseState.NotStarted, _project.Phase(PhaseKind.ModelDevelopment).State);
        Assert.Equal(GateDecision.Rejected, review.Decision);
        Assert.Equal(GateOutcome.IterateFromDataDevelopment, review.Outcome);
        var iteration = Assert.Single(_project.PendingActivity, a => a.Kind == ActivityKind.IterationStarted);
        Assert.Equal("The data is not sufficient: two regions are missing.", iteration.Reason);
        Assert.Contains(_project.PendingActivity, a => a.Kind == ActivityKind.GateRejected && a.Reason == iteration.Reason);
    }

    [Fact]
    public void The_data_development_gate_sends_nothing_back_and_no_approval_goes_back_to_data_development()
    {
        Build.FinishRequiredTasks(_project.Phase(PhaseKind.DataDevelopment));
        var review = _project.SubmitGate(PhaseKind.DataDevelopment, null, Build.Met(PhaseKind.DataDevelopment), Build.Lead, Build.Now);

        Assert.Throws<DomainRuleException>(() => _project.SendBack(review, PhaseKind.DataDevelopment, "not sufficient", Build.Decider, Build.Now));
        Assert.Throws<DomainRuleException>(() => _project.ApproveGate(review, GateOutcome.IterateFromDataDevelopment, Build.Met(review.Phase), Build.Decider, Build.Now));
        Assert.Equal(PhaseState.AwaitingGate, _project.Phase(PhaseKind.DataDevelopment).State);
    }

    private AutomaticCriterion Criterion(PhaseKind phase, AutomaticCriterionKind kind) => Evaluate(phase).Single(c => c.Kind == kind);

    private IReadOnlyList<AutomaticCriterion> Evaluate(PhaseKind phase) =>
        GateEvidence.Evaluate(GateEvidence.CriteriaOf(phase), new ProjectEvidence(_versions, _datasets.ToDictionary(d => d.Id, d => d.Name), _models, _targets));

    private (DatasetVersion Train, DatasetVersion Test) Splits()
    {
        var clean = Register(DataLayer.Silver, DatasetPurpose.Curated, "clean");
        return (Register(DataLayer.Silver, DatasetPurpose.TrainingSplit, "train", clean), Register(DataLayer.Silver, DatasetPurpose.TestSplit, "test", clean));
    }

    private DatasetVersion Register(DataLayer layer, DatasetPurpose purpose, string name, params DatasetVersion[] parents)
    {
        var dataset = _datasets.SingleOrDefault(d => d.Name == name);
        if (dataset is null)
        {
            dataset = Dataset.Create(_project.Id, name, layer, purpose, null, Build.Lead, Build.Now);
            _datasets.Add(dataset);
        }

        _clock = _clock.AddMinutes(1);
        var label = $"v{_versions.Count(v => v.DatasetId == dataset.Id) + 1}";
        var version = DatasetVersion.Register(dataset, new DatasetVersionFacts(label, $"s3://lake/{name}/{label}", "Parquet", 10, 10, null), parents, null, Build.Lead, _clock);
        _versions.Add(version);
        return version;
    }

    private static void Govern(DatasetVersion version) =>
        version.RecordQuality([new QualityCheck("no nulls", true, 0)], piiRemoved: true, "hashed", null, [ProjectRole.DataScientist], "dataset", Build.Lead, Build.Now);

    private ModelVersion Model(string label, DatasetVersion[] trainedOn, DatasetVersion[] evaluatedOn, double recall)
    {
        _clock = _clock.AddMinutes(1);
        var model = ModelVersion.Register(
            _project.Id, null, new ModelVersionFacts("churn-gbm", label, null, null, null), trainedOn, evaluatedOn, [new ModelMetric("recall", MetricSplit.Test, recall)], Build.Lead, _clock);
        model.EvaluateAgainst(_targets);
        _models.Add(model);
        return model;
    }
}
