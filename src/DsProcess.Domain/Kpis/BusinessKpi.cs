using DsProcess.Domain.Activity;
using DsProcess.Domain.Common;
using DsProcess.Domain.Evidence;

namespace DsProcess.Domain.Kpis;

/// <summary>One measurement of a KPI: its value, when it was measured (UTC), a note, and who recorded it.</summary>
public sealed record KpiValue(double Value, DateTimeOffset At, string Note, Guid? ById, string ByName);

/// <summary>What a KPI's definition says, as the team lead enters it.</summary>
public sealed record KpiDefinition(string Name, string Unit, double? Baseline, double Target, TargetDirection Direction);

/// <summary>
/// A business KPI of a project (conversion rate, stock-outs per week): its baseline before the model, the target it
/// should reach, whether higher (<see cref="TargetDirection.AtLeast"/>) or lower (<see cref="TargetDirection.AtMost"/>)
/// is better, and the values measured over time. The latest value (by measurement time) says whether it is met; it is
/// stored with the KPI so that the outcome review, the report and the dashboard read it without the history.
/// </summary>
public sealed class BusinessKpi : Entity
{
    private BusinessKpi()
    {
    }

    public Guid ProjectId { get; private set; }

    public string Name { get; private set; } = "";

    public string Unit { get; private set; } = "";

    public double? Baseline { get; private set; }

    public double Target { get; private set; }

    public TargetDirection Direction { get; private set; }

    /// <summary>The measurements, oldest first by <see cref="KpiValue.At"/> (not by when they were recorded).</summary>
    public List<KpiValue> Values { get; private set; } = [];

    /// <summary>The value measured last, or null before the first one.</summary>
    public double? LatestValue { get; private set; }

    public DateTimeOffset? LatestAt { get; private set; }

    /// <summary>Whether the latest value meets the target; false without a value.</summary>
    public bool IsMet { get; private set; }

    /// <summary>Concurrency token (PostgreSQL xmin).</summary>
    public uint Version { get; private set; }

    public KpiDefinition Definition => new(Name, Unit, Baseline, Target, Direction);

    /// <summary>Met, not met, or missing (no value yet, which counts as not met).</summary>
    public TargetResult Result => LatestValue is { } latest ? (Meets(latest) ? TargetResult.Met : TargetResult.NotMet) : TargetResult.Missing;

    public string Describe() => $"{Name} {EvidenceNames.Of(Direction)} {Format(Target)}{UnitSuffix}"
        + (Baseline is { } b ? $" (baseline {Format(b)}{UnitSuffix})" : "");

    private string UnitSuffix => Unit.Length == 0 ? "" : $" {Unit}";

    public static string Format(double value) => value.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Whether a value meets the target: at least it when higher is better, at most it when lower is.</summary>
    public bool Meets(double value) => Direction == TargetDirection.AtLeast ? value >= Target : value <= Target;

    public static BusinessKpi Define(Guid projectId, KpiDefinition definition, Actor by, DateTimeOffset at)
    {
        var kpi = new BusinessKpi { ProjectId = projectId };
        kpi.Apply(definition);
        kpi.Record(ActivityEntry.Create(projectId, ActivityKind.KpiDefined, by, at, kpi.Name, to: kpi.Describe()));
        return kpi;
    }

    public void Change(KpiDefinition definition, Actor by, DateTimeOffset at)
    {
        var before = Describe();
        Apply(definition);
        Judge();
        if (before != Describe())
        {
            Record(ActivityEntry.Create(ProjectId, ActivityKind.KpiChanged, by, at, Name, from: before, to: Describe()));
        }
    }

    public void RecordRemoved(Actor by, DateTimeOffset at) =>
        Record(ActivityEntry.Create(ProjectId, ActivityKind.KpiRemoved, by, at, Name, from: Describe()));

    /// <summary>
    /// Records a value measured at <paramref name="measuredAt"/> (not after <paramref name="now"/>); a value measured
    /// earlier than others takes its place in time, so the latest stays the one measured last.
    /// </summary>
    public void RecordValue(double value, DateTimeOffset measuredAt, string? note, Actor by, DateTimeOffset now)
    {
        if (!double.IsFinite(value))
        {
            throw new DomainRuleException("A KPI value must be a finite number.");
        }

        if (measuredAt > now)
        {
            throw new DomainRuleException("A KPI value cannot be measured in the future.");
        }

        if (Values.Count >= Limits.KpiValues)
        {
            throw new DomainRuleException($"A KPI keeps at most {Limits.KpiValues} values; define a new KPI for a new series.");
        }

        var entry = new KpiValue(value, measuredAt.ToUniversalTime(), Guard.OptionalText(note, "Note", Limits.KpiNote), by.UserId, by.Name);
        var index = Values.FindLastIndex(v => v.At <= entry.At) + 1;
        Values = [.. Values.Take(index), entry, .. Values.Skip(index)];
        Judge();
        Record(ActivityEntry.Create(
            ProjectId, ActivityKind.KpiValueRecorded, by, now, Name,
            to: $"{Format(value)}{UnitSuffix} at {entry.At:yyyy-MM-dd HH:mm} UTC ({(Meets(value) ? "meets" : "misses")} the target {EvidenceNames.Of(Direction)} {Format(Target)})",
            reason: entry.Note));
    }

    private void Apply(KpiDefinition definition)
    {
        if (!Enum.IsDefined(definition.Direction))
        {
            throw new DomainRuleException("Choose whether higher or lower is better.");
        }

        if (!double.IsFinite(definition.Target) || definition.Baseline is { } b && !double.IsFinite(b))
        {
            throw new DomainRuleException("A KPI's target and baseline must be finite numbers.");
        }

        Name = Guard.Text(definition.Name, "Name", Limits.KpiName);
        Unit = Guard.OptionalText(definition.Unit, "Unit", Limits.KpiUnit);
        Baseline = definition.Baseline;
        Target = definition.Target;
        Direction = definition.Direction;
    }

    private void Judge()
    {
        var latest = Values.Count == 0 ? null : Values[^1];
        LatestValue = latest?.Value;
        LatestAt = latest?.At;
        IsMet = latest is not null && Meets(latest.Value);
    }
}
