using DsProcess.Application.Kpis.Commands.AddKpi;
using DsProcess.Application.Kpis.Commands.RecordKpiValue;
using DsProcess.Application.Reports.Queries.ProjectReport;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.Gates;
using DsProcess.Domain.Projects;

namespace DsProcess.Application.Tests;

public sealed class ProjectReportTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task The_report_assembles_the_evidence_the_decided_gates_and_the_kpis()
    {
        var board = await app.CreateProjectAsync(name: "Customer | churn");
        var scientist = await app.CreateMemberAsync(board.Id, "Sara Scientist", ProjectRole.DataScientist);
        await app.PassGateAsync(board.Key, PhaseKind.DataDevelopment, scientist);
        var conversion = await app.SendAsync(new AddKpiCommand(board.Id, "Conversion rate", "%", 3.2, 5, TargetDirection.AtLeast));
        await app.SendAsync(new RecordKpiValueCommand(conversion, 5.4, DateTimeOffset.UtcNow.AddDays(-1), "week 2"), scientist);

        var report = await app.SendAsync(new ProjectReportQuery(board.Key), scientist);

        Assert.Equal("Predict churn 60 days ahead", report.Objective);
        Assert.Contains(report.Team, m => m.Name == "Sara Scientist" && m.Roles.SequenceEqual([ProjectRole.DataScientist]));
        Assert.Equal(Enum.GetValues<PhaseKind>(), report.Phases.Select(p => p.Kind));
        Assert.Equal(PhaseState.Completed, report.Phases[0].State);
        Assert.NotNull(report.Phases[0].ActualEnd);
        var decision = Assert.Single(report.Decisions);
        Assert.Equal(GateDecision.Approved, decision.Decision);
        Assert.Equal("Sara Scientist", decision.DecidedByName);
        Assert.Contains("customers-clean v1", decision.Evidence);
        var train = Assert.Single(report.Datasets, d => d.Label == "customers-train v1");
        Assert.Equal(["customers-clean v1"], train.DerivedFrom);
        Assert.Equal(["recall on the test (hold-out) split ≥ 0.8"], report.Targets);
        var model = Assert.Single(report.Models);
        Assert.Equal([TargetResult.Met], model.Results);
        Assert.Equal([model], report.InProduction);
        var kpi = Assert.Single(report.Kpis);
        Assert.Equal((5.4, TargetResult.Met), (kpi.LatestValue, kpi.Result));
        Assert.Null(report.Recommendation);

        var markdown = ProjectReportMarkdown.Write(report);
        Assert.StartsWith($"# Customer | churn ({board.Key})", markdown, StringComparison.Ordinal);
        Assert.Contains("| Conversion rate | 3.2 % | ≥ 5 % | 5.4 % |", markdown, StringComparison.Ordinal);
        Assert.Contains("## Deployment, monitors and alerts", markdown, StringComparison.Ordinal);
        Assert.Contains("| customers-train v1 | Silver | Training split | no | customers-clean v1 |", markdown, StringComparison.Ordinal);
        Assert.Equal($"{board.Key}-report-{report.GeneratedAt.UtcDateTime:yyyy-MM-dd}.md", ProjectReportMarkdown.FileName(report));
    }
}
