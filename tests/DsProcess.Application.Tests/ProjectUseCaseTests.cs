using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Models;
using DsProcess.Application.Projects.Commands.CreateProject;
using DsProcess.Application.Projects.Queries.ListProjects;
using DsProcess.Application.Projects.Queries.ProjectBoard;
using DsProcess.Domain.Activity;
using DsProcess.Domain.Projects;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DsProcess.Application.Tests;

public sealed class ProjectUseCaseTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Creating_a_project_copies_the_default_playbook()
    {
        var board = await app.CreateProjectAsync();

        Assert.Equal(4, board.Phases.Count);
        Assert.Equal(21, board.Tasks.Count());
        Assert.Equal(PhaseKind.DataDevelopment, board.CurrentPhase);
        Assert.Equal(PhaseState.Active, board.Phases[0].State);
        Assert.Equal(0, board.ProgressPercent);
        Assert.All(board.Tasks, t => Assert.NotNull(t.Due));
        var activity = await app.WithDbAsync(db => db.Activity.Where(a => a.ProjectId == board.Id).Select(a => new { a.Kind, a.ActorName }).ToListAsync());
        Assert.Contains(activity, a => a.Kind == ActivityKind.ProjectCreated && a.ActorName == app.Lead.Name);
        Assert.Contains(activity, a => a.Kind == ActivityKind.PhaseStateChanged);
    }

    public static TheoryData<string, string, string?, int?, string> BadInput() => new()
    {
        { "", "ABC", null, 30, "Name" },
        { "   ", "ABC", null, 30, "Name" },
        { new string('n', 121), "ABC", null, 30, "Name" },
        { "Churn", "", null, 30, "Key" },
        { "Churn", "c", null, 30, "Key" },
        { "Churn", "churn", null, 30, "Key" },
        { "Churn", "ABCDEFGHIJK", null, 30, "Key" },
        { "Churn", "AB-1", null, 30, "Key" },
        { "Churn", "ABC", new string('o', 2001), 30, "Objective" },
        { "Churn", "ABC", null, null, "TargetDate" },
        { "Churn", "ABC", null, 0, "TargetDate" },
        { "Churn", "ABC", null, -5, "TargetDate" },
        { "Churn", "ABC", null, 365 * 6, "TargetDate" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_project_input_gets_a_field_message_and_saves_nothing(string name, string key, string? objective, int? daysAhead, string field)
    {
        var before = await app.WithDbAsync(db => db.Projects.CountAsync());

        var error = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(new CreateProjectCommand
        {
            Name = name,
            Key = key,
            Objective = objective,
            TargetDate = daysAhead is { } days ? DateOnly.FromDateTime(DateTime.UtcNow).AddDays(days) : null,
        }));

        Assert.True(error.Errors.ContainsKey(field), $"expected a message for {field}, got {string.Join(", ", error.Errors.Keys)}");
        Assert.All(error.Errors[field], m => Assert.False(string.IsNullOrWhiteSpace(m)));
        Assert.Equal(before, await app.WithDbAsync(db => db.Projects.CountAsync()));
    }

    [Fact]
    public async Task A_duplicate_key_is_refused_with_a_message_on_the_key()
    {
        var key = Keys.Next("DUP");
        await app.CreateProjectAsync(key);

        var error = await Assert.ThrowsAsync<ValidationException>(() => app.CreateProjectAsync(key, "Another"));

        Assert.Contains("already used", Assert.Single(error.Errors["Key"]), StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.Projects.CountAsync(p => p.Key == key)));
    }

    [Fact]
    public async Task Two_projects_created_at_once_with_one_key_leave_one_and_a_clear_message()
    {
        var key = Keys.Next("RACE");

        // Racing creates may both pass the existence check; the unique index then refuses the loser.
        var attempts = await Task.WhenAll(Enumerable.Range(0, 4).Select(async i =>
        {
            try
            {
                await app.CreateProjectAsync(key, $"Racer {i}");
                return null;
            }
            catch (ValidationException ex)
            {
                return ex;
            }
        }));

        Assert.Single(attempts, a => a is null);
        Assert.All(attempts.OfType<ValidationException>(), ex => Assert.Contains("already used", ex.Errors["Key"][0], StringComparison.Ordinal));
        Assert.Equal(1, await app.WithDbAsync(db => db.Projects.CountAsync(p => p.Key == key)));
    }

    [Fact]
    public async Task Projects_are_searched_sorted_and_paged_on_the_server()
    {
        var prefix = Keys.Next("S");
        var names = new[] { "Zebra forecasting", "Alpha churn", "Mango pricing" };
        for (var i = 0; i < names.Length; i++)
        {
            await app.CreateProjectAsync($"{prefix}{i}", $"{names[i]} {prefix}");
        }

        await app.FinishAsync($"{prefix}2", "Data collection");

        var byName = await app.SendAsync(new ListProjectsQuery(prefix, ProjectSort.Name, SortDirection.Ascending, Page: 1, PageSize: 2));
        Assert.Equal(3, byName.TotalCount);
        Assert.Equal([$"Alpha churn {prefix}", $"Mango pricing {prefix}"], byName.Items.Select(p => p.Name));

        var secondPage = await app.SendAsync(new ListProjectsQuery(prefix, ProjectSort.Name, SortDirection.Ascending, Page: 2, PageSize: 2));
        Assert.Equal([$"Zebra forecasting {prefix}"], secondPage.Items.Select(p => p.Name));

        var byProgress = await app.SendAsync(new ListProjectsQuery(prefix.ToLowerInvariant(), ProjectSort.Progress, SortDirection.Descending));
        var top = byProgress.Items[0];
        Assert.Equal($"{prefix}2", top.Key);
        Assert.Equal(21, top.TaskCount);
        Assert.Equal(1, top.FinishedTaskCount);
        Assert.Equal(4, top.ProgressPercent);

        var none = await app.SendAsync(new ListProjectsQuery("no such project 100%_"));
        Assert.Equal(0, none.TotalCount);
        Assert.Empty(none.Items);
    }

    [Fact]
    public async Task Paging_input_out_of_range_is_refused()
    {
        await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(new ListProjectsQuery(Page: 0)));
        await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(new ListProjectsQuery(PageSize: 1000)));
    }

    [Fact]
    public async Task The_board_of_a_21_task_project_loads_in_two_sql_round_trips()
    {
        var board = await app.CreateProjectAsync();
        var database = new NpgsqlConnectionStringBuilder(app.ConnectionString).Database!;

        using var counter = new SqlCommandCounter(database);
        var loaded = await app.SendAsync(new ProjectBoardQuery(board.Key));

        Assert.Equal(21, loaded.Tasks.Count());
        Assert.All(loaded.Tasks, t => Assert.NotEmpty(t.Checklist));
        // One identifies the caller (fresh, so a disabled account is refused at once), one reads the whole board.
        Assert.Equal(2, counter.Commands.Count);
        Assert.Contains("FROM people", counter.Commands[0], StringComparison.Ordinal);
        Assert.Contains("project_tasks", counter.Commands[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_project_key_is_not_found()
    {
        var error = await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new ProjectBoardQuery("NOPE404")));
        Assert.Contains("NOPE404", error.Message, StringComparison.Ordinal);
    }
}
