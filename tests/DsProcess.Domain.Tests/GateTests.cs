using DsProcess.Domain.Activity;
using DsProcess.Domain.Common;
using DsProcess.Domain.Gates;
using DsProcess.Domain.Playbooks;
using DsProcess.Domain.Projects;

namespace DsProcess.Domain.Tests;

public sealed class GateTests
{
    [Fact]
    public void A_gate_is_locked_until_required_tasks_and_criteria_are_done_then_ready()
    {
        var project = Build.Project();
        var phase = project.Phase(PhaseKind.DataDevelopment);
        Assert.Equal(GateState.Locked, GateStates.Of(phase.State, IsDone(phase), null));

        foreach (var task in phase.Tasks.Where(t => !t.IsOptional))
        {
            Build.PutIn(task, ProjectTaskStatus.Done);
        }

        Assert.Equal(GateState.Locked, GateStates.Of(phase.State, IsDone(phase), null));
        var refused = Assert.Throws<DomainRuleException>(() => project.SubmitGate(PhaseKind.DataDevelopment, null, Build.Met(PhaseKind.DataDevelopment), Build.Lead, Build.Now));
        Assert.Contains("gate criterion", refused.Message, StringComparison.Ordinal);
        Assert.Equal(PhaseState.Active, phase.State);

        foreach (var criterion in phase.Gate)
        {
            phase.SetGateCriterion(criterion.Number, met: true, Build.Lead, Build.Now);
        }

        Assert.Equal(GateState.Ready, GateStates.Of(phase.State, IsDone(phase), null));
    }

    [Fact]
    public void Submitting_records_a_review_and_freezes_the_phase()
    {
        var project = Build.Project();
        Build.FinishRequiredTasks(project.Phase(PhaseKind.DataDevelopment));

        var review = project.SubmitGate(PhaseKind.DataDevelopment, "Silver data v3 is ready", Build.Met(PhaseKind.DataDevelopment), Build.Lead, Build.Now);

        Assert.Equal(PhaseState.AwaitingGate, project.Phase(PhaseKind.DataDevelopment).State);
        Assert.Equal("Silver data v3 is ready", review.Note);
        Assert.Equal(Build.Lead.UserId, review.SubmittedById);
        Assert.Null(review.Decision);
        Assert.Throws<DomainRuleException>(() => project.SubmitGate(PhaseKind.DataDevelopment, null, Build.Met(PhaseKind.DataDevelopment), Build.Lead, Build.Now));
        Assert.Throws<DomainRuleException>(() => project.Phase(PhaseKind.DataDevelopment).SetGateCriterion(1, false, Build.Lead, Build.Now));
    }

    [Fact]
    public void The_submitter_can_never_decide_their_own_submission()
    {
        var project = Build.Project();
        Build.FinishRequiredTasks(project.Phase(PhaseKind.DataDevelopment));
        var review = project.SubmitGate(PhaseKind.DataDevelopment, null, Build.Met(PhaseKind.DataDevelopment), Build.Lead, Build.Now);

        var approve = Assert.Throws<DomainRuleException>(() => project.ApproveGate(review, GateOutcome.NextPhase, Build.Met(review.Phase), Build.Lead, Build.Now));
        Assert.Throws<DomainRuleException>(() => project.RejectGate(review, "not good enough", Build.Lead, Build.Now));

        Assert.Contains("someone else decides", approve.Message, StringComparison.Ordinal);
        Assert.Null(review.Decision);
        Assert.Equal(PhaseState.AwaitingGate, project.Phase(PhaseKind.DataDevelopment).State);
    }

    [Fact]
    public void Approval_completes_the_phase_and_activates_the_next()
    {
        var project = Build.Project();

        Build.PassGate(project, PhaseKind.DataDevelopment);

        Assert.Equal(PhaseState.Completed, project.Phase(PhaseKind.DataDevelopment).State);
        Assert.Equal(PhaseState.Active, project.Phase(PhaseKind.ModelDevelopment).State);
        Assert.Equal(PhaseKind.ModelDevelopment, project.CurrentPhase);
        Assert.Contains(project.PendingActivity, a => a.Kind == ActivityKind.GateApproved && a.ActorName == Build.Decider.Name);
    }

    [Fact]
    public void A_decision_is_final_and_a_second_one_gets_a_clear_message()
    {
        var project = Build.Project();
        Build.FinishRequiredTasks(project.Phase(PhaseKind.DataDevelopment));
        var review = project.SubmitGate(PhaseKind.DataDevelopment, null, Build.Met(PhaseKind.DataDevelopment), Build.Lead, Build.Now);
        project.ApproveGate(review, GateOutcome.NextPhase, Build.Met(review.Phase), Build.Decider, Build.Now);

        var again = Assert.Throws<DomainRuleException>(() => project.RejectGate(review, "too late", new Actor(Guid.NewGuid(), "Other"), Build.Now));

        Assert.Contains("already approved", again.Message, StringComparison.Ordinal);
        Assert.Equal(GateDecision.Approved, review.Decision);
    }

    [Fact]
    public void Rejection_returns_the_phase_to_work_with_its_reason_and_it_can_be_resubmitted()
    {
        var project = Build.Project();
        var phase = project.Phase(PhaseKind.DataDevelopment);
        Build.FinishRequiredTasks(phase);
        var first = project.SubmitGate(PhaseKind.DataDevelopment, null, Build.Met(PhaseKind.DataDevelopment), Build.Lead, Build.Now);

        Assert.Throws<DomainRuleException>(() => project.RejectGate(first, " ", Build.Decider, Build.Now));
        project.RejectGate(first, "Lineage of the churn label is missing", Build.Decider, Build.Now);

        Assert.Equal(PhaseState.Active, phase.State);
        Assert.Equal(GateState.Rejected, GateStates.Of(phase.State, true, first.Decision));
        Assert.Equal("Lineage of the churn label is missing", first.DecisionReason);
        var monitoring = Build.Task(project, "Data monitoring");
        monitoring.Reopen("add lineage", Build.Lead, Build.Now);
        monitoring.MarkDone(Build.Lead, Build.Now);

        var second = project.SubmitGate(PhaseKind.DataDevelopment, "Lineage added", Build.Met(PhaseKind.DataDevelopment), Build.Lead, Build.Now);
        project.ApproveGate(second, GateOutcome.NextPhase, Build.Met(second.Phase), Build.Decider, Build.Now);

        Assert.Equal(GateDecision.Rejected, first.Decision);
        Assert.Equal(GateDecision.Approved, second.Decision);
        Assert.Equal(PhaseState.Completed, phase.State);
    }

    [Theory]
    [InlineData(GateOutcome.CompleteProject)]
    [InlineData(GateOutcome.IterateFromModelDevelopment)]
    [InlineData(GateOutcome.IterateFromProductionDeployment)]
    public void Only_the_outcome_review_ends_the_project_or_starts_an_iteration(GateOutcome outcome)
    {
        var project = Build.Project();
        Build.FinishRequiredTasks(project.Phase(PhaseKind.DataDevelopment));
        var review = project.SubmitGate(PhaseKind.DataDevelopment, null, Build.Met(PhaseKind.DataDevelopment), Build.Lead, Build.Now);

        Assert.Throws<DomainRuleException>(() => project.ApproveGate(review, outcome, Build.Met(review.Phase), Build.Decider, Build.Now));
        Assert.Null(review.Decision);
    }

    [Fact]
    public void The_outcome_review_needs_an_outcome()
    {
        var project = Build.Project();
        foreach (var kind in new[] { PhaseKind.DataDevelopment, PhaseKind.ModelDevelopment, PhaseKind.ProductionDeployment })
        {
            Build.PassGate(project, kind);
        }

        Build.FinishRequiredTasks(project.Phase(PhaseKind.BusinessAnalysis));
        var review = project.SubmitGate(PhaseKind.BusinessAnalysis, null, Build.Met(PhaseKind.BusinessAnalysis), Build.Lead, Build.Now);

        Assert.Throws<DomainRuleException>(() => project.ApproveGate(review, GateOutcome.NextPhase, Build.Met(review.Phase), Build.Decider, Build.Now));
        Assert.Equal(PhaseState.AwaitingGate, project.Phase(PhaseKind.BusinessAnalysis).State);
    }

    [Fact]
    public void A_new_iteration_restarts_the_chosen_phase_and_those_after_it()
    {
        var project = Build.Project();
        foreach (var kind in new[] { PhaseKind.DataDevelopment, PhaseKind.ModelDevelopment, PhaseKind.ProductionDeployment })
        {
            Build.PassGate(project, kind);
        }

        Build.PassGate(project, PhaseKind.BusinessAnalysis, GateOutcome.IterateFromModelDevelopment);

        Assert.Equal(2, project.Iteration);
        Assert.Equal(ProjectStatus.Active, project.Status);
        Assert.Equal(PhaseKind.ModelDevelopment, project.CurrentPhase);
        Assert.Equal(
            [PhaseState.Completed, PhaseState.Active, PhaseState.NotStarted, PhaseState.NotStarted],
            project.Phases.Select(p => p.State));
        Assert.All(project.Phases.Skip(1).SelectMany(p => p.Tasks), t =>
        {
            Assert.Equal(ProjectTaskStatus.NotStarted, t.Status);
            Assert.All(t.Checklist, c => Assert.False(c.IsDone));
        });
        Assert.All(project.Phases.Skip(1).SelectMany(p => p.Gate), c => Assert.False(c.IsMet));
        Assert.Equal([1, 2, 2, 2], project.Phases.Select(p => p.Iteration));
        Assert.All(project.Phase(PhaseKind.DataDevelopment).Tasks.Where(t => !t.IsOptional), t => Assert.Equal(ProjectTaskStatus.Done, t.Status));
        var started = Assert.Single(project.PendingActivity, a => a.Kind == ActivityKind.IterationStarted);
        Assert.Equal(2, started.Iteration);
        Assert.Equal(1, project.Phase(PhaseKind.DataDevelopment).PendingActivity[0].Iteration);
    }

    [Fact]
    public void A_handoff_is_made_when_the_next_task_belongs_to_another_role()
    {
        var project = Build.Project();
        var collection = Build.Task(project, "Data collection");
        var preprocessing = Build.Task(project, "Data preprocessing");
        var features = Build.Task(project, "Feature engineering");

        Build.PutIn(collection, ProjectTaskStatus.Done);
        Assert.Null(project.HandOffAfter(collection, null, [], Build.Lead, Build.Now));
        // Versions are never dropped silently: a task that hands nothing over cannot name any.
        var named = new DsProcess.Domain.Evidence.EvidenceRef(DsProcess.Domain.Evidence.EvidenceKind.DatasetVersion, Guid.NewGuid(), "raw v1");
        Assert.Throws<DomainRuleException>(() => project.HandOffAfter(collection, null, [], Build.Lead, Build.Now, [named]));

        Build.PutIn(preprocessing, ProjectTaskStatus.Done);
        var handoff = project.HandOffAfter(preprocessing, "Silver tables ready", ["https://lake/silver/v3"], Build.Lead, Build.Now);

        Assert.NotNull(handoff);
        Assert.Equal(features.Id, handoff.ToTaskId);
        Assert.Equal(ProjectRole.DataEngineer, handoff.FromRole);
        Assert.Equal(ProjectRole.DataScientist, handoff.ToRole);
        Assert.Equal(["https://lake/silver/v3"], handoff.Links);
        Assert.True(handoff.IsOpen);
        Assert.Equal(ActivityKind.HandoffCreated, Assert.Single(handoff.PendingActivity).Kind);
    }

    [Fact]
    public void The_last_task_of_a_phase_hands_off_to_the_first_task_of_the_next()
    {
        var project = Build.Project();
        var monitoring = Build.Task(project, "Data monitoring");
        Build.PutIn(monitoring, ProjectTaskStatus.Done);

        var handoff = project.HandOffAfter(monitoring, null, [], Build.Lead, Build.Now);

        Assert.NotNull(handoff);
        Assert.Equal("Model experimentation", handoff.ToTaskTitle);
        Assert.Equal(PhaseKind.ModelDevelopment, handoff.ToPhase);
    }

    [Fact]
    public void The_work_after_a_phase_skips_a_not_applicable_first_task_of_the_next_phase()
    {
        var playbook = DefaultPlaybook.Create();
        playbook.Phases.Single(p => p.Kind == PhaseKind.ModelDevelopment).Tasks
            .Insert(0, new PlaybookTask { Title = "Literature review", ResponsibleRole = ProjectRole.MLEngineer, IsOptional = true });
        var project = Project.CreateFromPlaybook(playbook, "SKIP", "Skips", null, Build.Today, Build.Today.AddDays(90), Build.Lead, Build.Now);
        Build.PutIn(Build.Task(project, "Literature review"), ProjectTaskStatus.NotApplicable);
        var monitoring = Build.Task(project, "Data monitoring");
        Build.PutIn(monitoring, ProjectTaskStatus.Done);

        var handoff = project.HandOffAfter(monitoring, null, [], Build.Lead, Build.Now);

        Assert.NotNull(handoff);
        Assert.Equal("Model experimentation", handoff.ToTaskTitle);
        Assert.Equal(ProjectRole.DataScientist, handoff.ToRole);
    }

    [Fact]
    public void A_handoff_is_acknowledged_once()
    {
        var project = Build.Project();
        var preprocessing = Build.Task(project, "Data preprocessing");
        Build.PutIn(preprocessing, ProjectTaskStatus.Done);
        var handoff = project.HandOffAfter(preprocessing, null, [], Build.Lead, Build.Now)!;
        var receiving = Build.Task(project, handoff.ToTaskTitle);
        Assert.Equal(handoff.Id, receiving.OpenHandoffId);

        receiving.Acknowledge(handoff, Build.Decider, Build.Now.AddHours(3));
        var again = Assert.Throws<DomainRuleException>(() => receiving.Acknowledge(handoff, Build.Lead, Build.Now.AddHours(4)));

        Assert.False(handoff.IsOpen);
        Assert.Null(receiving.OpenHandoffId);
        Assert.Equal(Build.Now.AddHours(3), handoff.AcknowledgedAt);
        Assert.Contains("already acknowledged", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_handoff_is_acknowledged_only_on_the_task_it_went_to()
    {
        var project = Build.Project();
        var preprocessing = Build.Task(project, "Data preprocessing");
        Build.PutIn(preprocessing, ProjectTaskStatus.Done);
        var handoff = project.HandOffAfter(preprocessing, null, [], Build.Lead, Build.Now)!;

        var wrong = Assert.Throws<DomainRuleException>(() => preprocessing.Acknowledge(handoff, Build.Lead, Build.Now.AddHours(1)));

        Assert.True(handoff.IsOpen);
        Assert.Contains("not to \"Data preprocessing\"", wrong.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_deciding_role_is_the_one_that_receives_the_work_and_the_outcome_review_is_the_leads()
    {
        var project = Build.Project();

        Assert.Equal(ProjectRole.DataScientist, project.DecidingRole(PhaseKind.DataDevelopment));
        Assert.Equal(ProjectRole.MLEngineer, project.DecidingRole(PhaseKind.ModelDevelopment));
        Assert.Equal(ProjectRole.DataScientist, project.DecidingRole(PhaseKind.ProductionDeployment));
        Assert.Null(project.DecidingRole(PhaseKind.BusinessAnalysis));
    }

    [Fact]
    public void The_team_lead_tailors_gate_criteria_before_submission()
    {
        var project = Build.Project();
        var phase = project.Phase(PhaseKind.DataDevelopment);

        phase.AddGateCriterion("Data protection officer signed off", isRequired: true, Build.Lead, Build.Now);
        phase.AddGateCriterion("Sample reviewed by the business owner", isRequired: false, Build.Lead, Build.Now);
        phase.RemoveGateCriterion(2, Build.Lead, Build.Now);

        Assert.Equal([1, 3], phase.Gate.Select(c => c.Number));
        Build.FinishRequiredTasks(phase);
        project.SubmitGate(PhaseKind.DataDevelopment, null, Build.Met(PhaseKind.DataDevelopment), Build.Lead, Build.Now);
        Assert.Throws<DomainRuleException>(() => phase.AddGateCriterion("Too late", true, Build.Lead, Build.Now));
    }

    private static bool IsDone(ProjectPhase phase) => !phase.OpenRequiredTasks.Any() && !phase.OpenRequiredCriteria.Any();
}
