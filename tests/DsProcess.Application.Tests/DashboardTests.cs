using DsProcess.Application.Dashboards;
using DsProcess.Application.Dashboards.Queries.DashboardProjects;
using DsProcess.Application.Dashboards.Queries.FlowMetrics;
using DsProcess.Application.Dashboards.Queries.Portfolio;
using DsProcess.Application.Dashboards.Queries.Waiting;
using DsProcess.Application.Dashboards.Queries.Workload;
using DsProcess.Application.Gates.Commands.SubmitGate;
using DsProcess.Application.Tasks.Commands.ChangeTaskStatus;
using DsProcess.Domain.People;
using DsProcess.Domain.Projects;
using DsProcess.Infrastructure.Dashboards;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DsProcess.Application.Tests;

/// <summary>The dashboard queries on an empty database: zeros and empty lists, never errors.</summary>
public sealed class EmptyDashboardTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Every_dashboard_query_answers_on_an_empty_database_for_the_portfolio_and_for_a_lead_on_no_project()
    {
        var viewer = await app.CreatePersonAsync("Eve Viewer", SystemRole.Viewer);
        foreach (var reader in new[] { viewer, app.Lead })
        {
            var portfolio = await app.SendAsync(new PortfolioQuery(new DashboardFilter()), reader);
            var waiting = await app.SendAsync(new WaitingQuery(new DashboardFilter()), reader);
            var flow = await app.SendAsync(new FlowMetricsQuery(30), reader);
            var workload = await app.SendAsync(new WorkloadQuery(), reader);
            var projects = await app.SendAsync(new DashboardProjectsQuery(new DashboardFilter(), ProjectHealth.Overdue), reader);

            Assert.Equal(0, portfolio.Projects);
            Assert.All(portfolio.ByPhase, p => Assert.Equal(0, p.Projects));
            Assert.Empty(portfolio.Leads);
            Assert.Empty(waiting.Gates);
            Assert.Empty(waiting.Handoffs);
            Assert.Empty(waiting.OverdueTasks);
            Assert.All(flow.Phases, p => Assert.Null(p.TimeInPhaseDays.Median));
            Assert.Equal(4, flow.Weeks.Count);
            Assert.All(flow.Weeks, w => Assert.Equal(0, w.Total));
            Assert.Empty(workload.MostOpen);
            Assert.Equal(0, projects.TotalCount);
        }
    }
}

/// <summary>Flow metric definitions on hand-made histories with known answers.</summary>
public sealed class FlowMetricDefinitionTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_phase_active_from_day_2_to_day_9_counts_7_days()
    {
        var project = await app.CreateProjectAsync();
        await Sql(
            "DELETE FROM phase_runs WHERE project_id = {0}; " +
            "INSERT INTO phase_runs (project_id, phase, iteration, started_at, ended_at) VALUES ({0}, 2, 1, now() - interval '10 days', now() - interval '3 days')",
            project.Id);

        var flow = await RefreshedFlowAsync(30);

        var model = flow.Phases.Single(p => p.Phase == PhaseKind.ModelDevelopment).TimeInPhaseDays;
        Assert.Equal(7, model.Median!.Value, precision: 6);
        Assert.Equal(1, model.Samples);
    }

    [Fact]
    public async Task Medians_and_85th_percentiles_interpolate_between_runs()
    {
        var project = await app.CreateProjectAsync();
        await Sql("DELETE FROM phase_runs WHERE project_id = {0}", project.Id);
        for (var i = 1; i <= 5; i++)
        {
            await Sql(
                "INSERT INTO phase_runs (project_id, phase, iteration, started_at, ended_at) VALUES ({0}, 3, {1}, now() - make_interval(days => {1} + 1), now() - interval '1 day')",
                project.Id, i);
        }

        var flow = await RefreshedFlowAsync(30);

        // Durations 1..5 days: median 3; the 85th percentile lies 40% of the way from 4 to 5.
        var deployment = flow.Phases.Single(p => p.Phase == PhaseKind.ProductionDeployment).TimeInPhaseDays;
        Assert.Equal(3, deployment.Median!.Value, precision: 6);
        Assert.Equal(4.4, deployment.P85!.Value, precision: 6);
    }

    [Fact]
    public async Task A_gate_rejected_once_then_approved_counts_one_rework_in_two_decisions()
    {
        var project = await app.CreateProjectAsync();
        var phase = await app.WithDbAsync(db => db.Phases.Where(p => p.ProjectId == project.Id && p.Kind == PhaseKind.BusinessAnalysis).Select(p => p.Id).SingleAsync());
        const string insert = "INSERT INTO gate_reviews (id, project_id, phase_id, phase, iteration, submitted_by_id, submitted_by_name, submitted_at, decision, decided_by_id, decided_by_name, decided_at) " +
            "VALUES (gen_random_uuid(), {0}, {1}, 4, 1, {2}, 'Sub', now() - make_interval(hours => {3}), {4}, {2}, 'Dec', now() - make_interval(hours => {5}))";
        await Sql(insert, project.Id, phase, app.Lead.Id, 30, 2, 20);
        await Sql(insert, project.Id, phase, app.Lead.Id, 10, 1, 4);

        var flow = await RefreshedFlowAsync(30);

        var business = flow.Phases.Single(p => p.Phase == PhaseKind.BusinessAnalysis);
        Assert.Equal(2, business.Decisions);
        Assert.Equal(0.5, business.ReworkRate!.Value, precision: 6);
        Assert.Equal(8, business.GateDecisionHours.Median!.Value, precision: 6);
    }

    [Fact]
    public async Task Handoff_wait_is_the_time_to_acknowledgement_and_throughput_counts_completed_phases_per_week()
    {
        var project = await app.CreateProjectAsync();
        var task = project.Tasks.First(t => t.Phase == PhaseKind.ProductionDeployment);
        await Sql(
            "INSERT INTO handoffs (id, project_id, from_task_id, from_task_title, from_role, to_task_id, to_task_title, to_role, to_phase, iteration, links, handed_over_by_name, handed_over_at, acknowledged_by_name, acknowledged_at, updated_at) " +
            "VALUES (gen_random_uuid(), {0}, {1}, 'From', 2, {1}, 'To', 3, 3, 1, '{{}}', 'X', now() - interval '30 hours', 'Y', now() - interval '6 hours', now())",
            project.Id, task.Id);
        await Sql("INSERT INTO phase_runs (project_id, phase, iteration, started_at, ended_at) VALUES ({0}, 1, 5, now() - interval '9 days', now())", project.Id);

        var flow = await RefreshedFlowAsync(30);

        Assert.Equal(24, flow.Phases.Single(p => p.Phase == PhaseKind.ProductionDeployment).HandoffWaitHours.Median!.Value, precision: 6);
        Assert.True(flow.Weeks[^1].Completed[PhaseKind.DataDevelopment] >= 1);
    }

    [Fact]
    public async Task The_flow_metrics_are_recomputed_after_an_ended_phase_a_decided_gate_or_an_acknowledged_handoff_and_not_after_other_work()
    {
        var project = await app.CreateProjectAsync();
        var task = project.Tasks.First(t => t.Phase == PhaseKind.ModelDevelopment);
        var phase = await app.WithDbAsync(db => db.Phases.Where(p => p.ProjectId == project.Id && p.Kind == PhaseKind.ModelDevelopment).Select(p => p.Id).SingleAsync());
        var before = await FlowSourcesAsync();

        await app.MoveAsync(project.Key, "Data collection", TaskMove.Start);
        await Sql("INSERT INTO gate_reviews (id, project_id, phase_id, phase, iteration, submitted_by_id, submitted_by_name, submitted_at) VALUES (gen_random_uuid(), {0}, {1}, 2, 1, {2}, 'Sub', now())", project.Id, phase, app.Lead.Id);
        Assert.Equal(before, await FlowSourcesAsync());

        await Sql("UPDATE gate_reviews SET decision = 1, decided_by_name = 'Dec', decided_at = now() WHERE project_id = {0}", project.Id);
        var decided = await FlowSourcesAsync();
        await Sql(
            "INSERT INTO handoffs (id, project_id, from_task_id, from_task_title, from_role, to_task_id, to_task_title, to_role, to_phase, iteration, links, handed_over_by_name, handed_over_at, updated_at) " +
            "VALUES (gen_random_uuid(), {0}, {1}, 'From', 1, {1}, 'To', 2, 2, 1, '{{}}', 'X', now(), now())",
            project.Id, task.Id);
        Assert.Equal(decided, await FlowSourcesAsync());
        await Sql("UPDATE handoffs SET acknowledged_by_name = 'Y', acknowledged_at = now() WHERE project_id = {0}", project.Id);
        var acknowledged = await FlowSourcesAsync();
        await Sql("INSERT INTO phase_runs (project_id, phase, iteration, started_at, ended_at) VALUES ({0}, 1, 7, now() - interval '2 days', now())", project.Id);

        Assert.NotEqual(before, decided);
        Assert.NotEqual(decided, acknowledged);
        Assert.NotEqual(acknowledged, await FlowSourcesAsync());
    }

    private Task<string> FlowSourcesAsync() => app.WithDbAsync(db => DashboardRefresher.FlowSources(db).SingleAsync());

    private Task Sql(string sql, params object[] parameters) =>
        app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(sql, parameters));

    private TestPerson? _viewer;

    /// <summary>
    /// The portfolio's flow, precomputed, as a viewer reads it; the lead is on every project here, so their flow,
    /// computed on request by the same SQL restricted to their projects, must be the same.
    /// </summary>
    private async Task<FlowDto> RefreshedFlowAsync(int days)
    {
        await Sql("SELECT dashboard_refresh_flow()");
        _viewer ??= await app.CreatePersonAsync("Val Viewer", SystemRole.Viewer);
        var portfolio = await app.SendAsync(new FlowMetricsQuery(days), _viewer);
        var lead = await app.SendAsync(new FlowMetricsQuery(days), app.Lead);
        Assert.Equal(portfolio.Phases, lead.Phases);
        Assert.Equal(portfolio.Weeks.Select(w => (w.Week, w.Total)), lead.Weeks.Select(w => (w.Week, w.Total)));
        return portfolio;
    }
}

/// <summary>The portfolio, waiting and workload queries on projects in known states.</summary>
public sealed class PortfolioDashboardTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Projects_are_counted_by_phase_and_health_and_the_numbers_lead_to_their_lists()
    {
        var blocked = await app.CreateProjectAsync(name: "Blocked one");
        await app.MoveAsync(blocked.Key, "Data collection", TaskMove.Block, "no access");
        var submitted = await app.CreateProjectAsync(name: "Submitted one");
        await app.FinishRequiredTasksAsync(submitted.Key, PhaseKind.DataDevelopment);
        await app.SendAsync(new SubmitGateCommand(submitted.Id, PhaseKind.DataDevelopment));
        var onTrack = await app.CreateProjectAsync(name: "Quiet one");
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("SELECT dashboard_refresh_all()"));

        var portfolio = await app.SendAsync(new PortfolioQuery(new DashboardFilter()));
        var blockedList = await app.SendAsync(new DashboardProjectsQuery(new DashboardFilter(), ProjectHealth.Blocked));
        var awaitingList = await app.SendAsync(new DashboardProjectsQuery(new DashboardFilter(), ProjectHealth.AwaitingDecision));
        var waiting = await app.SendAsync(new WaitingQuery(new DashboardFilter()));

        Assert.True(portfolio.Projects >= 3);
        Assert.Contains(blockedList.Items, p => p.Key == blocked.Key);
        Assert.Contains(awaitingList.Items, p => p.Key == submitted.Key);
        Assert.Equal(portfolio.ByHealth.Single(h => h.Health == ProjectHealth.Blocked).Projects, blockedList.TotalCount);
        Assert.Equal(portfolio.ByPhase.Where(p => p.Phase is not null).Sum(p => p.Projects), portfolio.Projects - portfolio.ByPhase.Single(p => p.Phase is null).Projects);
        Assert.Contains(waiting.Gates, g => g.ProjectKey == submitted.Key && g.Phase == PhaseKind.DataDevelopment);
        Assert.Contains(app.Lead.Id, portfolio.Leads.Select(l => l.Id));

        var byLead = await app.SendAsync(new PortfolioQuery(new DashboardFilter(LeadId: Guid.NewGuid())));
        Assert.Equal(0, byLead.Projects);
        var inModel = await app.SendAsync(new DashboardProjectsQuery(new DashboardFilter(Phase: PhaseKind.ModelDevelopment)));
        Assert.DoesNotContain(inModel.Items, p => p.Key == onTrack.Key);
    }

    [Fact]
    public async Task Workload_counts_open_tasks_per_role_and_per_person()
    {
        var board = await app.CreateProjectAsync();
        var engineer = await app.CreateMemberAsync(board.Id, "Wendy Workload", ProjectRole.DataEngineer);
        await app.SendAsync(new Tasks.Commands.AssignRoleTasks.AssignRoleTasksCommand(board.Id, ProjectRole.DataEngineer, engineer.Id));
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("SELECT dashboard_refresh_all()"));

        var workload = await app.SendAsync(new WorkloadQuery(Take: 100));

        var person = Assert.Single(workload.MostOpen, p => p.PersonId == engineer.Id);
        Assert.Equal(2, person.OpenTasks);
        Assert.True(workload.Roles.Single(r => r.Role == ProjectRole.DataEngineer).OpenTasks >= 2);
    }

    [Fact]
    public async Task A_lead_on_every_project_counted_from_their_projects_rows_sees_what_the_precomputed_portfolio_shows()
    {
        var board = await app.CreateProjectAsync(name: "Counted twice");
        var engineer = await app.CreateMemberAsync(board.Id, "Cole Counted", ProjectRole.DataEngineer);
        await app.SendAsync(new Tasks.Commands.AssignRoleTasks.AssignRoleTasksCommand(board.Id, ProjectRole.DataEngineer, engineer.Id));
        await app.MoveAsync(board.Key, "Data collection", TaskMove.Block, "no access");
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("SELECT dashboard_refresh_all()"));
        var viewer = await app.CreatePersonAsync("Pam Portfolio", SystemRole.Viewer);

        var whole = await app.SendAsync(new PortfolioQuery(new DashboardFilter()), viewer);
        var scoped = await app.SendAsync(new PortfolioQuery(new DashboardFilter()), app.Lead);
        var wholeLoad = await app.SendAsync(new WorkloadQuery(Take: 100), viewer);
        var scopedLoad = await app.SendAsync(new WorkloadQuery(Take: 100), app.Lead);

        Assert.True(whole.IsWholePortfolio);
        Assert.False(scoped.IsWholePortfolio);
        Assert.Equal(
            (whole.Projects, whole.OpenTasks, whole.OverdueTasks, whole.AwaitingGates, whole.OpenHandoffs),
            (scoped.Projects, scoped.OpenTasks, scoped.OverdueTasks, scoped.AwaitingGates, scoped.OpenHandoffs));
        Assert.Equal(whole.ByPhase, scoped.ByPhase);
        Assert.Equal(whole.ByHealth, scoped.ByHealth);
        Assert.Equal(whole.Leads, scoped.Leads);
        Assert.Equal(whole.Iterations, scoped.Iterations);
        Assert.Equal(wholeLoad.Roles.Select(r => (r.Role, r.OpenTasks, r.UnassignedTasks, r.Holders)), scopedLoad.Roles.Select(r => (r.Role, r.OpenTasks, r.UnassignedTasks, r.Holders)));
        Assert.Equal(wholeLoad.MostOpen.Select(p => (p.PersonId, p.Name, p.OpenTasks)), scopedLoad.MostOpen.Select(p => (p.PersonId, p.Name, p.OpenTasks)));
        Assert.Contains(scopedLoad.MostOpen, p => p.PersonId == engineer.Id);
    }

    [Fact]
    public async Task The_read_model_follows_changes_through_the_change_feed()
    {
        var before = (await app.SendAsync(new PortfolioQuery(new DashboardFilter()))).Projects;

        await app.CreateProjectAsync();

        // The refresher folds the change in within about a second; wait for it rather than sleeping a fixed time.
        await Eventually.TrueAsync(async () => (await app.SendAsync(new PortfolioQuery(new DashboardFilter()))).Projects != before);
    }

    [Fact]
    public async Task A_project_refresh_neither_waits_for_nor_holds_up_writes_that_reference_the_project()
    {
        var project = await app.CreateProjectAsync();
        // An insert referencing the project (here an activity entry, as every change writes) holds a key-share lock on
        // the project's row until it commits. Each side gives up after 2 s instead of waiting for the other's end.
        await using var writer = await OpenAsync();
        await using var writing = await writer.BeginTransactionAsync();
        await ExecuteAsync(writer, RecordActivity, project.Id);

        await using var refresher = await OpenAsync();
        await using var refreshing = await refresher.BeginTransactionAsync();
        await ExecuteAsync(refresher, "SELECT dashboard_refresh_projects(ARRAY[@project])", project.Id);

        await using var nextWriter = await OpenAsync();
        await using var nextWriting = await nextWriter.BeginTransactionAsync();
        await ExecuteAsync(nextWriter, RecordActivity, project.Id);

        Assert.Equal(1L, await ExecuteAsync(refresher, "SELECT count(*) FROM dashboard_projects WHERE project_id = @project", project.Id));
    }

    private const string RecordActivity = "INSERT INTO activity (project_id, at, actor_name, kind, subject) VALUES (@project, now(), 'Pipeline', 1, 'A change')";

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var timeout = new NpgsqlCommand("SET lock_timeout = '2s'", connection);
        await timeout.ExecuteNonQueryAsync();
        return connection;
    }

    private static async Task<object?> ExecuteAsync(NpgsqlConnection connection, string sql, Guid project)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("project", project);
        return await command.ExecuteScalarAsync();
    }
}
