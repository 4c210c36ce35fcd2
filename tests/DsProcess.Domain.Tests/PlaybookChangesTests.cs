using DsProcess.Domain.Common;
using DsProcess.Domain.Playbooks;
using DsProcess.Domain.Projects;

namespace DsProcess.Domain.Tests;

/// <summary>What changes from one playbook to another, as the comparison page lists it.</summary>
public sealed class PlaybookChangesTests
{
    [Fact]
    public void A_playbook_compared_with_itself_has_no_changes()
    {
        Assert.Empty(PlaybookChanges.Between(DefaultPlaybook.Create(), DefaultPlaybook.Create()));
    }

    [Fact]
    public void Tasks_and_criteria_added_removed_and_changed_are_listed_by_phase_with_what_changed()
    {
        var phases = DefaultPlaybook.Create().Phases;
        var modelling = phases[1];
        modelling.Tasks.RemoveAt(0);
        var testing = modelling.Tasks.Single(t => t.Title == "Testing");
        testing.Title = "TESTING";
        testing.ResponsibleRole = ProjectRole.DataScientist;
        testing.SupportingRoles = [];
        testing.IsOptional = true;
        testing.Checklist.Add(new PlaybookChecklistItem { Text = "Load test passed", IsRequired = false });
        phases[2].Tasks.Add(new PlaybookTask { Title = "Security review", ResponsibleRole = ProjectRole.MLEngineer, Checklist = [new() { Text = "Threat model written" }] });
        phases[3].GateCriteria.Add("Sponsor signed off");
        var tailored = Playbook.Import("Tailored", "For regulated teams.", phases, Actor.System, DateTimeOffset.UnixEpoch);

        var changes = PlaybookChanges.Between(DefaultPlaybook.Create(), tailored);

        Assert.Equal(
            [
                (null, PlaybookChangeKind.Changed, "Description"),
                (PhaseKind.ModelDevelopment, PlaybookChangeKind.Removed, "Task “Model experimentation”"),
                (PhaseKind.ModelDevelopment, PlaybookChangeKind.Changed, "Task “TESTING”"),
                (PhaseKind.ProductionDeployment, PlaybookChangeKind.Added, "Task “Security review”"),
                (PhaseKind.BusinessAnalysis, PlaybookChangeKind.Added, "Gate criterion “Sponsor signed off”"),
            ],
            changes.Select(c => (c.Phase, c.Kind, c.Subject)));
        Assert.Equal(
            [
                "title: “Testing” → “TESTING”",
                "responsible: ML engineer → Data scientist",
                "supporting: Data scientist → none",
                "now optional",
                "checklist item added: “Load test passed” (optional)",
            ],
            changes[2].Details);
        Assert.Equal(["ML engineer, 1 checklist items"], changes[3].Details);
    }
}
