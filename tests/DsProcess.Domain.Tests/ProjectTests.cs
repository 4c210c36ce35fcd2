using DsProcess.Domain.Activity;
using DsProcess.Domain.Common;
using DsProcess.Domain.Gates;
using DsProcess.Domain.Playbooks;
using DsProcess.Domain.Projects;

namespace DsProcess.Domain.Tests;

public sealed class ProjectTests
{
    [Fact]
    public void The_default_playbook_has_four_phases_and_21_tasks_with_checklists()
    {
        var playbook = DefaultPlaybook.Create();

        Assert.Equal(
            [PhaseKind.DataDevelopment, PhaseKind.ModelDevelopment, PhaseKind.ProductionDeployment, PhaseKind.BusinessAnalysis],
            playbook.Phases.Select(p => p.Kind));
        Assert.Equal([6, 5, 5, 5], playbook.Phases.Select(p => p.Tasks.Count));
        Assert.All(playbook.Phases.SelectMany(p => p.Tasks), t => Assert.NotEmpty(t.Checklist));
        Assert.All(playbook.Phases, p => Assert.NotEmpty(p.GateCriteria));
        Assert.All(Build.Project().Phases, p => Assert.All(p.Gate, c => Assert.True(c.IsRequired)));
        Assert.Equal(
            ["Data augmentation", "Accelerating training"],
            playbook.Phases.SelectMany(p => p.Tasks).Where(t => t.IsOptional).Select(t => t.Title));
    }

    [Theory]
    [InlineData(ProjectRole.DataEngineer, PhaseKind.DataDevelopment, true)]
    [InlineData(ProjectRole.DataEngineer, PhaseKind.ProductionDeployment, true)]
    [InlineData(ProjectRole.DataScientist, PhaseKind.DataDevelopment, true)]
    [InlineData(ProjectRole.DataScientist, PhaseKind.ModelDevelopment, false)]
    [InlineData(ProjectRole.MLEngineer, PhaseKind.ProductionDeployment, false)]
    [InlineData(ProjectRole.TeamLead, PhaseKind.BusinessAnalysis, false)]
    public void A_data_engineers_task_or_any_data_development_task_produces_data(ProjectRole responsible, PhaseKind phase, bool producesData) =>
        Assert.Equal(producesData, WorkRules.ProducesData(responsible, phase));

    [Fact]
    public void A_new_project_copies_the_playbook_and_activates_its_first_phase()
    {
        var project = Build.Project();

        Assert.Equal(ProjectStatus.Active, project.Status);
        Assert.Equal(PhaseKind.DataDevelopment, project.CurrentPhase);
        Assert.Equal(1, project.Iteration);
        Assert.Equal(21, project.Phases.Sum(p => p.Tasks.Count));
        Assert.Equal([PhaseState.Active, PhaseState.NotStarted, PhaseState.NotStarted, PhaseState.NotStarted], project.Phases.Select(p => p.State));
        Assert.All(project.Phases.SelectMany(p => p.Tasks), t => Assert.Equal(ProjectTaskStatus.NotStarted, t.Status));
        Assert.Equal([ActivityKind.ProjectCreated, ActivityKind.MemberAdded], project.PendingActivity.Select(a => a.Kind));

        var feature = Build.Task(project, "Feature engineering");
        Assert.Equal(ProjectRole.DataScientist, feature.ResponsibleRole);
        Assert.Equal([ProjectRole.DataEngineer], feature.SupportingRoles);
    }

    [Fact]
    public void Planned_dates_are_laid_out_in_order_between_start_and_target()
    {
        var project = Build.Project();

        Assert.Equal(project.StartDate, project.Phases[0].PlannedStart);
        Assert.Equal(project.TargetDate, project.Phases[^1].PlannedEnd);
        for (var i = 1; i < project.Phases.Count; i++)
        {
            Assert.Equal(project.Phases[i - 1].PlannedEnd, project.Phases[i].PlannedStart);
        }

        foreach (var phase in project.Phases)
        {
            Assert.All(phase.Tasks, t =>
            {
                Assert.InRange(t.PlannedStart!.Value, phase.PlannedStart!.Value, phase.PlannedEnd!.Value);
                Assert.InRange(t.Due!.Value, t.PlannedStart.Value, phase.PlannedEnd.Value);
            });
            Assert.Equal(phase.PlannedEnd, phase.Tasks[^1].Due);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("C")]
    [InlineData("churn")]
    [InlineData("CHURN-1")]
    [InlineData("ABCDEFGHIJK")]
    public void A_key_that_is_not_2_to_10_capitals_or_digits_is_refused(string key)
    {
        var error = Assert.Throws<DomainRuleException>(() => Project.CreateFromPlaybook(
            DefaultPlaybook.Create(), key, "Churn", null, Build.Today, Build.Today.AddDays(30), Build.Lead, Build.Now));

        Assert.Contains("capital letters or digits", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_target_date_not_after_the_start_is_refused()
    {
        Assert.Throws<DomainRuleException>(() => Project.CreateFromPlaybook(
            DefaultPlaybook.Create(), "CHURN", "Churn", null, Build.Today, Build.Today, Build.Lead, Build.Now));
    }

    [Fact]
    public void Approving_each_gate_activates_the_next_phase_and_the_outcome_review_completes_the_project()
    {
        var project = Build.Project();

        foreach (var kind in Enum.GetValues<PhaseKind>())
        {
            Assert.Equal(kind, project.CurrentPhase);
            Build.PassGate(project, kind, kind == PhaseKind.BusinessAnalysis ? GateOutcome.CompleteProject : GateOutcome.NextPhase);
            Assert.Equal(PhaseState.Completed, project.Phase(kind).State);
        }

        Assert.Equal(ProjectStatus.Completed, project.Status);
        Assert.Null(project.CurrentPhase);
        Assert.Throws<DomainRuleException>(() => project.SubmitGate(PhaseKind.BusinessAnalysis, null, Build.Met(PhaseKind.BusinessAnalysis), Build.Lead, Build.Now));
    }

    [Fact]
    public void Submitting_a_gate_with_open_required_tasks_is_refused_and_changes_nothing()
    {
        var project = Build.Project();

        Assert.Throws<DomainRuleException>(() => project.SubmitGate(PhaseKind.DataDevelopment, null, Build.Met(PhaseKind.DataDevelopment), Build.Lead, Build.Now));

        Assert.Equal(PhaseState.Active, project.Phase(PhaseKind.DataDevelopment).State);
        Assert.Equal(PhaseState.NotStarted, project.Phase(PhaseKind.ModelDevelopment).State);
        Assert.Equal(PhaseKind.DataDevelopment, project.CurrentPhase);
    }
}
