using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Gates.Commands.SubmitGate;
using DsProcess.Application.Projects.Queries.ListProjects;
using DsProcess.Application.Tasks.Commands.AddTask;
using DsProcess.Application.Tasks.Commands.ChangeTaskStatus;
using DsProcess.Application.Teams.Commands.ChangeMemberRoles;
using DsProcess.Application.Teams.Commands.RemoveMember;
using DsProcess.Domain.Projects;
using DsProcess.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DsProcess.Application.Tests;

/// <summary>
/// Two commands that each read what the other changes, saved at the same moment (a <see cref="SaveBarrier"/> holds
/// both until both are about to save): one of them must be refused, so no rule is broken by the pair.
/// </summary>
public sealed class WriteSkewTests(AppFixture app) : IClassFixture<AppFixture>, IAsyncLifetime
{
    private readonly SaveBarrier _barrier = new();
    private DsProcessApp? _racing;

    public async ValueTask InitializeAsync()
    {
        _racing = new DsProcessApp(app.ConnectionString, services: s => s.ConfigureDbContext<AppDbContext>(o => o.AddInterceptors(_barrier)));
        // Started and warm before any race, so that neither racer waits for the host while the other waits at the barrier.
        await _racing.SendAsAsync(new ListProjectsQuery(), app.Lead);
    }

    public async ValueTask DisposeAsync()
    {
        _barrier.Disarm();
        if (_racing is not null)
        {
            await _racing.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_required_task_reopened_while_its_gate_is_submitted_never_leaves_a_submitted_gate_with_open_work()
    {
        var board = await app.CreateProjectAsync();
        var engineer = await app.CreateMemberAsync(board.Id, "Eve Engineer", ProjectRole.DataEngineer);
        await app.FinishRequiredTasksAsync(board.Key, PhaseKind.DataDevelopment);
        var done = await app.TaskAsync(board.Key, "Data collection");

        var outcomes = await RaceAsync(
            racing => racing.SendAsAsync(new ChangeTaskStatusCommand(done.Id, done.Version, TaskMove.Reopen, "Wrong source"), engineer),
            racing => racing.SendAsAsync(new SubmitGateCommand(board.Id, PhaseKind.DataDevelopment), app.Lead));

        AssertOneWonOneConflicted(outcomes);
        var phase = (await app.BoardAsync(board.Key)).Phases.Single(p => p.Kind == PhaseKind.DataDevelopment);
        Assert.False(
            phase.State == PhaseState.AwaitingGate && phase.OpenRequiredCount > 0,
            "the gate was submitted while a required task was open again");
    }

    [Fact]
    public async Task A_required_task_added_while_the_gate_is_submitted_never_joins_a_submitted_phase()
    {
        var board = await app.CreateProjectAsync();
        await app.FinishRequiredTasksAsync(board.Key, PhaseKind.DataDevelopment);

        var outcomes = await RaceAsync(
            racing => racing.SendAsAsync(new AddTaskCommand { ProjectId = board.Id, Phase = PhaseKind.DataDevelopment, Title = "Label images" }, app.Lead),
            racing => racing.SendAsAsync(new SubmitGateCommand(board.Id, PhaseKind.DataDevelopment), app.Lead));

        AssertOneWonOneConflicted(outcomes);
        var phase = (await app.BoardAsync(board.Key)).Phases.Single(p => p.Kind == PhaseKind.DataDevelopment);
        Assert.False(phase.State == PhaseState.AwaitingGate && phase.OpenRequiredCount > 0, "a required task joined a submitted phase");
    }

    [Fact]
    public async Task Two_leads_removing_each_other_at_once_never_leave_the_project_without_a_lead()
    {
        var board = await app.CreateProjectAsync();
        var second = await app.CreateMemberAsync(board.Id, "Sam Second-Lead", ProjectRole.TeamLead);

        var outcomes = await RaceAsync(
            racing => racing.SendAsAsync(new RemoveMemberCommand(board.Id, second.Id), app.Lead),
            racing => racing.SendAsAsync(new RemoveMemberCommand(board.Id, app.Lead.Id), second));

        AssertOneWonOneConflicted(outcomes);
        Assert.Equal(1, await LeadsOfAsync(board.Id));
    }

    [Fact]
    public async Task Two_leads_stepping_each_other_down_at_once_never_leave_the_project_without_a_lead()
    {
        var board = await app.CreateProjectAsync();
        var second = await app.CreateMemberAsync(board.Id, "Sue Second-Lead", ProjectRole.TeamLead, ProjectRole.DataScientist);

        var outcomes = await RaceAsync(
            racing => racing.SendAsAsync(new ChangeMemberRolesCommand(board.Id, second.Id, [ProjectRole.DataScientist]), app.Lead),
            racing => racing.SendAsAsync(new ChangeMemberRolesCommand(board.Id, app.Lead.Id, [ProjectRole.DataEngineer]), second));

        AssertOneWonOneConflicted(outcomes);
        Assert.Equal(1, await LeadsOfAsync(board.Id));
    }

    // Read directly: whichever lead lost the race may no longer read the board.
    private Task<int> LeadsOfAsync(Guid projectId) =>
        app.WithDbAsync(db => db.Members.CountAsync(m => m.ProjectId == projectId && m.Roles.Contains(ProjectRole.TeamLead)));

    /// <summary>Runs both commands so that both have read their state before either saves; returns how each ended.</summary>
    private async Task<Exception?[]> RaceAsync(params Func<DsProcessApp, Task>[] commands)
    {
        _barrier.Arm(commands.Length);
        try
        {
            return await Task.WhenAll(commands.Select(async command =>
            {
                try
                {
                    await command(_racing!);
                    return null;
                }
                catch (Exception ex)
                {
                    return ex;
                }
            }));
        }
        finally
        {
            _barrier.Disarm();
        }
    }

    private static void AssertOneWonOneConflicted(Exception?[] outcomes)
    {
        Assert.Single(outcomes, o => o is null);
        Assert.IsType<ConflictException>(Assert.Single(outcomes, o => o is not null));
    }
}
