using DsProcess.Domain.Projects;

namespace DsProcess.Domain.Evidence;

/// <summary>How a model version stands against one target.</summary>
public enum TargetResult
{
    Missing = 0,
    NotMet = 1,
    Met = 2,
}

/// <summary>The evidence's rules, defined once for the entities, the gates and the screens.</summary>
public static class EvidenceRules
{
    public static bool IsSplit(DatasetPurpose purpose) =>
        purpose is DatasetPurpose.TrainingSplit or DatasetPurpose.ValidationSplit or DatasetPurpose.TestSplit;

    /// <summary>Every quality check (at least one) passed, personal data removed, and access granted to someone.</summary>
    public static bool IsGoverned(IReadOnlyCollection<QualityCheck> checks, bool piiRemoved, IReadOnlyCollection<ProjectRole> accessGrantedTo) =>
        checks.Count > 0 && checks.All(c => c.Passed) && piiRemoved && accessGrantedTo.Count > 0;

    /// <summary>Metric names compare without regard to case or surrounding spaces ("Recall" is "recall").</summary>
    public static string MetricKey(string name) => name.Trim().ToUpperInvariant();

    public static TargetResult Evaluate(string metric, MetricSplit split, TargetDirection direction, double threshold, IEnumerable<ModelMetric> metrics)
    {
        var key = MetricKey(metric);
        var scored = metrics.FirstOrDefault(m => m.Split == split && MetricKey(m.Name) == key);
        if (scored is null)
        {
            return TargetResult.Missing;
        }

        return Satisfies(direction, scored.Value, threshold) ? TargetResult.Met : TargetResult.NotMet;
    }

    /// <summary>Whether a value is at least (or at most) a threshold, as the direction says.</summary>
    public static bool Satisfies(TargetDirection direction, double value, double threshold) =>
        direction == TargetDirection.AtLeast ? value >= threshold : value <= threshold;

    /// <summary>A model version meets its project's targets when there is at least one target and it meets every one.</summary>
    public static bool MeetsAll(IReadOnlyCollection<MetricTarget> targets, IEnumerable<ModelMetric> metrics)
    {
        var scored = metrics.ToList();
        return targets.Count > 0 && targets.All(t => t.EvaluateFor(scored) == TargetResult.Met);
    }
}
