using DsProcess.Domain.Activity;
using DsProcess.Domain.Common;
using DsProcess.Domain.Playbooks;
using DsProcess.Domain.Projects;

namespace DsProcess.Domain.Tests;

/// <summary>Playbooks are edited as drafts and published as versions that never change; projects keep their copy.</summary>
public sealed class PlaybookVersionTests
{
    [Fact]
    public void A_new_playbook_is_a_draft_copy_whose_edits_leave_the_original_alone()
    {
        var standard = DefaultPlaybook.Create();

        var draft = Playbook.Draft(" Lean lifecycle ", "For small teams", standard, Build.Lead, Build.Now);
        draft.Phases[0].Tasks[0].Title = "Changed in the copy";
        draft.Phases[0].Tasks[0].Checklist.Clear();

        Assert.Equal(("Lean lifecycle", 1, true, false), (draft.Name, draft.Number, draft.IsDraft, draft.IsDefault));
        Assert.Equal(draft.Id, draft.Lineage);
        Assert.NotEqual("Changed in the copy", standard.Phases[0].Tasks[0].Title);
        Assert.NotEmpty(standard.Phases[0].Tasks[0].Checklist);
        var entry = Assert.Single(draft.PendingActivity);
        Assert.Equal((ActivityKind.PlaybookDrafted, "Lean lifecycle v1", $"{standard.Name} v1"), (entry.Kind, entry.Subject, entry.From));
    }

    [Fact]
    public void A_published_version_never_changes_and_the_next_version_is_a_draft_of_the_same_playbook()
    {
        var v1 = Playbook.Import("Lean lifecycle", null, DefaultPlaybook.Create().Phases, Build.Lead, Build.Now);

        var refused = Assert.Throws<DomainRuleException>(() => v1.Edit("Other", null, v1.Phases, Build.Lead, Build.Now));
        Assert.Equal("Lean lifecycle v1 is published and never changes; start a new draft to change it.", refused.Message);
        Assert.Throws<DomainRuleException>(() => v1.Publish(null, Build.Lead, Build.Now));

        var v2 = v1.NextDraft(Build.Lead, Build.Now);
        var phases = v2.Phases.Select(p => p.Copy()).ToList();
        phases[2].Tasks.Add(new PlaybookTask { Title = "Automate the release pipeline", ResponsibleRole = ProjectRole.MLEngineer });
        v2.Edit("Lean lifecycle", "Now with release automation", phases, Build.Lead, Build.Now);

        Assert.Equal((v1.Lineage, 2, true), (v2.Lineage, v2.Number, v2.IsDraft));
        Assert.Equal(v1.TaskCount + 1, v2.TaskCount);
        Assert.DoesNotContain(v1.Phases[2].Tasks, t => t.Title == "Automate the release pipeline");
        Assert.Throws<DomainRuleException>(() => v2.NextDraft(Build.Lead, Build.Now));
        Assert.Throws<DomainRuleException>(() => v2.Archive(Build.Lead, Build.Now));
        Assert.Throws<DomainRuleException>(() => Project.CreateFromPlaybook(v2, "LEAN", "Lean", null, Build.Today, Build.Today.AddDays(90), Build.Lead, Build.Now));

        v2.Publish(v1, Build.Lead, Build.Now);

        Assert.False(v2.IsDraft);
        Assert.Throws<DomainRuleException>(() => v2.Edit("Lean lifecycle", null, phases, Build.Lead, Build.Now));
        Assert.Equal(
            [ActivityKind.PlaybookDrafted, ActivityKind.PlaybookDraftSaved, ActivityKind.PlaybookPublished],
            v2.PendingActivity.Select(a => a.Kind));
        Assert.Equal("Lean lifecycle v2", v2.PendingActivity[^1].Subject);
    }

    [Fact]
    public void A_draft_that_breaks_the_rules_is_not_saved()
    {
        var draft = DefaultPlaybook.Create().NextDraft(Build.Lead, Build.Now);
        var phases = draft.Phases.Select(p => p.Copy()).ToList();
        phases[1].Tasks.Clear();

        var refused = Assert.Throws<DomainRuleException>(() => draft.Edit("Renamed", null, phases, Build.Lead, Build.Now));

        Assert.Equal("phases[1].tasks: The Model Development phase needs at least one task.", refused.Message);
        Assert.Equal(DefaultPlaybook.Name, draft.Name);
        Assert.NotEmpty(draft.Phases[1].Tasks);
    }

    [Fact]
    public void A_new_version_of_the_default_playbook_becomes_the_default_when_published()
    {
        var v1 = DefaultPlaybook.Create();
        var v2 = v1.NextDraft(Build.Lead, Build.Now);

        v2.Publish(v1, Build.Lead, Build.Now);

        Assert.Equal((false, true), (v1.IsDefault, v2.IsDefault));
        v1.Archive(Build.Lead, Build.Now);
        Assert.True(v1.IsArchived);
    }

    [Fact]
    public void A_project_keeps_its_copy_of_the_version_it_started_from()
    {
        var v1 = Playbook.Import("Lean lifecycle", null, DefaultPlaybook.Create().Phases, Build.Lead, Build.Now);
        var project = Project.CreateFromPlaybook(v1, "LEAN", "Lean", null, Build.Today, Build.Today.AddDays(90), Build.Lead, Build.Now);
        var v2 = v1.NextDraft(Build.Lead, Build.Now);
        var phases = v2.Phases.Select(p => p.Copy()).ToList();
        phases[0].Tasks[0].Title = "Renamed in v2";
        v2.Edit("Lean lifecycle", null, phases, Build.Lead, Build.Now);
        v2.Publish(v1, Build.Lead, Build.Now);

        Assert.Equal(v1.Id, project.PlaybookId);
        Assert.Equal(v1.Phases[0].Tasks[0].Title, project.Phases[0].Tasks[0].Title);
    }
}
