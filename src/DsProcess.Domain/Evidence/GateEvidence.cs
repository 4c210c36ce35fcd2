using System.Linq.Expressions;
using DsProcess.Domain.Projects;

namespace DsProcess.Domain.Evidence;

public enum EvidenceKind
{
    DatasetVersion = 1,
    ModelVersion = 2,
}

/// <summary>A dataset or model version named by a gate decision or a handoff, with the label it had then.</summary>
public sealed record EvidenceRef(EvidenceKind Kind, Guid Id, string Label);

/// <summary>The gate criteria evaluated from the project's evidence rather than ticked by someone.</summary>
public enum AutomaticCriterionKind
{
    /// <summary>Data Development: a Silver or Gold version with every quality check passed, PII removed, access granted.</summary>
    GovernedData = 1,

    /// <summary>Data Development: a training split and a test (hold-out) split are registered.</summary>
    TrainingAndTestSplits = 2,

    /// <summary>Model Development: a model version evaluated on a hold-out split meets every metric target.</summary>
    ModelMeetsTargets = 3,

    /// <summary>Production Deployment: the approved model version is marked deployed (in production).</summary>
    ModelDeployed = 4,
}

/// <summary>One automatic criterion as it stands now: met or not, the versions behind it, or what is missing.</summary>
public sealed record AutomaticCriterion(AutomaticCriterionKind Kind, string Text, bool IsMet, string Detail, IReadOnlyList<EvidenceRef> Evidence);

/// <summary>
/// The automatic gate criteria, defined once: as expressions, so that the board asks the database the same
/// question in SQL, and as <see cref="Evaluate"/>, which explains each criterion from the project's evidence.
/// </summary>
public static class GateEvidence
{
    /// <summary>How many satisfying versions a criterion names at most (newest first); the rest are on the Data and Models pages.</summary>
    public const int NamedVersions = 3;

    /// <summary>Silver or Gold with every quality check (at least one) passed, PII removed and access granted (<see cref="EvidenceRules.IsGoverned"/>).</summary>
    public static readonly Expression<Func<DatasetVersion, bool>> GovernedSilverOrGold = v =>
        v.Layer >= DataLayer.Silver && v.Checks.Count > 0 && v.Checks.All(c => c.Passed) && v.PiiRemoved && v.AccessGrantedTo.Count > 0;

    public static readonly Expression<Func<DatasetVersion, bool>> TrainingSplit = v => v.Purpose == DatasetPurpose.TrainingSplit;

    public static readonly Expression<Func<DatasetVersion, bool>> TestSplit = v => v.Purpose == DatasetPurpose.TestSplit;

    /// <summary>A version still in play (<see cref="ModelVersion.IsInPlay"/>, said again here for SQL), evaluated on a hold-out split, meeting every target.</summary>
    public static readonly Expression<Func<ModelVersion, bool>> MeetsTargetsOnHoldOut = m =>
        m.Stage != ModelStage.Retired && m.EvaluatedOnHoldOut && m.MeetsTargets;

    public static readonly Expression<Func<ModelVersion, bool>> Deployed = m => m.Stage == ModelStage.InProduction;

    private static readonly Func<DatasetVersion, bool> IsGovernedSilverOrGold = GovernedSilverOrGold.Compile();
    private static readonly Func<DatasetVersion, bool> IsTrainingSplit = TrainingSplit.Compile();
    private static readonly Func<DatasetVersion, bool> IsTestSplit = TestSplit.Compile();
    private static readonly Func<ModelVersion, bool> IsMeetingTargetsOnHoldOut = MeetsTargetsOnHoldOut.Compile();
    private static readonly Func<ModelVersion, bool> IsDeployed = Deployed.Compile();

    /// <summary>The usual automatic criteria of a phase's gate (none for Business Analysis); a playbook may choose others.</summary>
    public static IReadOnlyList<AutomaticCriterionKind> CriteriaOf(PhaseKind phase) => phase switch
    {
        PhaseKind.DataDevelopment => [AutomaticCriterionKind.GovernedData, AutomaticCriterionKind.TrainingAndTestSplits],
        PhaseKind.ModelDevelopment => [AutomaticCriterionKind.ModelMeetsTargets],
        PhaseKind.ProductionDeployment => [AutomaticCriterionKind.ModelDeployed],
        _ => [],
    };

    /// <summary>What a criterion is judged on: dataset versions (the Data page) or model versions (the Models page).</summary>
    public static EvidenceKind Reads(AutomaticCriterionKind kind) =>
        kind is AutomaticCriterionKind.GovernedData or AutomaticCriterionKind.TrainingAndTestSplits ? EvidenceKind.DatasetVersion : EvidenceKind.ModelVersion;

    public static string TextOf(AutomaticCriterionKind kind) => kind switch
    {
        AutomaticCriterionKind.GovernedData => "A Silver or Gold dataset version passed its quality checks, with PII removed and access granted",
        AutomaticCriterionKind.TrainingAndTestSplits => "Training and test (hold-out) splits are registered",
        AutomaticCriterionKind.ModelMeetsTargets => "A model version evaluated on the hold-out split meets every metric target",
        AutomaticCriterionKind.ModelDeployed => "The approved model version is deployed (in production)",
        _ => kind.ToString(),
    };

    /// <summary>Evaluates a gate's automatic criteria from the project's evidence, each with the versions behind it or what is missing.</summary>
    public static IReadOnlyList<AutomaticCriterion> Evaluate(IEnumerable<AutomaticCriterionKind> criteria, ProjectEvidence evidence) =>
        [.. criteria.Select(kind => kind switch
        {
            AutomaticCriterionKind.GovernedData => GovernedData(evidence),
            AutomaticCriterionKind.TrainingAndTestSplits => Splits(evidence),
            AutomaticCriterionKind.ModelMeetsTargets => ModelMeetsTargets(evidence),
            _ => ModelDeployed(evidence),
        })];

    /// <summary>The first automatic criterion of the phase that is not met, with why; null when all are met.</summary>
    public static AutomaticCriterion? FirstUnmet(IEnumerable<AutomaticCriterion> criteria) => criteria.FirstOrDefault(c => !c.IsMet);

    private static AutomaticCriterion GovernedData(ProjectEvidence evidence)
    {
        var governed = evidence.Newest(evidence.Datasets.Where(IsGovernedSilverOrGold));
        if (governed.Count > 0)
        {
            return Met(AutomaticCriterionKind.GovernedData, governed.Select(evidence.Ref).ToList());
        }

        var newest = evidence.Newest(evidence.Datasets.Where(v => v.Layer >= DataLayer.Silver)).FirstOrDefault();
        var missing = newest is null
            ? "no Silver or Gold dataset version yet"
            : $"{evidence.NameOf(newest)}: {string.Join(", ", WhyNotGoverned(newest))}";
        return NotMet(AutomaticCriterionKind.GovernedData, missing);
    }

    private static AutomaticCriterion Splits(ProjectEvidence evidence)
    {
        var training = evidence.Newest(evidence.Datasets.Where(IsTrainingSplit)).FirstOrDefault();
        var test = evidence.Newest(evidence.Datasets.Where(IsTestSplit)).FirstOrDefault();
        return (training, test) switch
        {
            ({ } train, { } hold) => Met(AutomaticCriterionKind.TrainingAndTestSplits, [evidence.Ref(train), evidence.Ref(hold)]),
            (null, null) => NotMet(AutomaticCriterionKind.TrainingAndTestSplits, "no training split and no test split"),
            (null, _) => NotMet(AutomaticCriterionKind.TrainingAndTestSplits, "no training split"),
            _ => NotMet(AutomaticCriterionKind.TrainingAndTestSplits, "no test split"),
        };
    }

    private static AutomaticCriterion ModelMeetsTargets(ProjectEvidence evidence)
    {
        var meeting = evidence.Newest(evidence.Models.Where(IsMeetingTargetsOnHoldOut));
        if (meeting.Count > 0)
        {
            return Met(AutomaticCriterionKind.ModelMeetsTargets, meeting.Select(ProjectEvidence.Ref).ToList());
        }

        if (evidence.Targets.Count == 0)
        {
            return NotMet(AutomaticCriterionKind.ModelMeetsTargets, "no metric targets set");
        }

        var inPlay = evidence.Models.Where(m => m.IsInPlay).ToList();
        var onHoldOut = evidence.Newest(inPlay.Where(m => m.EvaluatedOnHoldOut)).FirstOrDefault();
        if (onHoldOut is null)
        {
            return NotMet(AutomaticCriterionKind.ModelMeetsTargets, inPlay.Count == 0
                ? "no model version yet"
                : "no model version evaluated on a test (hold-out) split");
        }

        var missed = evidence.Targets
            .Select(t => (Target: t, Result: t.EvaluateFor(onHoldOut.Metrics)))
            .Where(r => r.Result != TargetResult.Met)
            .Select(r => r.Result == TargetResult.Missing ? $"has no {r.Target.Describe()}" : $"misses {r.Target.Describe()}");
        return NotMet(AutomaticCriterionKind.ModelMeetsTargets, $"{onHoldOut.DisplayName} {string.Join("; ", missed)}");
    }

    private static AutomaticCriterion ModelDeployed(ProjectEvidence evidence)
    {
        var deployed = evidence.Newest(evidence.Models.Where(IsDeployed));
        if (deployed.Count > 0)
        {
            return Met(AutomaticCriterionKind.ModelDeployed, deployed.Select(ProjectEvidence.Ref).ToList());
        }

        var approved = evidence.Newest(evidence.Models.Where(m => m.Stage == ModelStage.Approved)).FirstOrDefault();
        return NotMet(AutomaticCriterionKind.ModelDeployed, approved is null
            ? "no model version is approved or in production"
            : $"{approved.DisplayName} is approved but not marked deployed");
    }

    private static IEnumerable<string> WhyNotGoverned(DatasetVersion version)
    {
        if (version.Checks.Count == 0)
        {
            yield return "no quality checks recorded";
        }
        else if (version.Checks.Count(c => !c.Passed) is > 0 and var failed)
        {
            yield return $"{failed} quality check(s) failed";
        }

        if (!version.PiiRemoved)
        {
            yield return "PII not removed";
        }

        if (version.AccessGrantedTo.Count == 0)
        {
            yield return "access not granted";
        }
    }

    private static AutomaticCriterion Met(AutomaticCriterionKind kind, IReadOnlyList<EvidenceRef> evidence) =>
        new(kind, TextOf(kind), true, string.Join(", ", evidence.Select(e => e.Label)), evidence);

    private static AutomaticCriterion NotMet(AutomaticCriterionKind kind, string missing) => new(kind, TextOf(kind), false, missing, []);
}

/// <summary>A project's evidence as the automatic gate criteria read it.</summary>
public sealed class ProjectEvidence(
    IReadOnlyCollection<DatasetVersion> datasets,
    IReadOnlyDictionary<Guid, string> datasetNames,
    IReadOnlyCollection<ModelVersion> models,
    IReadOnlyCollection<MetricTarget> targets)
{
    public IReadOnlyCollection<DatasetVersion> Datasets { get; } = datasets;

    public IReadOnlyCollection<ModelVersion> Models { get; } = models;

    public IReadOnlyCollection<MetricTarget> Targets { get; } = targets;

    public string NameOf(DatasetVersion version) => $"{datasetNames.GetValueOrDefault(version.DatasetId, "dataset")} {version.Label}";

    public EvidenceRef Ref(DatasetVersion version) => new(EvidenceKind.DatasetVersion, version.Id, NameOf(version));

    public static EvidenceRef Ref(ModelVersion model) => new(EvidenceKind.ModelVersion, model.Id, model.DisplayName);

    internal List<DatasetVersion> Newest(IEnumerable<DatasetVersion> versions) =>
        [.. versions.OrderByDescending(v => v.RegisteredAt).ThenByDescending(v => v.Id).Take(GateEvidence.NamedVersions)];

    internal List<ModelVersion> Newest(IEnumerable<ModelVersion> models) =>
        [.. models.OrderByDescending(m => m.RegisteredAt).ThenByDescending(m => m.Id).Take(GateEvidence.NamedVersions)];
}
