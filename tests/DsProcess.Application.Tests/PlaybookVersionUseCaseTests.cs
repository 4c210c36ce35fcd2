using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Gates.Commands.SubmitGate;
using DsProcess.Application.Gates.Queries.AutomaticCriteria;
using DsProcess.Application.People.Commands.SetPlaybookOwner;
using DsProcess.Application.People.Queries.ListPeople;
using DsProcess.Application.Playbooks;
using DsProcess.Application.Playbooks.Commands.CreatePlaybook;
using DsProcess.Application.Playbooks.Commands.DraftPlaybookVersion;
using DsProcess.Application.Playbooks.Commands.PublishPlaybook;
using DsProcess.Application.Playbooks.Commands.SavePlaybookDraft;
using DsProcess.Application.Playbooks.Commands.SetPlaybookArchived;
using DsProcess.Application.Playbooks.Queries.Playbook;
using DsProcess.Application.Playbooks.Queries.Playbooks;
using DsProcess.Application.Projects.Commands.CreateProject;
using DsProcess.Application.Projects.Commands.TakePlaybookVersion;
using DsProcess.Application.Projects.Queries.PreviewPlaybookVersion;
using DsProcess.Application.Projects.Queries.ProjectSettings;
using DsProcess.Domain.Activity;
using DsProcess.Domain.Common;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.People;
using DsProcess.Domain.Playbooks;
using DsProcess.Domain.Projects;
using Microsoft.EntityFrameworkCore;
using ValidationException = DsProcess.Application.Common.Exceptions.ValidationException;

namespace DsProcess.Application.Tests;

/// <summary>Playbooks edited as drafts and published as versions, on PostgreSQL.</summary>
public sealed class PlaybookVersionUseCaseTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_playbook_copied_from_the_default_is_edited_published_and_starts_projects_while_its_next_draft_does_not()
    {
        var admin = await AdminAsync();
        var name = $"Platform team {Guid.NewGuid():N}";
        var id = await app.SendAsync(new CreatePlaybookCommand { CopyOf = DefaultPlaybook.Id, Name = name }, admin);

        var draft = await app.SendAsync(new PlaybookQuery(id), admin);
        Assert.Equal((1, true, false, name), (draft.Number, draft.IsDraft, draft.IsDefault, draft.Document.Name));
        var phases = draft.Document.Phases.ToList();
        phases[2] = phases[2] with
        {
            Tasks = [.. phases[2].Tasks, new PlaybookTaskDocument { Title = "Automate the release pipeline", ResponsibleRole = ProjectRole.MLEngineer }],
            GateCriteria = [.. phases[2].GateCriteria, "The release runs without a person"],
        };
        var version = await app.SendAsync(new SavePlaybookDraftCommand(id, draft.Version, name, "For platform teams", phases), admin);
        await Assert.ThrowsAsync<ValidationException>(() => CreateOnAsync(id));

        await app.SendAsync(new PublishPlaybookCommand(id, version), admin);

        var row = Assert.Single(await app.SendAsync(new PlaybooksQuery()), p => p.Id == id);
        Assert.Equal(($"{name} v1", false, true, 22), (row.Label, row.IsDraft, row.IsOffered, row.Tasks));
        var project = await CreateOnAsync(id);
        Assert.Contains((await app.BoardAsync(project.Key)).Tasks, t => t.Title == "Automate the release pipeline");

        var next = await app.SendAsync(new DraftPlaybookVersionCommand(id), admin);
        Assert.Equal(next, await app.SendAsync(new DraftPlaybookVersionCommand(id), admin));
        var v2 = await app.SendAsync(new PlaybookQuery(next), admin);
        Assert.Equal((2, true, id, row.Lineage), (v2.Number, v2.IsDraft, v2.PreviousId, v2.Lineage));
        var published = await app.SendAsync(new PlaybookQuery(id), admin);
        var refused = await Assert.ThrowsAsync<DomainRuleException>(() =>
            app.SendAsync(new SavePlaybookDraftCommand(id, published.Version, name, null, phases), admin));
        Assert.Equal($"{name} v1 is published and never changes; start a new draft to change it.", refused.Message);

        var recorded = await app.WithDbAsync(db => db.Activity.AsNoTracking()
            .Where(a => a.ProjectId == null && a.Subject.StartsWith(name)).OrderBy(a => a.At).ThenBy(a => a.Kind).Select(a => a.Kind).ToListAsync());
        Assert.Equal([ActivityKind.PlaybookDrafted, ActivityKind.PlaybookDraftSaved, ActivityKind.PlaybookPublished, ActivityKind.PlaybookDrafted], recorded);
    }

    [Fact]
    public async Task A_draft_that_breaks_the_rules_is_refused_with_every_problem_at_its_field_and_nothing_changes()
    {
        var admin = await AdminAsync();
        var draft = await app.AddPlaybookDraftAsync();
        var phases = PlaybookDocument.From(draft).Phases.ToList();
        phases[1] = phases[1] with { Tasks = [] };
        phases[3] = phases[3] with { Tasks = [phases[3].Tasks[0] with { Title = phases[0].Tasks[0].Title, ResponsibleRole = ProjectRole.Viewer }] };

        var refused = await Assert.ThrowsAsync<ValidationException>(() =>
            app.SendAsync(new SavePlaybookDraftCommand(draft.Id, draft.Version, DefaultPlaybook.Name, null, phases), admin));

        Assert.Equal(["phases[1].tasks", "phases[3].tasks[0].responsibleRole", "phases[3].tasks[0].title"], refused.Errors.Keys.Order());
        Assert.Equal([$"There is already a playbook called \"{DefaultPlaybook.Name}\"."], (await Assert.ThrowsAsync<ValidationException>(() =>
            app.SendAsync(new SavePlaybookDraftCommand(draft.Id, draft.Version, DefaultPlaybook.Name, null, PlaybookDocument.From(draft).Phases), admin))).Errors["name"]);
        var unchanged = await app.SendAsync(new PlaybookQuery(draft.Id), admin);
        Assert.Equal((draft.Version, draft.TaskCount), (unchanged.Version, unchanged.Document.Phases.Sum(p => p.Tasks.Count)));
    }

    [Fact]
    public async Task Two_admins_saving_one_draft_do_not_overwrite_each_other()
    {
        var admin = await AdminAsync();
        var draft = await app.AddPlaybookDraftAsync();
        var phases = PlaybookDocument.From(draft).Phases;

        await app.SendAsync(new SavePlaybookDraftCommand(draft.Id, draft.Version, draft.Name, "First", phases), admin);
        await Assert.ThrowsAsync<ConflictException>(() =>
            app.SendAsync(new SavePlaybookDraftCommand(draft.Id, draft.Version, draft.Name, "Second", phases), admin));
        await Assert.ThrowsAsync<ConflictException>(() => app.SendAsync(new PublishPlaybookCommand(draft.Id, draft.Version), admin));

        Assert.Equal("First", (await app.SendAsync(new PlaybookQuery(draft.Id), admin)).Document.Description);
    }

    [Fact]
    public async Task A_lead_previews_and_takes_a_newer_version_for_the_phases_not_started_but_not_one_published_after_the_preview()
    {
        var admin = await AdminAsync();
        var v1 = await app.AddPlaybookAsync();
        var project = await CreateOnAsync(v1);
        Assert.Null((await app.SendAsync(new PreviewPlaybookVersionQuery(project.Id))).NewerId);
        var v2 = await PublishNextAsync(admin, v1, phases =>
        {
            phases[0] = phases[0] with { Tasks = [.. phases[0].Tasks.Skip(1)] };
            phases[1] = phases[1] with { Tasks = [.. phases[1].Tasks, new PlaybookTaskDocument { Title = "Bias review", ResponsibleRole = ProjectRole.DataScientist }] };
        });

        var preview = await app.SendAsync(new PreviewPlaybookVersionQuery(project.Id));

        Assert.Equal(v2, preview.NewerId);
        Assert.Equal([PhaseKind.ModelDevelopment, PhaseKind.ProductionDeployment, PhaseKind.BusinessAnalysis], preview.Phases);
        var change = Assert.Single(preview.Changes);
        Assert.Equal((PhaseKind.ModelDevelopment, PlaybookChangeKind.Added, "Task “Bias review”"), (change.Phase, change.Kind, change.Subject));

        var v3 = await PublishNextAsync(admin, v2, phases => phases[3] = phases[3] with { Purpose = "Later" });
        var board = await app.BoardAsync(project.Key);
        var version = (await app.SendAsync(new ProjectSettingsQuery(project.Key))).Version;
        await Assert.ThrowsAsync<ConflictException>(() => app.SendAsync(new TakePlaybookVersionCommand(project.Id, version, v2)));

        await app.SendAsync(new TakePlaybookVersionCommand(project.Id, version, v3));

        var after = await app.BoardAsync(project.Key);
        Assert.Contains(after.Tasks, t => t.Title == "Bias review");
        Assert.Equal(board.Tasks.Count(t => t.Phase == PhaseKind.DataDevelopment), after.Tasks.Count(t => t.Phase == PhaseKind.DataDevelopment));
        Assert.Equal(v3, await app.WithDbAsync(db => db.Projects.Where(p => p.Id == project.Id).Select(p => p.PlaybookId).SingleAsync()));
        Assert.Null((await app.SendAsync(new PreviewPlaybookVersionQuery(project.Id))).NewerId);
        Assert.Empty(await Invariants.ViolationsAsync(app.ConnectionString));
    }

    [Fact]
    public async Task A_gate_whose_playbook_chose_no_automatic_criteria_is_submitted_without_evidence()
    {
        var admin = await AdminAsync();
        var v1 = await app.AddPlaybookAsync();
        var v2 = await PublishNextAsync(admin, v1, phases => phases[0] = phases[0] with { AutomaticCriteria = [] });
        var project = await CreateOnAsync(v2);

        var board = await app.BoardAsync(project.Key);
        Assert.Empty(board.Phases[0].Automatic);
        Assert.Equal([AutomaticCriterionKind.ModelMeetsTargets], board.Phases[1].Automatic.Select(c => c.Kind));
        Assert.Empty(await app.SendAsync(new AutomaticCriteriaQuery(project.Id, PhaseKind.DataDevelopment)));

        await app.FinishRequiredTasksAsync(project.Key, PhaseKind.DataDevelopment);
        await app.SendAsync(new SubmitGateCommand(project.Id, PhaseKind.DataDevelopment));

        Assert.Equal(PhaseState.AwaitingGate, (await app.BoardAsync(project.Key)).Phases[0].State);
    }

    [Fact]
    public async Task A_member_an_admin_makes_a_playbook_owner_writes_and_publishes_playbooks_but_archives_none()
    {
        var admin = await AdminAsync();
        var owner = await app.CreatePersonAsync("Olga Owner");
        var create = new CreatePlaybookCommand { CopyOf = DefaultPlaybook.Id, Name = $"Owned {Guid.NewGuid():N}" };
        var refused = await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(create, owner));
        Assert.Equal("This needs the Admin system role, or a playbook owner.", refused.Message);

        await app.SendAsync(new SetPlaybookOwnerCommand(owner.Id, Owns: true), admin);

        Assert.True(Assert.Single(await app.SendAsync(new ListPeopleQuery(owner.Name), admin), p => p.Id == owner.Id).OwnsPlaybooks);
        var id = await app.SendAsync(create, owner);
        var draft = await app.SendAsync(new PlaybookQuery(id), owner);
        await app.SendAsync(new PublishPlaybookCommand(id, draft.Version), owner);
        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new SetPlaybookArchivedCommand(id, Archived: true), owner));
        Assert.Equal(
            ["Playbook owner"],
            await app.WithDbAsync(db => db.Activity.AsNoTracking().Where(a => a.Kind == ActivityKind.PlaybookOwnerChanged && a.Subject == owner.Name).Select(a => a.To!).ToListAsync()));

        await app.SendAsync(new SetPlaybookOwnerCommand(owner.Id, Owns: false), admin);
        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new DraftPlaybookVersionCommand(id), owner));
    }

    private async Task<Guid> PublishNextAsync(TestPerson admin, Guid from, Action<List<PlaybookPhaseDocument>> change)
    {
        var id = await app.SendAsync(new DraftPlaybookVersionCommand(from), admin);
        var draft = await app.SendAsync(new PlaybookQuery(id), admin);
        var phases = draft.Document.Phases.ToList();
        change(phases);
        var version = await app.SendAsync(new SavePlaybookDraftCommand(id, draft.Version, draft.Document.Name, null, phases), admin);
        await app.SendAsync(new PublishPlaybookCommand(id, version), admin);
        return id;
    }

    private Task<CreatedProject> CreateOnAsync(Guid playbookId) => app.SendAsync(new CreateProjectCommand
    {
        Name = "Platform rollout",
        Key = Keys.Next(),
        TargetDate = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(60),
        PlaybookId = playbookId,
    });

    private Task<TestPerson> AdminAsync() => app.CreatePersonAsync("Ada Admin", SystemRole.Admin);
}
