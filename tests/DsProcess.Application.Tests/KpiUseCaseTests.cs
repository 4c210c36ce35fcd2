using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Dashboards;
using DsProcess.Application.Dashboards.Queries.Portfolio;
using DsProcess.Application.Kpis.Commands.AddKpi;
using DsProcess.Application.Kpis.Commands.ChangeKpi;
using DsProcess.Application.Kpis.Commands.RecordKpiValue;
using DsProcess.Application.Kpis.Commands.RemoveKpi;
using DsProcess.Application.Kpis.Queries.ProjectKpis;
using DsProcess.Application.Projects.Commands.CreateProject;
using DsProcess.Domain.Activity;
using DsProcess.Domain.Common;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.People;
using DsProcess.Domain.Projects;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Tests;

public sealed class KpiUseCaseTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Values_recorded_by_a_data_scientist_are_judged_against_the_target_and_logged()
    {
        var board = await app.CreateProjectAsync(withEvidence: false);
        var scientist = await app.CreateMemberAsync(board.Id, "Sara Scientist", ProjectRole.DataScientist);
        var conversion = await app.SendAsync(new AddKpiCommand(board.Id, "Conversion rate", "%", 3.2, 5, TargetDirection.AtLeast));
        await app.SendAsync(new AddKpiCommand(board.Id, "Stock-outs per week", null, 40, 25, TargetDirection.AtMost));

        await app.SendAsync(new RecordKpiValueCommand(conversion, 5.4, DateTimeOffset.UtcNow.AddDays(-1), "week 2"), scientist);
        await app.SendAsync(new RecordKpiValueCommand(conversion, 4.1, DateTimeOffset.UtcNow.AddDays(-8), "week 1"), scientist);

        var page = await app.SendAsync(new ProjectKpisQuery(board.Key), scientist);
        Assert.False(page.CanDefine);
        Assert.True(page.CanRecord);
        Assert.Equal(["Conversion rate", "Stock-outs per week"], page.Kpis.Select(k => k.Name));
        var row = page.Kpis[0];
        Assert.Equal("Conversion rate ≥ 5 % (baseline 3.2 %)", row.Description);
        Assert.Equal([4.1, 5.4], row.Values.Select(v => v.Value));
        Assert.Equal(5.4, row.LatestValue);
        Assert.Equal(TargetResult.Met, row.Result);
        Assert.Equal(TargetResult.Missing, page.Kpis[1].Result);
        Assert.False(page.MeetsAll);
        var logged = await app.WithDbAsync(db => db.Activity.Where(a => a.ProjectId == board.Id && a.Kind >= ActivityKind.KpiDefined).OrderBy(a => a.Id).ToListAsync());
        Assert.Equal([ActivityKind.KpiDefined, ActivityKind.KpiDefined, ActivityKind.KpiValueRecorded, ActivityKind.KpiValueRecorded], logged.Select(a => a.Kind));
        Assert.Equal(scientist.Name, logged[2].ActorName);
        Assert.Equal("week 2", logged[2].Reason);
    }

    [Fact]
    public async Task A_change_on_a_stale_version_is_a_conflict_and_a_duplicate_name_a_field_message()
    {
        var board = await app.CreateProjectAsync(withEvidence: false);
        var id = await app.SendAsync(new AddKpiCommand(board.Id, "Conversion rate", "%", 3.2, 5, TargetDirection.AtLeast));
        var seen = (await app.SendAsync(new ProjectKpisQuery(board.Key))).Kpis.Single();
        await app.SendAsync(new RecordKpiValueCommand(id, 4.8));

        await Assert.ThrowsAsync<ConflictException>(() => app.SendAsync(new ChangeKpiCommand(id, seen.Version, "Conversion rate", "%", 3.2, 4.5, TargetDirection.AtLeast)));
        var duplicate = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(new AddKpiCommand(board.Id, "conversion RATE", "%", null, 6, TargetDirection.AtLeast)));
        Assert.Contains("Name", duplicate.Errors.Keys);

        var current = (await app.SendAsync(new ProjectKpisQuery(board.Key))).Kpis.Single();
        Assert.Equal(TargetResult.NotMet, current.Result);
        await app.SendAsync(new ChangeKpiCommand(id, current.Version, "Conversion rate", "%", 3.2, 4.5, TargetDirection.AtLeast));
        Assert.Equal(TargetResult.Met, (await app.SendAsync(new ProjectKpisQuery(board.Key))).Kpis.Single().Result);
    }

    [Fact]
    public async Task A_value_in_the_future_is_refused_and_changes_nothing()
    {
        var board = await app.CreateProjectAsync(withEvidence: false);
        var id = await app.SendAsync(new AddKpiCommand(board.Id, "Conversion rate", "%", 3.2, 5, TargetDirection.AtLeast));
        var before = await app.WithDbAsync(db => db.Activity.CountAsync());

        await Assert.ThrowsAsync<DomainRuleException>(() => app.SendAsync(new RecordKpiValueCommand(id, 6, DateTimeOffset.UtcNow.AddDays(2))));

        Assert.Empty((await app.SendAsync(new ProjectKpisQuery(board.Key))).Kpis.Single().Values);
        Assert.Equal(before, await app.WithDbAsync(db => db.Activity.CountAsync()));
    }

    [Fact]
    public async Task Removing_a_kpi_keeps_what_it_was_in_the_log()
    {
        var board = await app.CreateProjectAsync(withEvidence: false);
        var id = await app.SendAsync(new AddKpiCommand(board.Id, "Conversion rate", "%", 3.2, 5, TargetDirection.AtLeast));
        var seen = (await app.SendAsync(new ProjectKpisQuery(board.Key))).Kpis.Single();

        await app.SendAsync(new RemoveKpiCommand(id, seen.Version));

        Assert.Empty((await app.SendAsync(new ProjectKpisQuery(board.Key))).Kpis);
        var removed = await app.WithDbAsync(db => db.Activity.SingleAsync(a => a.ProjectId == board.Id && a.Kind == ActivityKind.KpiRemoved));
        Assert.Equal("Conversion rate ≥ 5 % (baseline 3.2 %)", removed.From);
    }

    [Fact]
    public async Task The_portfolio_counts_the_projects_meeting_all_their_kpis_in_the_callers_scope()
    {
        var tom = await app.CreatePersonAsync("Tom Other", SystemRole.TeamLead);
        var viewer = await app.CreatePersonAsync("Vic Viewer", SystemRole.Viewer);
        var own = await app.SendAsync(new CreateProjectCommand { Name = "Tom's own", Key = Keys.Next("T"), TargetDate = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(90) }, tom);
        var first = await app.SendAsync(new AddKpiCommand(own.Id, "Conversion rate", "%", 3.2, 5, TargetDirection.AtLeast), tom);
        var second = await app.SendAsync(new AddKpiCommand(own.Id, "Stock-outs", null, 40, 25, TargetDirection.AtMost), tom);
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("SELECT dashboard_refresh_all();"));
        var before = (await app.SendAsync(new PortfolioQuery(new DashboardFilter()), viewer)).MeetingKpis;

        await app.SendAsync(new RecordKpiValueCommand(first, 5.5), tom);
        Assert.Equal(0, (await app.SendAsync(new PortfolioQuery(new DashboardFilter()), tom)).MeetingKpis);
        await app.SendAsync(new RecordKpiValueCommand(second, 20), tom);

        Assert.Equal(1, (await app.SendAsync(new PortfolioQuery(new DashboardFilter()), tom)).MeetingKpis);
        Assert.Equal(before + 1, (await app.SendAsync(new PortfolioQuery(new DashboardFilter()), viewer)).MeetingKpis);
        Assert.Equal(1, (await app.SendAsync(new PortfolioQuery(new DashboardFilter(LeadId: tom.Id)), viewer)).MeetingKpis);

        await app.SendAsync(new RecordKpiValueCommand(second, 30), tom);
        Assert.Equal(0, (await app.SendAsync(new PortfolioQuery(new DashboardFilter()), tom)).MeetingKpis);
    }
}
