using System.Text;
using System.Text.Json.Nodes;
using DsProcess.Application.Playbooks;
using DsProcess.Application.Playbooks.Commands.DraftPlaybookVersion;
using DsProcess.Application.Playbooks.Commands.PublishPlaybook;
using DsProcess.Application.Playbooks.Commands.SavePlaybookDraft;
using DsProcess.Application.Playbooks.Queries.ExportPlaybook;
using DsProcess.Application.Playbooks.Queries.Playbook;
using DsProcess.Application.Projects.Commands.CreateProject;
using DsProcess.Domain.People;
using DsProcess.Domain.Playbooks;
using DsProcess.Domain.Projects;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DsProcess.Web.Tests;

/// <summary>An admin brings a playbook in as a file; a lead starts a project from it.</summary>
public sealed class PlaybookBrowserTests(ServedAppFixture app, Browser browser) : BrowserTests(app, browser)
{
    [Fact]
    public async Task An_admin_imports_a_playbook_after_a_refused_file_and_a_lead_starts_a_project_from_it()
    {
        var admin = await App.CreatePersonAsync("Ada Admin", SystemRole.Admin);
        var exported = await App.SendAsync(new ExportPlaybookQuery(DefaultPlaybook.Id), admin);
        var name = $"Lean lifecycle {Guid.NewGuid().ToString("N")[..6]}";
        var lean = exported with
        {
            Name = name,
            Description = "One task a phase, for small studies.",
            Phases = [.. exported.Phases.Select(p => p with { Tasks = [p.Tasks[0]] })],
        };
        var broken = lean with { Phases = [.. lean.Phases.Take(3)] };

        var page = await OpenAsync(Browser.Wide);
        await Browser.SignInAsync(page, admin, "/admin/playbooks");
        var rows = page.GetByRole(AriaRole.Row);
        await Expect(rows.Filter(new() { HasText = DefaultPlaybook.Name })).ToContainTextAsync("Default");

        var file = page.GetByLabel("Playbook file (JSON)");
        await file.SetInputFilesAsync(Json("broken.json", broken));
        var alert = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "was not imported" });
        await Expect(alert).ToContainTextAsync("phases: The playbook needs the Business Analysis phase.");
        await Expect(rows.Filter(new() { HasText = name })).ToHaveCountAsync(0);
        await Browser.ScreenshotAsync(page, "playbooks-refused-wide", fullPage: false);

        await file.SetInputFilesAsync(Json("lean.json", lean));
        await Expect(rows.Filter(new() { HasText = name })).ToContainTextAsync("One task a phase");
        await Expect(alert).ToHaveCountAsync(0);
        await Browser.ScreenshotAsync(page, "playbooks-wide");

        // The export is the file another DsProcess imports, and its schema is public.
        var download = await page.Context.APIRequest.GetAsync(new Uri(App.BaseAddress, $"/export/playbooks/{DefaultPlaybook.Id}.json").ToString());
        Assert.Equal(exported.Write(), await download.TextAsync());
        var schema = JsonNode.Parse(await (await page.Context.APIRequest.GetAsync(new Uri(App.BaseAddress, "/schemas/playbook.json").ToString())).TextAsync())!;
        Assert.Equal("DsProcess playbook", schema["title"]!.GetValue<string>());

        // What a project on the lean playbook would get differently: the other 17 tasks are gone.
        await page.GetByRole(AriaRole.Link, new() { Name = "Compare two playbooks" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "From" })).ToMatchAriaSnapshotAsync($"- combobox \"From\": {DefaultPlaybook.Name} v1");
        await EvidenceForms.ChooseAsync(page, page.Locator("body"), "To", $"{name} v1", multiple: false);
        await Expect(page.GetByTestId("change-count")).ToHaveTextAsync("18 changes");
        await Expect(page.GetByTestId("changes").Nth(1)).ToContainTextAsync("Task “Data preprocessing”");
        await Browser.ScreenshotAsync(page, "playbooks-compare-wide", fullPage: false);

        var phone = await OpenAsync(Browser.Narrow);
        await Browser.SignInAsync(phone, admin, "/admin/playbooks");
        await Expect(phone.GetByText(name)).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(phone, "playbooks-narrow");
        await phone.GetByRole(AriaRole.Link, new() { Name = "Compare two playbooks" }).ClickAsync();
        // The choices are enabled once the playbooks are read; a click on them before that does nothing.
        await Expect(phone.GetByRole(AriaRole.Combobox, new() { Name = "From" })).ToMatchAriaSnapshotAsync($"- combobox \"From\": {DefaultPlaybook.Name} v1");
        await EvidenceForms.ChooseAsync(phone, phone.Locator("body"), "To", $"{name} v1", multiple: false);
        await Expect(phone.GetByTestId("change-count")).ToHaveTextAsync("18 changes");
        await Browser.ScreenshotAsync(phone, "playbooks-compare-narrow", fullPage: false);

        var lead = await OpenAsync(Browser.Wide);
        var key = Keys.Next("PB");
        await Browser.SignInAsync(lead, App.Lead, "/projects");
        await lead.GetByRole(AriaRole.Button, new() { Name = "New project" }).ClickAsync();
        var dialog = lead.GetByRole(AriaRole.Dialog);
        await Expect(dialog.GetByRole(AriaRole.Combobox, new() { Name = "Playbook" })).ToMatchAriaSnapshotAsync($"- combobox \"Playbook\": {DefaultPlaybook.Name} v1 (default)");
        await dialog.GetByLabel("Name").FillAsync("Small study");
        var keyField = dialog.GetByLabel("Key");
        await Expect(keyField).ToHaveValueAsync("SS");
        await keyField.FillAsync(key);
        await Expect(keyField).ToHaveValueAsync(key);
        await EvidenceForms.ChooseAsync(lead, dialog, "Playbook", $"{name} v1", multiple: false);
        await Expect(dialog).ToContainTextAsync("4 tasks. One task a phase, for small studies.");
        await Browser.ScreenshotAsync(lead, "new-project-playbook-wide", fullPage: false);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create project" }).ClickAsync();

        await Expect(lead).ToHaveURLAsync(new Uri(App.BaseAddress, $"/projects/{key}").ToString());
        await Expect(lead.GetByTestId("task-card")).ToHaveCountAsync(4);
    }

    [Fact]
    public async Task An_admin_archives_a_playbook_and_deletes_an_unused_one_after_confirming()
    {
        var admin = await App.CreatePersonAsync("Ada Admin", SystemRole.Admin);
        var seasonal = $"Seasonal {Guid.NewGuid().ToString("N")[..6]}";
        var mistake = $"Mistake {Guid.NewGuid().ToString("N")[..6]}";
        await App.AddPlaybookAsync(seasonal);
        await App.AddPlaybookAsync(mistake);

        var page = await OpenAsync(Browser.Wide);
        await Browser.SignInAsync(page, admin, "/admin/playbooks");
        var rows = page.GetByRole(AriaRole.Row);
        await Expect(rows.Filter(new() { HasText = DefaultPlaybook.Name }).GetByRole(AriaRole.Button, new() { Name = $"Archive {DefaultPlaybook.Name}" })).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Button, new() { Name = $"Archive {seasonal} v1" }).ClickAsync();
        await Expect(rows.Filter(new() { HasText = seasonal })).ToContainTextAsync("Archived");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Restore {seasonal} v1" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = $"Delete {mistake} v1" }).ClickAsync();
        var confirm = page.GetByRole(AriaRole.Dialog);
        await Expect(confirm).ToContainTextAsync("gone for good");
        await Browser.ScreenshotAsync(page, "playbooks-delete-wide", fullPage: false);
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(rows.Filter(new() { HasText = mistake })).ToHaveCountAsync(0);
        var phone = await OpenAsync(Browser.Narrow);
        await Browser.SignInAsync(phone, admin, "/admin/playbooks");
        await Expect(phone.GetByRole(AriaRole.Button, new() { Name = $"Restore {seasonal} v1" })).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(phone, "playbooks-archived-narrow");

        // An archived playbook is not offered for a new project.
        var lead = await OpenAsync(Browser.Wide);
        await Browser.SignInAsync(lead, App.Lead, "/projects");
        await lead.GetByRole(AriaRole.Button, new() { Name = "New project" }).ClickAsync();
        var dialog = lead.GetByRole(AriaRole.Dialog);
        await Expect(dialog.GetByRole(AriaRole.Combobox, new() { Name = "Playbook" })).ToMatchAriaSnapshotAsync($"- combobox \"Playbook\": {DefaultPlaybook.Name} v1 (default)");
        await dialog.GetByLabel("Playbook", new() { Exact = true }).ClickAsync();
        await Expect(lead.GetByRole(AriaRole.Option, new() { Name = DefaultPlaybook.Name, Exact = false })).ToBeVisibleAsync();
        await Expect(lead.GetByRole(AriaRole.Option, new() { Name = seasonal })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_admin_edits_a_new_playbook_publishes_two_versions_and_a_lead_starts_a_project_on_the_second()
    {
        var admin = await App.CreatePersonAsync("Ada Admin", SystemRole.Admin);
        var name = $"Platform {Guid.NewGuid().ToString("N")[..6]}";
        var page = await OpenAsync(Browser.Wide);
        await Browser.SignInAsync(page, admin, "/admin/playbooks");

        await page.GetByRole(AriaRole.Button, new() { Name = "New playbook" }).ClickAsync();
        var create = page.GetByRole(AriaRole.Dialog);
        await Expect(create.GetByRole(AriaRole.Combobox, new() { Name = "Start from a copy of" })).ToMatchAriaSnapshotAsync($"- combobox \"Start from a copy of\": {DefaultPlaybook.Name} v1 (default)");
        await create.GetByLabel("Name").FillAsync(name);
        await create.GetByRole(AriaRole.Button, new() { Name = "Create draft" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"{name} v1" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("playbook-state")).ToHaveTextAsync("Draft");

        // A task added without a title is refused where it is, and nothing is saved.
        var deployment = page.GetByTestId("phase-ProductionDeployment");
        await deployment.GetByRole(AriaRole.Button, new() { Name = "Add a task to Production Deployment" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Expect(page.GetByTestId("playbook-errors")).ToContainTextAsync("A task's title is required.");
        var added = deployment.GetByTestId("task-fields").Last;
        await added.GetByLabel("Title").FillAsync("Automate the release pipeline");
        await EvidenceForms.ChooseAsync(page, added, "Responsible role", "ML engineer", multiple: false);
        await added.GetByRole(AriaRole.Button, new() { Name = "Add checklist item" }).ClickAsync();
        await added.GetByLabel("Item 1", new() { Exact = true }).FillAsync("The release runs from the pipeline");

        // Dragged onto the first task of the phase, the new one takes its place.
        var titles = deployment.GetByTestId("task-title");
        var transfer = await page.EvaluateHandleAsync("() => new DataTransfer()");
        await titles.Last.Locator(".drag-handle").DispatchEventAsync("dragstart", new { dataTransfer = transfer });
        await titles.First.DispatchEventAsync("drop", new { dataTransfer = transfer });
        await Expect(titles.First).ToContainTextAsync("Automate the release pipeline");
        await Browser.ScreenshotAsync(page, "playbook-editor-wide");

        await page.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        var confirm = page.GetByRole(AriaRole.Dialog);
        await Expect(confirm).ToContainTextAsync("never changes");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Expect(page.GetByTestId("playbook-state")).ToHaveTextAsync("Published");
        await Expect(page.GetByLabel("Name", new() { Exact = true })).ToHaveAttributeAsync("readonly", "");

        // Version 2 adds a gate criterion and no longer checks the deployment itself; the comparison shows just that.
        await page.GetByRole(AriaRole.Button, new() { Name = "New version" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"{name} v2" })).ToBeVisibleAsync();
        await deployment.GetByRole(AriaRole.Button, new() { Name = "Add a gate criterion to Production Deployment" }).ClickAsync();
        await deployment.GetByLabel("Criterion 4", new() { Exact = true }).FillAsync("The release runs without a person");
        var deployed = deployment.GetByLabel("The approved model version is deployed (in production)");
        await deployed.UncheckAsync();
        await Expect(deployed).Not.ToBeCheckedAsync();
        await Browser.ScreenshotAsync(page, "playbook-editor-gate-wide");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Expect(page.GetByTestId("playbook-state")).ToHaveTextAsync("Published");
        await page.GetByRole(AriaRole.Link, new() { Name = "Compare with v1" }).ClickAsync();
        await Expect(page.GetByTestId("change-count")).ToHaveTextAsync("2 changes");
        await Expect(page.GetByTestId("changes")).ToContainTextAsync("Gate criterion “The release runs without a person”");
        await Expect(page.GetByTestId("changes")).ToContainTextAsync("Automatic criterion “The approved model version is deployed (in production)”");

        var phone = await OpenAsync(Browser.Narrow);
        await Browser.SignInAsync(phone, admin, "/admin/playbooks");
        await phone.GetByRole(AriaRole.Link, new() { Name = $"{name} v2", Exact = true }).ClickAsync();
        await Expect(phone.GetByTestId("playbook-state")).ToHaveTextAsync("Published");
        await Browser.ScreenshotAsync(phone, "playbook-editor-narrow", fullPage: false);

        var lead = await CreateProjectOnAsync($"{name} v2", Keys.Next("PV"));
        await Expect(lead.GetByTestId("task-card").Filter(new() { HasText = "Automate the release pipeline" })).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task A_lead_previews_a_newer_playbook_version_and_takes_it_for_the_phases_not_started()
    {
        var admin = await App.CreatePersonAsync("Ada Admin", SystemRole.Admin);
        var name = $"Retail {Guid.NewGuid().ToString("N")[..6]}";
        var v1 = await App.AddPlaybookAsync(name);
        var key = Keys.Next("TV");
        await App.SendAsync(new CreateProjectCommand { Name = "Store demand", Key = key, TargetDate = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(90), PlaybookId = v1 });
        var draft = await App.SendAsync(new PlaybookQuery(await App.SendAsync(new DraftPlaybookVersionCommand(v1), admin)), admin);
        var phases = draft.Document.Phases.ToList();
        phases[1] = phases[1] with { Tasks = [.. phases[1].Tasks, new PlaybookTaskDocument { Title = "Bias review", ResponsibleRole = ProjectRole.DataScientist }] };
        var version = await App.SendAsync(new SavePlaybookDraftCommand(draft.Id, draft.Version, name, null, phases), admin);
        await App.SendAsync(new PublishPlaybookCommand(draft.Id, version), admin);

        var page = await OpenAsync(Browser.Wide);
        await Browser.SignInAsync(page, App.Lead, $"/projects/{key}/settings");
        var panel = page.GetByTestId("playbook-version");
        await Expect(panel.GetByTestId("playbook-change-count")).ToHaveTextAsync("1 change");
        await Expect(panel.GetByTestId("playbook-changes")).ToContainTextAsync("Model Development: Task “Bias review”");
        await Browser.ScreenshotAsync(page, "project-playbook-version-wide");

        await panel.GetByRole(AriaRole.Button, new() { Name = $"Take {name} v2" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Take it" }).ClickAsync();
        await Expect(panel).ToContainTextAsync($"The project runs on {name} v2, the newest version of its playbook.");

        var phone = await OpenAsync(Browser.Narrow);
        await Browser.SignInAsync(phone, App.Lead, $"/projects/{key}");
        await Expect(phone.GetByTestId("task-card").Filter(new() { HasText = "Bias review" })).ToHaveCountAsync(1);
        await phone.GotoAsync(new Uri(App.BaseAddress, $"/projects/{key}/settings").ToString());
        await Expect(phone.GetByTestId("playbook-version")).ToContainTextAsync($"{name} v2");
        await Browser.ScreenshotAsync(phone, "project-playbook-version-narrow");
    }

    [Fact]
    public async Task An_admin_adds_a_devops_role_and_its_task_in_v2_and_a_lead_staffs_the_role_on_a_project_on_v2()
    {
        var admin = await App.CreatePersonAsync("Ada Admin", SystemRole.Admin);
        var name = $"Delivery {Guid.NewGuid().ToString("N")[..6]}";
        var devOps = $"DevOps engineer {Guid.NewGuid().ToString("N")[..4]}";
        await App.AddPlaybookAsync(name);
        var owen = await App.CreatePersonAsync("Owen Ops");

        var page = await OpenAsync(Browser.Wide);
        await Browser.SignInAsync(page, admin, "/admin/playbooks");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add role" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Name").FillAsync(devOps);
        await dialog.GetByLabel("What the role does").FillAsync("Runs the delivery pipelines.");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add role" }).ClickAsync();
        await Expect(page.GetByTestId("roles")).ToContainTextAsync(devOps);

        await page.GetByRole(AriaRole.Button, new() { Name = $"New version of {name}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"{name} v2" })).ToBeVisibleAsync();
        var deployment = page.GetByTestId("phase-ProductionDeployment");
        await deployment.GetByRole(AriaRole.Button, new() { Name = "Add a task to Production Deployment" }).ClickAsync();
        var added = deployment.GetByTestId("task-fields").Last;
        await Expect(deployment.GetByText("New task")).ToBeVisibleAsync();
        await added.GetByLabel("Title").FillAsync("Automate the release pipeline");
        await EvidenceForms.ChooseAsync(page, added, "Responsible role", devOps, multiple: false);
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Expect(page.GetByTestId("playbook-state")).ToHaveTextAsync("Published");
        await Browser.ScreenshotAsync(page, "playbook-custom-role-wide", fullPage: false);

        var key = Keys.Next("DO");
        var lead = await CreateProjectOnAsync($"{name} v2", key);
        await Expect(lead.GetByTestId("task-card").Filter(new() { HasText = "Automate the release pipeline" })).ToContainTextAsync(devOps);

        // The team shows the role nobody holds yet; the lead staffs it.
        await Browser.FollowInAppAsync(lead, $"/projects/{key}/team");
        var staffing = lead.GetByTestId($"staffing-{(int)CustomRoles.NumberFor(devOps)}");
        await Expect(staffing).ToContainTextAsync("nobody holds this role");
        await lead.GetByRole(AriaRole.Button, new() { Name = "Add member" }).ClickAsync();
        var member = lead.GetByRole(AriaRole.Dialog);
        await EvidenceForms.ChooseAsync(lead, member, "Person", owen.Name, multiple: false);
        await member.GetByLabel(devOps).CheckAsync();
        await member.GetByRole(AriaRole.Button, new() { Name = "Add to team" }).ClickAsync();
        await Expect(staffing).ToContainTextAsync("1 on the team · 1 open tasks");
        await Expect(lead.GetByTestId("team-table")).ToContainTextAsync(devOps);
        await Browser.ScreenshotAsync(lead, "team-custom-role-wide");
    }

    [Fact]
    public async Task An_admin_makes_someone_a_playbook_owner_who_then_writes_playbooks_but_archives_none()
    {
        var admin = await App.CreatePersonAsync("Ada Admin", SystemRole.Admin);
        var owner = await App.CreatePersonAsync($"Olga Owner {Guid.NewGuid().ToString("N")[..4]}");
        var page = await OpenAsync(Browser.Wide);
        await Browser.SignInAsync(page, admin, "/admin/users");
        var owns = page.GetByLabel($"{owner.Name} owns playbooks");
        await owns.CheckAsync();
        await Expect(owns).ToBeCheckedAsync();
        await Expect(page.GetByText($"{owner.Name} now writes and publishes playbooks")).ToBeVisibleAsync();

        var theirs = await OpenAsync(Browser.Wide);
        await Browser.SignInAsync(theirs, owner, "/my-work");
        await theirs.GetByRole(AriaRole.Link, new() { Name = "Playbooks" }).ClickAsync();
        await Expect(theirs.GetByRole(AriaRole.Button, new() { Name = "New playbook" })).ToBeEnabledAsync();
        await Expect(theirs.GetByTestId("roles")).ToContainTextAsync("Data engineer");
        await Expect(theirs.GetByRole(AriaRole.Button, new() { Name = "Add role" })).ToHaveCountAsync(0);
        await Expect(theirs.GetByRole(AriaRole.Button, new() { Name = "Archive", Exact = false })).ToHaveCountAsync(0);
        await Browser.ScreenshotAsync(theirs, "playbooks-owner-wide", fullPage: false);
    }

    /// <summary>The lead creates "Release automation" on a playbook version in New project, the default preselected; returns the lead's page on its board.</summary>
    private async Task<IPage> CreateProjectOnAsync(string playbook, string key)
    {
        var lead = await OpenAsync(Browser.Wide);
        await Browser.SignInAsync(lead, App.Lead, "/projects");
        await lead.GetByRole(AriaRole.Button, new() { Name = "New project" }).ClickAsync();
        var dialog = lead.GetByRole(AriaRole.Dialog);
        await Expect(dialog.GetByRole(AriaRole.Combobox, new() { Name = "Playbook" })).ToMatchAriaSnapshotAsync($"- combobox \"Playbook\": {DefaultPlaybook.Name} v1 (default)");
        await dialog.GetByLabel("Name").FillAsync("Release automation");
        // The server suggests a key from the name; typing the key before that suggestion is back would mix the two.
        var keyField = dialog.GetByLabel("Key");
        await Expect(keyField).ToHaveValueAsync("RA");
        await keyField.FillAsync(key);
        await Expect(keyField).ToHaveValueAsync(key);
        await EvidenceForms.ChooseAsync(lead, dialog, "Playbook", playbook, multiple: false);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create project" }).ClickAsync();
        await Expect(lead).ToHaveURLAsync(new Uri(App.BaseAddress, $"/projects/{key}").ToString());
        return lead;
    }

    private static FilePayload Json(string fileName, PlaybookDocument document) =>
        new() { Name = fileName, MimeType = "application/json", Buffer = Encoding.UTF8.GetBytes(document.Write()) };
}
