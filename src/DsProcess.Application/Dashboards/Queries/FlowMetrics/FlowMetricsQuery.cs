using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Domain.People;
using DsProcess.Domain.Projects;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Dashboards.Queries.FlowMetrics;

/// <summary>
/// Flow per phase over a period: time in phase (days), time a gate waits for its decision (hours), the share of
/// gate decisions that were rejections (rework), time a handoff waits (hours), and phases completed per week. Admins
/// and system viewers read the portfolio's, precomputed; a team lead gets those of the projects they are on, computed
/// now by the same SQL restricted to those projects.
/// </summary>
[RequiresSystemRole(SystemRole.Admin, SystemRole.Viewer, SystemRole.TeamLead)]
public sealed record FlowMetricsQuery(int PeriodDays = 90) : IQuery<FlowDto>;

public sealed record FlowDto(int PeriodDays, IReadOnlyList<PhaseFlow> Phases, IReadOnlyList<WeekThroughput> Weeks);

/// <summary>One row of the flow table; <see cref="Phase"/> null is all phases together.</summary>
public sealed record PhaseFlow(
    PhaseKind? Phase,
    Measure TimeInPhaseDays,
    Measure GateDecisionHours,
    double? ReworkRate,
    int Decisions,
    Measure HandoffWaitHours);

public sealed record Measure(double? Median, double? P85, int Samples);

public sealed record WeekThroughput(DateOnly Week, IReadOnlyDictionary<PhaseKind, int> Completed)
{
    public int Total => Completed.Values.Sum();
}

public sealed class FlowMetricsQueryHandler(IAppDbContext db, Access access, TimeProvider clock) : IQueryHandler<FlowMetricsQuery, FlowDto>
{
    public async ValueTask<FlowDto> Handle(FlowMetricsQuery query, CancellationToken cancellationToken)
    {
        var period = Dashboards.FlowMetrics.Periods.Contains(query.PeriodDays) ? query.PeriodDays : 90;
        var weeks = Math.Clamp(period / 7, 4, 52);
        var since = StartOfWeek(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)).AddDays(-7 * (weeks - 1));
        var scope = await DashboardScope.OfCallerAsync(access, cancellationToken);
        var (flow, weekly) = scope.ProjectIds is { } ids
            ? (db.FlowOf([period], [.. ids]), db.ThroughputOf(since, [.. ids]))
            : (db.Flow, db.Throughput);
        var metrics = await flow.AsNoTracking().Where(m => m.PeriodDays == period).ToListAsync(cancellationToken);
        var throughput = await weekly.AsNoTracking().Where(t => t.Week >= since).ToListAsync(cancellationToken);

        PhaseFlow Row(int phase)
        {
            Measure Of(string metric) =>
                metrics.FirstOrDefault(m => m.Phase == phase && m.Metric == metric) is { } m
                    ? new Measure(m.Median, m.P85, m.Samples)
                    : new Measure(null, null, 0);
            var gate = metrics.FirstOrDefault(m => m.Phase == phase && m.Metric == Dashboards.FlowMetrics.GateDecision);
            return new PhaseFlow(
                phase == 0 ? null : (PhaseKind)phase,
                Of(Dashboards.FlowMetrics.TimeInPhase),
                Of(Dashboards.FlowMetrics.GateDecision),
                gate?.Rate,
                gate?.Samples ?? 0,
                Of(Dashboards.FlowMetrics.HandoffWait));
        }

        return new FlowDto(
            period,
            [.. Enum.GetValues<PhaseKind>().Select(k => Row((int)k)), Row(0)],
            [.. Enumerable.Range(0, weeks).Select(i => since.AddDays(7 * i)).Select(week => new WeekThroughput(
                week,
                Enum.GetValues<PhaseKind>().ToDictionary(k => k, k => throughput.Where(t => t.Week == week && t.Phase == (int)k).Sum(t => t.Completed))))]);
    }

    private static DateOnly StartOfWeek(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
}
