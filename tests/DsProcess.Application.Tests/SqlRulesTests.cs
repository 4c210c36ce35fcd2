using DsProcess.Application.Roles.Commands.AddRole;
using DsProcess.Domain.People;
using DsProcess.Domain.Projects;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DsProcess.Application.Tests;

/// <summary>
/// The read model's SQL asks the rules of task_is_finished, task_is_open, task_is_overdue and task_owner_roles: each
/// must say what the domain's <see cref="WorkRules"/> say, for every value of the C# enums (so the numbers stay in step).
/// </summary>
public sealed class SqlRulesTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly DateOnly Today = new(2026, 6, 15);

    [Fact]
    public async Task The_sql_task_rules_agree_with_the_domain_for_every_status_phase_state_and_due_date()
    {
        DateOnly?[] dues = [null, Today.AddDays(-1), Today, Today.AddDays(1)];
        var cases = (
            from status in Enum.GetValues<ProjectTaskStatus>()
            from phase in Enum.GetValues<PhaseState>()
            from due in dues
            select (status, phase, due)).ToList();

        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        foreach (var (status, phase, due) in cases)
        {
            await using var command = new NpgsqlCommand(
                "SELECT task_is_finished(@status), task_is_open(@status, @phase), task_is_overdue(@status, @phase, @due, @today)",
                connection);
            command.Parameters.AddWithValue("status", (int)status);
            command.Parameters.AddWithValue("phase", (int)phase);
            command.Parameters.AddWithValue("due", NpgsqlTypes.NpgsqlDbType.Date, due is { } d ? d : DBNull.Value);
            command.Parameters.AddWithValue("today", Today);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            var what = $"{status} in a {phase} phase, due {due?.ToString("O") ?? "never"}";
            Assert.True(WorkRules.IsFinished(status) == reader.GetBoolean(0), $"finished: {what}");
            Assert.True(WorkRules.IsOpenWork(status, phase) == reader.GetBoolean(1), $"open: {what}");
            Assert.True(WorkRules.IsOverdue(status, phase, due, Today) == (!reader.IsDBNull(2) && reader.GetBoolean(2)), $"overdue: {what}");
        }
    }

    [Fact]
    public async Task The_sql_rule_of_which_projects_count_overdue_agrees_with_the_domain_for_every_status()
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        foreach (var status in Enum.GetValues<ProjectStatus>())
        {
            await using var command = new NpgsqlCommand("SELECT project_counts_overdue(@status)", connection);
            command.Parameters.AddWithValue("status", (int)status);

            Assert.True(WorkRules.CountsOverdue(status) == (bool)(await command.ExecuteScalarAsync())!, $"counts overdue: {status}");
        }
    }

    [Fact]
    public async Task The_sql_task_owner_roles_are_the_domains_with_the_roles_the_organisation_added()
    {
        var admin = await app.CreatePersonAsync("Ada Admin", SystemRole.Admin);
        var added = await app.SendAsync(new AddRoleCommand { Name = $"Steward {Guid.NewGuid().ToString("N")[..8]}" }, admin);

        var roles = await app.WithDbAsync(db => db.Database.SqlQueryRaw<int[]>("SELECT task_owner_roles() AS \"Value\"").SingleAsync());

        Assert.Equal([.. WorkRules.TaskOwnerRoles.Where(r => !CustomRoles.IsCustom(r)).Select(r => (int)r), (int)added], roles);
        Assert.Subset(WorkRules.TaskOwnerRoles.Select(r => (int)r).ToHashSet(), roles.ToHashSet());
    }

    [Fact]
    public async Task Overdue_task_filters_in_queries_agree_with_the_domain()
    {
        var board = await app.CreateProjectAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        var tasks = await app.WithDbAsync(db => db.Tasks.AsNoTracking()
            .Where(t => t.ProjectId == board.Id)
            .Select(t => new { t.Status, PhaseState = t.Phase.State, t.Due })
            .ToListAsync());
        var overdueInSql = await app.WithDbAsync(db => db.Tasks.Where(t => t.ProjectId == board.Id)
            .Where(Tasks.TaskFilters.OverdueOn(today.AddDays(60))).CountAsync());

        Assert.Equal(tasks.Count(t => WorkRules.IsOverdue(t.Status, t.PhaseState, t.Due, today.AddDays(60))), overdueInSql);
        Assert.InRange(overdueInSql, 1, tasks.Count - 1);
    }
}
