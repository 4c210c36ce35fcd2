using DsProcess.Domain.Activity;
using DsProcess.Domain.Common;
using DsProcess.Domain.Playbooks;
using DsProcess.Domain.Projects;

namespace DsProcess.Domain.Tests;

/// <summary>The rules every playbook keeps, and the paths that say where one breaks them.</summary>
public sealed class PlaybookRulesTests
{
    [Fact]
    public void The_default_playbook_keeps_every_rule()
    {
        var playbook = DefaultPlaybook.Create();

        Assert.Empty(PlaybookRules.Check(playbook.Name, playbook.Description, playbook.Phases));
    }

    [Fact]
    public void A_playbook_without_a_phase_or_with_an_empty_one_is_refused_at_the_phase()
    {
        var phases = DefaultPlaybook.Create().Phases;
        phases.RemoveAt(3);
        phases[1].Tasks.Clear();

        var problems = PlaybookRules.Check("Lean lifecycle", null, phases);

        Assert.Equal(
            [new("phases", "The playbook needs the Business Analysis phase."), new("phases[1].tasks", "The Model Development phase needs at least one task.")],
            problems);
    }

    [Fact]
    public void A_task_title_given_twice_a_role_that_may_not_own_tasks_and_an_empty_checklist_item_point_at_their_fields()
    {
        var phases = DefaultPlaybook.Create().Phases;
        var first = phases[0].Tasks[0];
        phases[2].Tasks[0].Title = first.Title.ToUpperInvariant();
        phases[0].Tasks[1].ResponsibleRole = ProjectRole.Viewer;
        phases[0].Tasks[2].SupportingRoles = [ProjectRole.DataScientist];
        phases[1].Tasks[0].Checklist[0].Text = "  ";

        var problems = PlaybookRules.Check("Lean lifecycle", null, phases);

        Assert.Equal(
            [
                "phases[0].tasks[1].responsibleRole",
                "phases[0].tasks[2].supportingRoles",
                "phases[1].tasks[0].checklist[0].text",
                "phases[2].tasks[0].title",
            ],
            problems.Select(p => p.Path));
        Assert.Contains(problems, p => p.Message == $"\"{first.Title.ToUpperInvariant()}\" is already a task in Data Development; task titles are unique in a playbook.");
        Assert.Contains(problems, p => p.Message == "Choose who is responsible: Data engineer, Data scientist, ML engineer, Team lead.");
    }

    [Fact]
    public void A_phase_given_twice_and_a_name_too_long_are_refused()
    {
        var phases = DefaultPlaybook.Create().Phases;
        phases[3].Kind = PhaseKind.DataDevelopment;

        var problems = PlaybookRules.Check(new string('x', Limits.PlaybookName + 1), null, phases);

        Assert.Contains(new PlaybookProblem("name", $"A playbook's name must be at most {Limits.PlaybookName} characters."), problems);
        Assert.Contains(new PlaybookProblem("phases", "The playbook needs the Business Analysis phase."), problems);
        Assert.Contains(new PlaybookProblem("phases[3].phase", "The Data Development phase is given twice."), problems);
        var refused = Assert.Throws<DomainRuleException>(() => Playbook.Import("x", null, phases, Build.Lead, Build.Now));
        Assert.StartsWith("phases", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_playbook_that_keeps_the_rules_is_imported_trimmed_never_the_default_and_recorded()
    {
        var phases = DefaultPlaybook.Create().Phases;

        var playbook = Playbook.Import("  Lean lifecycle ", null, phases, Build.Lead, Build.Now);

        Assert.Equal(("Lean lifecycle", "", false, false), (playbook.Name, playbook.Description, playbook.IsDefault, playbook.IsArchived));
        var entry = Assert.Single(playbook.PendingActivity);
        Assert.Equal((ActivityKind.PlaybookImported, "Lean lifecycle v1", "21 tasks", (Guid?)null), (entry.Kind, entry.Subject, entry.To, entry.ProjectId));
        Assert.NotEqual(DefaultPlaybook.Id, playbook.Id);
        Assert.Equal(Enum.GetValues<PhaseKind>(), playbook.Phases.Select(p => p.Kind));
    }

    [Fact]
    public void An_archived_playbook_is_restored_the_default_is_neither_archived_nor_deleted_and_a_used_one_is_not_deleted()
    {
        var playbook = Playbook.Import("Lean lifecycle", null, DefaultPlaybook.Create().Phases, Build.Lead, Build.Now);
        playbook.ClearPendingActivity();

        playbook.Archive(Build.Lead, Build.Now);
        playbook.Archive(Build.Lead, Build.Now);
        Assert.True(playbook.IsArchived);
        playbook.Restore(Build.Lead, Build.Now);
        Assert.False(playbook.IsArchived);
        Assert.Equal([ActivityKind.PlaybookArchived, ActivityKind.PlaybookRestored], playbook.PendingActivity.Select(a => a.Kind));

        var used = Assert.Throws<DomainRuleException>(() => playbook.Delete(2, Build.Lead, Build.Now));
        Assert.Equal("2 projects started from \"Lean lifecycle v1\"; archive it instead, so no new project does.", used.Message);
        playbook.Delete(0, Build.Lead, Build.Now);
        Assert.Equal(ActivityKind.PlaybookDeleted, playbook.PendingActivity[^1].Kind);

        var standard = DefaultPlaybook.Create();
        Assert.Throws<DomainRuleException>(() => standard.Archive(Build.Lead, Build.Now));
        Assert.Throws<DomainRuleException>(() => standard.Delete(0, Build.Lead, Build.Now));
    }
}
