using DsProcess.Application.Playbooks;
using DsProcess.Application.Playbooks.Commands.DeletePlaybook;
using DsProcess.Application.Playbooks.Commands.ImportPlaybook;
using DsProcess.Application.Playbooks.Commands.SetPlaybookArchived;
using DsProcess.Application.Playbooks.Queries.ExportPlaybook;
using DsProcess.Application.Playbooks.Queries.Playbooks;
using DsProcess.Application.Projects.Commands.CreateProject;
using DsProcess.Domain.Activity;
using DsProcess.Domain.Common;
using DsProcess.Domain.People;
using DsProcess.Domain.Playbooks;
using DsProcess.Domain.Projects;
using Microsoft.EntityFrameworkCore;
using ValidationException = DsProcess.Application.Common.Exceptions.ValidationException;

namespace DsProcess.Application.Tests;

/// <summary>Playbooks shared as JSON files, and projects started from the one a lead chooses.</summary>
public sealed class PlaybookUseCaseTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task An_exported_playbook_imported_under_another_name_starts_projects_with_its_own_tasks()
    {
        var exported = await app.SendAsync(new ExportPlaybookQuery(DefaultPlaybook.Id));
        var lean = exported with
        {
            Name = $"Lean lifecycle {Guid.NewGuid():N}",
            Phases = [.. exported.Phases.Select(p => p with { Tasks = [p.Tasks[0] with { Title = $"{p.Phase} in one go", Optional = true }] })],
        };

        var id = await app.SendAsync(new ImportPlaybookCommand((lean with { SchemaLink = "https://dsprocess.example/schemas/playbook.json" }).Write()), await AdminAsync());

        var row = Assert.Single(await app.SendAsync(new PlaybooksQuery()), p => p.Id == id);
        Assert.Equal((lean.Name, false, 4, 0), (row.Name, row.IsDefault, row.Tasks, row.Projects));
        Assert.Equal(lean.Write(), (await app.SendAsync(new ExportPlaybookQuery(id))).Write());

        var created = await app.SendAsync(new CreateProjectCommand
        {
            Name = "Lean churn",
            Key = Keys.Next(),
            TargetDate = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(60),
            PlaybookId = id,
        });
        var board = await app.BoardAsync(created.Key);
        Assert.Equal(["DataDevelopment in one go", "ModelDevelopment in one go", "ProductionDeployment in one go", "BusinessAnalysis in one go"], board.Tasks.Select(t => t.Title));
        Assert.Equal(1, Assert.Single(await app.SendAsync(new PlaybooksQuery()), p => p.Id == id).Projects);
        Assert.Equal(id, await app.WithDbAsync(db => db.Projects.Where(p => p.Id == created.Id).Select(p => p.PlaybookId).SingleAsync()));
    }

    [Theory]
    [InlineData("""{"format":"dsprocess-playbook/1","name":"X","phases":[{"phase":"DataDevelopment","tasks":[{"title":"T","responsibleRole":"DevOpsEngineer"}]}]}""", "phases[0].tasks[0].responsibleRole")]
    [InlineData("""{"format":"dsprocess-playbook/1","name":"X","phases":[{"phase":"Research","tasks":[]}]}""", "phases[0].phase")]
    [InlineData("""{"format":"dsprocess-playbook/1","name":"X","phases":[],"colour":"red"}""", "colour")]
    [InlineData("""{"format":"dsprocess-playbook/1","name":"X","phases":[{"phase":"DataDevelopment","tasks":[{"title":"T","responsibleRole":"DataEngineer","checklist":[null]}]}]}""", "phases[0].tasks[0].checklist[0]")]
    [InlineData("""{"format":"dsprocess-playbook/1","name":"X","phases":[null]}""", "phases[0]")]
    [InlineData("""{"format":"dsprocess-playbook/1","phases":[]}""", "file")]
    [InlineData("""{"format":"dsprocess-playbook/1", "name": """, "name")]
    [InlineData("""{"format":"another-tool/2","name":"X","phases":[]}""", "format")]
    public Task A_file_that_is_not_a_playbook_is_refused_at_the_field_that_is_wrong(string json, string field) => RefusedAtAsync(json, field);

    [Fact]
    public Task A_file_with_half_a_character_is_refused_as_a_whole() => RefusedAtAsync($"{{\"format\":\"A{(char)0xDC00}B\"}}", nameof(ImportPlaybookCommand.Json));

    private async Task RefusedAtAsync(string json, string field)
    {
        var admin = await AdminAsync();
        var before = await app.WithDbAsync(db => db.Playbooks.CountAsync());

        var refused = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(new ImportPlaybookCommand(json), admin));

        Assert.Equal([field], refused.Errors.Keys);
        Assert.Equal(before, await app.WithDbAsync(db => db.Playbooks.CountAsync()));
    }

    [Fact]
    public async Task A_playbook_that_breaks_the_rules_is_refused_with_every_problem_and_a_taken_name_too()
    {
        var exported = await app.SendAsync(new ExportPlaybookQuery(DefaultPlaybook.Id));
        var broken = exported with
        {
            Name = $"Broken {Guid.NewGuid():N}",
            Phases = [.. exported.Phases.Take(3).Select((p, i) => i == 1 ? p with { Tasks = [] } : p)],
        };
        var admin = await AdminAsync();

        var refused = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(new ImportPlaybookCommand(broken.Write()), admin));
        Assert.Equal(["phases", "phases[1].tasks"], refused.Errors.Keys.Order());
        Assert.Equal(["The playbook needs the Business Analysis phase."], refused.Errors["phases"]);

        var taken = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(new ImportPlaybookCommand(exported.Write()), admin));
        Assert.Equal([$"There is already a playbook called \"{DefaultPlaybook.Name}\"; rename it in the file."], taken.Errors["name"]);
    }

    [Fact]
    public async Task A_project_on_a_playbook_that_does_not_exist_is_refused_and_without_a_choice_starts_on_the_default()
    {
        var refused = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(new CreateProjectCommand
        {
            Name = "Nowhere",
            Key = Keys.Next(),
            TargetDate = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(60),
            PlaybookId = Guid.NewGuid(),
        }));
        Assert.Equal([nameof(CreateProjectCommand.PlaybookId)], refused.Errors.Keys);

        var board = await app.CreateProjectAsync(withEvidence: false);
        Assert.Equal(DefaultPlaybook.Id, await app.WithDbAsync(db => db.Projects.Where(p => p.Id == board.Id).Select(p => p.PlaybookId).SingleAsync()));
    }

    [Fact]
    public async Task An_archived_playbook_starts_no_project_until_restored_a_used_one_is_not_deleted_and_each_change_is_recorded()
    {
        var admin = await AdminAsync();
        var name = $"Seasonal {Guid.NewGuid():N}";
        var id = await app.AddPlaybookAsync(name);

        await app.SendAsync(new SetPlaybookArchivedCommand(id, Archived: true), admin);

        Assert.True(Assert.Single(await app.SendAsync(new PlaybooksQuery()), p => p.Id == id).IsArchived);
        var archived = await Assert.ThrowsAsync<ValidationException>(() => CreateOnAsync(id));
        Assert.Equal([$"\"{name} v1\" is archived; choose another playbook."], archived.Errors[nameof(CreateProjectCommand.PlaybookId)]);

        await app.SendAsync(new SetPlaybookArchivedCommand(id, Archived: false), admin);
        await CreateOnAsync(id);
        var used = await Assert.ThrowsAsync<DomainRuleException>(() => app.SendAsync(new DeletePlaybookCommand(id), admin));
        Assert.Equal($"1 project started from \"{name} v1\"; archive it instead, so no new project does.", used.Message);

        var mistake = await app.AddPlaybookAsync($"Mistake {Guid.NewGuid():N}");
        await app.SendAsync(new DeletePlaybookCommand(mistake), admin);
        Assert.DoesNotContain(await app.SendAsync(new PlaybooksQuery()), p => p.Id == mistake);
        Assert.Null(await app.WithDbAsync(db => db.Playbooks.SingleOrDefaultAsync(p => p.Id == mistake)));

        var recorded = await app.WithDbAsync(db => db.Activity.AsNoTracking()
            .Where(a => a.ProjectId == null && a.Subject == $"{name} v1").OrderBy(a => a.At).Select(a => new { a.Kind, a.ActorName }).ToListAsync());
        Assert.Equal(
            [(ActivityKind.PlaybookImported, "DsProcess"), (ActivityKind.PlaybookArchived, admin.Name), (ActivityKind.PlaybookRestored, admin.Name)],
            recorded.Select(a => (a.Kind, a.ActorName)));
    }

    private Task<CreatedProject> CreateOnAsync(Guid playbookId) => app.SendAsync(new CreateProjectCommand
    {
        Name = "Seasonal demand",
        Key = Keys.Next(),
        TargetDate = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(60),
        PlaybookId = playbookId,
    });

    private Task<TestPerson> AdminAsync() => app.CreatePersonAsync("Ada Admin", SystemRole.Admin);

    [Fact]
    public void The_published_schema_describes_the_format_the_export_writes()
    {
        var schema = PlaybookDocument.Schema();

        Assert.Equal("https://json-schema.org/draft/2020-12/schema", schema["$schema"]!.GetValue<string>());
        Assert.Equal(["format", "name", "phases"], schema["required"]!.AsArray().Select(n => n!.GetValue<string>()).Order());
        var task = schema["properties"]!["phases"]!["items"]!["properties"]!["tasks"]!["items"]!;
        var role = task["properties"]!["responsibleRole"]!;
        Assert.Equal("string", role["type"]!.GetValue<string>());
        Assert.Equal(Enum.GetNames<ProjectRole>(), role["examples"]!.AsArray().Select(n => n!.GetValue<string>()));
    }
}
