using DsProcess.Domain.Activity;
using DsProcess.Domain.Common;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.Kpis;

namespace DsProcess.Domain.Tests;

public sealed class KpiTests
{
    private static readonly Guid ProjectId = Guid.NewGuid();

    private static BusinessKpi Kpi(TargetDirection direction = TargetDirection.AtLeast, double target = 5) =>
        BusinessKpi.Define(ProjectId, new KpiDefinition("Conversion rate", "%", 3.2, target, direction), Build.Lead, Build.Now);

    [Theory]
    [InlineData(TargetDirection.AtLeast, 5.0, TargetResult.Met)]
    [InlineData(TargetDirection.AtLeast, 4.99, TargetResult.NotMet)]
    [InlineData(TargetDirection.AtMost, 5.0, TargetResult.Met)]
    [InlineData(TargetDirection.AtMost, 5.01, TargetResult.NotMet)]
    [InlineData(TargetDirection.AtMost, 1.0, TargetResult.Met)]
    public void The_latest_value_is_judged_by_the_direction(TargetDirection direction, double value, TargetResult expected)
    {
        var kpi = Kpi(direction);

        kpi.RecordValue(value, Build.Now.AddDays(-1), null, Build.Lead, Build.Now);

        Assert.Equal(expected, kpi.Result);
        Assert.Equal(expected == TargetResult.Met, kpi.IsMet);
    }

    [Fact]
    public void Without_a_value_a_kpi_is_missing_and_not_met()
    {
        var kpi = Kpi();

        Assert.Equal(TargetResult.Missing, kpi.Result);
        Assert.False(kpi.IsMet);
        Assert.Null(kpi.LatestValue);
    }

    [Fact]
    public void Values_keep_their_measurement_order_and_the_latest_is_the_one_measured_last()
    {
        var kpi = Kpi();

        kpi.RecordValue(6, Build.Now.AddDays(-1), "week 2", Build.Lead, Build.Now);
        kpi.RecordValue(4, Build.Now.AddDays(-8), "week 1, entered late", Build.Lead, Build.Now);

        Assert.Equal([4.0, 6.0], kpi.Values.Select(v => v.Value));
        Assert.Equal(6, kpi.LatestValue);
        Assert.Equal(Build.Now.AddDays(-1), kpi.LatestAt);
        Assert.True(kpi.IsMet);
    }

    [Fact]
    public void A_value_in_the_future_or_not_finite_is_refused_and_changes_nothing()
    {
        var kpi = Kpi();

        var future = Assert.Throws<DomainRuleException>(() => kpi.RecordValue(6, Build.Now.AddMinutes(1), null, Build.Lead, Build.Now));
        var nan = Assert.Throws<DomainRuleException>(() => kpi.RecordValue(double.NaN, Build.Now, null, Build.Lead, Build.Now));

        Assert.Contains("future", future.Message, StringComparison.Ordinal);
        Assert.Contains("finite", nan.Message, StringComparison.Ordinal);
        Assert.Empty(kpi.Values);
        Assert.Single(kpi.PendingActivity);
    }

    [Fact]
    public void A_kpi_keeps_at_most_its_limit_of_values()
    {
        var kpi = Kpi();
        for (var i = 0; i < Limits.KpiValues; i++)
        {
            kpi.RecordValue(i, Build.Now.AddMinutes(-i), null, Build.Lead, Build.Now);
        }

        var refused = Assert.Throws<DomainRuleException>(() => kpi.RecordValue(1, Build.Now, null, Build.Lead, Build.Now));

        Assert.Contains($"at most {Limits.KpiValues}", refused.Message, StringComparison.Ordinal);
        Assert.Equal(Limits.KpiValues, kpi.Values.Count);
    }

    [Fact]
    public void Definitions_are_checked()
    {
        Assert.Throws<DomainRuleException>(() => BusinessKpi.Define(ProjectId, new KpiDefinition(" ", "%", null, 1, TargetDirection.AtLeast), Build.Lead, Build.Now));
        Assert.Throws<DomainRuleException>(() => BusinessKpi.Define(ProjectId, new KpiDefinition("x", "%", null, double.PositiveInfinity, TargetDirection.AtLeast), Build.Lead, Build.Now));
        Assert.Throws<DomainRuleException>(() => BusinessKpi.Define(ProjectId, new KpiDefinition("x", "%", null, 1, (TargetDirection)9), Build.Lead, Build.Now));
        Assert.Throws<DomainRuleException>(() => BusinessKpi.Define(ProjectId, new KpiDefinition(new string('n', Limits.KpiName + 1), "", null, 1, TargetDirection.AtLeast), Build.Lead, Build.Now));
    }

    [Fact]
    public void Changing_the_target_judges_the_latest_value_again_and_records_before_and_after()
    {
        var kpi = Kpi();
        kpi.RecordValue(4, Build.Now, null, Build.Lead, Build.Now);
        Assert.False(kpi.IsMet);

        kpi.Change(new KpiDefinition("Conversion rate", "%", 3.2, 4, TargetDirection.AtLeast), Build.Lead, Build.Now);

        Assert.True(kpi.IsMet);
        var entry = kpi.PendingActivity[^1];
        Assert.Equal(ActivityKind.KpiChanged, entry.Kind);
        Assert.Equal("Conversion rate ≥ 5 % (baseline 3.2 %)", entry.From);
        Assert.Equal("Conversion rate ≥ 4 % (baseline 3.2 %)", entry.To);
    }

    [Fact]
    public void Every_change_is_recorded_with_its_kind()
    {
        var kpi = Kpi();
        kpi.RecordValue(4, Build.Now, "first week", Build.Lead, Build.Now);
        kpi.RecordRemoved(Build.Lead, Build.Now);

        Assert.Equal([ActivityKind.KpiDefined, ActivityKind.KpiValueRecorded, ActivityKind.KpiRemoved], kpi.PendingActivity.Select(e => e.Kind));
        Assert.Equal("first week", kpi.PendingActivity[1].Reason);
        Assert.All(kpi.PendingActivity, e => Assert.Equal(ProjectId, e.ProjectId));
    }
}
