using DsProcess.Domain.Activity;
using DsProcess.Domain.Common;

namespace DsProcess.Domain.Evidence;

/// <summary>
/// What "good enough" means for a project's models: a metric on a split, at least or at most a threshold
/// (recall on the test split ≥ 0.80; p95 scoring latency ≤ 100 ms).
/// </summary>
public sealed class MetricTarget : Entity
{
    private MetricTarget()
    {
    }

    public Guid ProjectId { get; private set; }

    public string Metric { get; private set; } = "";

    public MetricSplit Split { get; private set; }

    public TargetDirection Direction { get; private set; }

    public double Threshold { get; private set; }

    /// <summary>Concurrency token (PostgreSQL xmin).</summary>
    public uint Version { get; private set; }

    public string Describe() => $"{Metric} on the {EvidenceNames.Of(Split)} split {EvidenceNames.Of(Direction)} {Threshold:0.###}";

    public static MetricTarget Set(Guid projectId, string metric, MetricSplit split, TargetDirection direction, double threshold, Actor by, DateTimeOffset at)
    {
        var target = new MetricTarget { ProjectId = projectId };
        target.Change(metric, split, direction, threshold, by, at);
        return target;
    }

    public void Change(string metric, MetricSplit split, TargetDirection direction, double threshold, Actor by, DateTimeOffset at)
    {
        if (!Enum.IsDefined(split) || !Enum.IsDefined(direction) || !double.IsFinite(threshold))
        {
            throw new DomainRuleException("A target needs a split and a direction from the lists and a finite threshold.");
        }

        var before = Metric.Length == 0 ? null : Describe();
        Metric = Guard.Text(metric, "Metric", Limits.MetricName);
        Split = split;
        Direction = direction;
        Threshold = threshold;
        Record(ActivityEntry.Create(ProjectId, ActivityKind.MetricTargetSet, by, at, Metric, from: before, to: Describe()));
    }

    public void RecordRemoved(Actor by, DateTimeOffset at) =>
        Record(ActivityEntry.Create(ProjectId, ActivityKind.MetricTargetRemoved, by, at, Metric, from: Describe()));

    /// <summary>Met, not met, or missing (the model has no such metric on that split, which counts as not met).</summary>
    public TargetResult EvaluateFor(IEnumerable<ModelMetric> metrics) => EvidenceRules.Evaluate(Metric, Split, Direction, Threshold, metrics);
}
