using DsProcess.Application.Playbooks;
using DsProcess.Application.Playbooks.Commands.ImportPlaybook;
using DsProcess.Application.Playbooks.Queries.ExportPlaybook;
using DsProcess.Application.Projects.Commands.CreateProject;
using DsProcess.Application.Roles.Commands.AddRole;
using DsProcess.Application.Roles.Queries.Roles;
using DsProcess.Application.Tasks.Commands.AssignTask;
using DsProcess.Application.Teams.Queries.ProjectTeam;
using DsProcess.Domain.Activity;
using DsProcess.Domain.People;
using DsProcess.Domain.Playbooks;
using DsProcess.Domain.Projects;
using Microsoft.EntityFrameworkCore;
using ValidationException = DsProcess.Application.Common.Exceptions.ValidationException;

namespace DsProcess.Application.Tests;

/// <summary>Roles an organisation adds: owning playbook tasks, staffing teams, taking work; on PostgreSQL.</summary>
public sealed class CustomRoleUseCaseTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_role_an_admin_adds_owns_a_playbook_task_is_staffed_on_a_team_and_takes_the_work()
    {
        var admin = await app.CreatePersonAsync("Ada Admin", SystemRole.Admin);
        var name = $"DevOps engineer {Guid.NewGuid().ToString("N")[..6]}";
        var devOps = await app.SendAsync(new AddRoleCommand { Name = name, Description = "Runs the delivery pipelines." }, admin);

        Assert.True(CustomRoles.IsCustom(devOps));
        Assert.Equal(name, DisplayNames.Of(devOps));
        Assert.Contains(await app.SendAsync(new RolesQuery(), admin), r => r.Role == devOps && r.IsCustom && r.Description == "Runs the delivery pipelines.");

        // A playbook file names the role as the organisation calls it, and an exported playbook writes it so.
        var exported = await app.SendAsync(new ExportPlaybookQuery(DefaultPlaybook.Id));
        var withDevOps = exported with
        {
            Name = $"Platform {Guid.NewGuid():N}",
            Phases = [.. exported.Phases.Select(p => p.Phase != PhaseKind.ProductionDeployment ? p : p with
            {
                Tasks = [.. p.Tasks, new PlaybookTaskDocument { Title = "Automate the release", ResponsibleRole = devOps, SupportingRoles = [ProjectRole.MLEngineer] }],
            })],
        };
        var playbook = await app.SendAsync(new ImportPlaybookCommand(withDevOps.Write().Replace(name, name.ToUpperInvariant(), StringComparison.Ordinal)), admin);
        Assert.Contains($"\"responsibleRole\": \"{name}\"", (await app.SendAsync(new ExportPlaybookQuery(playbook))).Write(), StringComparison.Ordinal);

        var project = await app.SendAsync(new CreateProjectCommand
        {
            Name = "Release automation",
            Key = Keys.Next(),
            TargetDate = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(90),
            PlaybookId = playbook,
        });
        var owen = await app.CreateMemberAsync(project.Id, "Owen Ops", devOps);

        var team = await app.SendAsync(new ProjectTeamQuery(project.Key));
        var staffing = Assert.Single(team.Roles, r => r.Role == devOps);
        Assert.Equal((1, 1, 1), (staffing.Holders, staffing.OpenTasks, staffing.UnassignedTasks));
        Assert.Equal([devOps], Assert.Single(team.Members, m => m.PersonId == owen.Id).Roles);

        var task = await app.TaskAsync(project.Key, "Automate the release");
        Assert.Equal(devOps, task.ResponsibleRole);
        await app.SendAsync(new AssignTaskCommand(task.Id, task.Version, owen.Id));
        Assert.Equal(owen.Id, (await app.TaskAsync(project.Key, "Automate the release")).AssigneeId);

        var recorded = await app.WithDbAsync(db => db.Activity.AsNoTracking().SingleAsync(a => a.Kind == ActivityKind.RoleAdded && a.Subject == name));
        Assert.Equal(admin.Name, recorded.ActorName);
    }

    [Theory]
    [InlineData("data scientist", "Data scientist is a built-in role already.")]
    [InlineData("MLEngineer", "ML engineer is a built-in role already.")]
    public async Task A_role_with_a_built_in_name_or_one_taken_in_another_case_is_refused(string name, string message)
    {
        var admin = await app.CreatePersonAsync("Ada Admin", SystemRole.Admin);
        var builtIn = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(new AddRoleCommand { Name = name }, admin));
        Assert.Equal([message], builtIn.Errors[nameof(AddRoleCommand.Name)]);

        var steward = $"Data steward {Guid.NewGuid().ToString("N")[..6]}";
        await app.SendAsync(new AddRoleCommand { Name = steward }, admin);
        var taken = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(new AddRoleCommand { Name = $"  {steward.ToUpperInvariant()} " }, admin));
        Assert.Contains("already a role", taken.Errors[nameof(AddRoleCommand.Name)][0], StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.CustomRoles.CountAsync(r => r.Name == steward)));
    }

    [Fact]
    public async Task A_playbook_file_naming_a_role_this_organisation_lacks_is_refused_at_the_field()
    {
        var admin = await app.CreatePersonAsync("Ada Admin", SystemRole.Admin);
        var exported = await app.SendAsync(new ExportPlaybookQuery(DefaultPlaybook.Id));
        var json = (exported with { Name = $"Elsewhere {Guid.NewGuid():N}" }).Write();
        var at = json.IndexOf("\"DataEngineer\"", StringComparison.Ordinal);
        json = string.Concat(json.AsSpan(0, at), "\"Citizen data scientist 7f3a\"", json.AsSpan(at + "\"DataEngineer\"".Length));

        var refused = await Assert.ThrowsAsync<ValidationException>(() =>
            app.SendAsync(new ImportPlaybookCommand(json), admin));

        Assert.Equal(["phases[0].tasks[0].responsibleRole"], refused.Errors.Keys);
        Assert.Contains("\"Citizen data scientist 7f3a\" is not a role here", refused.Errors["phases[0].tasks[0].responsibleRole"][0], StringComparison.Ordinal);
    }
}
