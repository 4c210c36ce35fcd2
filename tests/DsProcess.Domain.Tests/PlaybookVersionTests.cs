using DsProcess.Domain.Activity;
using DsProcess.Domain.Common;
using DsProcess.Domain.Evidence;
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

/// <summary>A project takes a newer version of its playbook for the phases it has not started.</summary>
public sealed class TakePlaybookVersionTests
{
    [Fact]
    public void The_phases_not_started_follow_the_newer_version_and_the_team_s_own_task_stays()
    {
        var v1 = DefaultPlaybook.Create();
        var project = Project.CreateFromPlaybook(v1, "CHURN", "Churn", null, Build.Today, Build.Today.AddDays(100), Build.Lead, Build.Now);
        var modelling = project.Phases.Single(p => p.Kind == PhaseKind.ModelDevelopment);
        modelling.AddTask("Check with legal", null, ProjectRole.DataScientist, [], isOptional: false, null, null, Build.Lead, Build.Now);
        var v2 = Version2(v1, phases =>
        {
            phases[0].Tasks[0].Title = "Renamed where work has started";
            var model = phases[1];
            model.Tasks.RemoveAll(t => t.Title == "Fine tuning");
            model.Tasks.Insert(0, new PlaybookTask { Title = "Bias review", ResponsibleRole = ProjectRole.DataScientist, Checklist = [new() { Text = "Groups compared" }] });
            var testing = model.Tasks.Single(t => t.Title == "Testing");
            testing.ResponsibleRole = ProjectRole.DataScientist;
            testing.SupportingRoles = [ProjectRole.MLEngineer];
            model.GateCriteria.Add("Bias reviewed");
        });

        var changed = project.TakePlaybookVersion(v1, v2, Build.Lead, Build.Now);

        Assert.Equal([PhaseKind.ModelDevelopment, PhaseKind.ProductionDeployment, PhaseKind.BusinessAnalysis], changed);
        Assert.Equal(v2.Id, project.PlaybookId);
        Assert.Equal(v1.Phases[0].Tasks[0].Title, project.Phases[0].Tasks[0].Title);
        Assert.Equal(
            ["Bias review", "Model experimentation", "Model explanation", "Accelerating training", "Testing", "Check with legal"],
            modelling.Tasks.OrderBy(t => t.Order).Select(t => t.Title));
        Assert.Equal(ProjectRole.DataScientist, modelling.Tasks.Single(t => t.Title == "Testing").ResponsibleRole);
        Assert.Equal("Groups compared", Assert.Single(modelling.Tasks.Single(t => t.Title == "Bias review").Checklist).Text);
        Assert.All(modelling.Tasks.Where(t => !t.IsCustom), t => Assert.InRange(t.Due!.Value, modelling.PlannedStart!.Value, modelling.PlannedEnd!.Value));
        Assert.Equal("Bias reviewed", modelling.Gate[^1].Text);
        var entry = project.PendingActivity.Last();
        Assert.Equal(
            (ActivityKind.PlaybookVersionTaken, $"{DefaultPlaybook.Name} v2", $"{DefaultPlaybook.Name} v1", "Model Development, Production Deployment, Business Analysis"),
            (entry.Kind, entry.Subject, entry.From, entry.To));
    }

    [Fact]
    public void Only_a_newer_published_version_of_the_project_s_own_playbook_is_taken()
    {
        var v1 = DefaultPlaybook.Create();
        var project = Build.Project();
        var draft = v1.NextDraft(Build.Lead, Build.Now);
        var other = Playbook.Import("Other", null, v1.Phases, Build.Lead, Build.Now);

        Assert.Throws<DomainRuleException>(() => project.TakePlaybookVersion(v1, draft, Build.Lead, Build.Now));
        Assert.Throws<DomainRuleException>(() => project.TakePlaybookVersion(v1, other, Build.Lead, Build.Now));
        Assert.Throws<DomainRuleException>(() => project.TakePlaybookVersion(other, Version2(other, _ => { }), Build.Lead, Build.Now));
        Assert.Equal(DefaultPlaybook.Id, project.PlaybookId);
    }

    private static Playbook Version2(Playbook v1, Action<List<PlaybookPhase>> change)
    {
        var v2 = v1.NextDraft(Build.Lead, Build.Now);
        var phases = v2.Phases.Select(p => p.Copy()).ToList();
        change(phases);
        v2.Edit(v1.Name, v1.Description, phases, Build.Lead, Build.Now);
        v2.Publish(v1, Build.Lead, Build.Now);
        return v2;
    }
}

/// <summary>A playbook chooses which automatic evidence criteria each gate uses.</summary>
public sealed class GateAutomaticCriteriaTests
{
    [Fact]
    public void A_project_judges_each_gate_on_the_criteria_its_playbook_chose_and_the_usual_ones_otherwise()
    {
        var phases = DefaultPlaybook.Create().Phases;
        phases[0].AutomaticCriteria = [];
        phases[2].AutomaticCriteria = [AutomaticCriterionKind.ModelMeetsTargets, AutomaticCriterionKind.ModelDeployed];
        var playbook = Playbook.Import("Light data gate", null, phases, Build.Lead, Build.Now);

        var project = Project.CreateFromPlaybook(playbook, "LIGHT", "Light", null, Build.Today, Build.Today.AddDays(90), Build.Lead, Build.Now);

        Assert.Empty(project.Phases[0].AutomaticCriteria);
        Assert.Equal(GateEvidence.CriteriaOf(PhaseKind.ModelDevelopment), project.Phases[1].AutomaticCriteria);
        Assert.Equal([AutomaticCriterionKind.ModelMeetsTargets, AutomaticCriterionKind.ModelDeployed], project.Phases[2].AutomaticCriteria);
        Assert.Contains(
            PlaybookChanges.Between(DefaultPlaybook.Create(), playbook),
            c => c is { Phase: PhaseKind.DataDevelopment, Kind: PlaybookChangeKind.Removed } && c.Subject.StartsWith("Automatic criterion", StringComparison.Ordinal));
    }

    [Fact]
    public void A_gate_given_a_criterion_twice_is_refused_at_its_field()
    {
        var phases = DefaultPlaybook.Create().Phases;
        phases[1].AutomaticCriteria = [AutomaticCriterionKind.ModelDeployed, AutomaticCriterionKind.ModelDeployed];

        Assert.Equal([new PlaybookProblem("phases[1].automaticCriteria", "Give each automatic criterion once, from the list.")], PlaybookRules.Check("X", null, phases));
    }
}
