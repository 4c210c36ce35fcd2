using DsProcess.Domain.Activity;
using DsProcess.Domain.Common;
using DsProcess.Domain.Gates;
using DsProcess.Domain.Projects;

namespace DsProcess.Domain.Tests;

/// <summary>A rejected gate sending the project back to an earlier phase, as a new iteration from there.</summary>
public sealed class GateSendBackTests
{
    private const string Reason = "The scoring service needs features the data does not have yet.";

    private readonly Project _project = Build.Project();

    [Theory]
    [InlineData(PhaseKind.DataDevelopment, new[] { PhaseState.Active, PhaseState.NotStarted, PhaseState.NotStarted, PhaseState.NotStarted })]
    [InlineData(PhaseKind.ModelDevelopment, new[] { PhaseState.Completed, PhaseState.Active, PhaseState.NotStarted, PhaseState.NotStarted })]
    public void The_production_deployment_gate_sends_the_project_back_to_an_earlier_phase_as_a_new_iteration(PhaseKind to, PhaseState[] states)
    {
        var review = SubmitUpTo(PhaseKind.ProductionDeployment);
        Build.ClearActivity(_project);

        _project.SendBack(review, to, Reason, Build.Decider, Build.Now);

        Assert.Equal(2, _project.Iteration);
        Assert.Equal(to, _project.CurrentPhase);
        Assert.Equal(ProjectStatus.Active, _project.Status);
        Assert.Equal(states, _project.Phases.Select(p => p.State));
        Assert.Equal(GateDecision.Rejected, review.Decision);
        Assert.Equal(GateOutcomes.IterateFrom(to), review.Outcome);
        Assert.Equal(Reason, review.DecisionReason);
        Assert.Equal(Build.Decider.UserId, review.DecidedById);

        // From the target on, everything starts over in iteration 2; earlier phases keep their finished work.
        Assert.All(_project.Phases.Where(p => p.Kind >= to), p =>
        {
            Assert.Equal(2, p.Iteration);
            Assert.All(p.Tasks, t => Assert.Equal(ProjectTaskStatus.NotStarted, t.Status));
            Assert.All(p.Gate, c => Assert.False(c.IsMet));
            Assert.Null(p.LatestReviewId);
        });
        Assert.All(_project.Phases.Where(p => p.Kind < to), p =>
        {
            Assert.Equal(1, p.Iteration);
            Assert.All(p.Tasks.Where(t => !t.IsOptional), t => Assert.Equal(ProjectTaskStatus.Done, t.Status));
        });

        var rejected = Assert.Single(_project.PendingActivity, a => a.Kind == ActivityKind.GateRejected);
        Assert.Equal(PhaseKind.ProductionDeployment, rejected.Phase);
        Assert.Equal($"Back to {DisplayNames.Of(to)}: new iteration", rejected.To);
        Assert.Equal(Reason, rejected.Reason);
        var started = Assert.Single(_project.PendingActivity, a => a.Kind == ActivityKind.IterationStarted);
        Assert.Equal(to, started.Phase);
        Assert.Equal("Iteration 2", started.To);
        Assert.Equal(Reason, started.Reason);
    }

    [Fact]
    public void The_outcome_review_sends_the_project_back_to_data_development()
    {
        var review = SubmitUpTo(PhaseKind.BusinessAnalysis);

        _project.SendBack(review, PhaseKind.DataDevelopment, "The KPIs show a segment the data never covered.", Build.Decider, Build.Now);

        Assert.Equal(2, _project.Iteration);
        Assert.Equal(PhaseKind.DataDevelopment, _project.CurrentPhase);
        Assert.Equal(ProjectStatus.Active, _project.Status);
        Assert.Equal([PhaseState.Active, PhaseState.NotStarted, PhaseState.NotStarted, PhaseState.NotStarted], _project.Phases.Select(p => p.State));
        Assert.Equal(GateOutcome.IterateFromDataDevelopment, review.Outcome);
    }

    [Fact]
    public void Each_send_back_starts_the_next_iteration()
    {
        _project.SendBack(SubmitUpTo(PhaseKind.ModelDevelopment), PhaseKind.DataDevelopment, Reason, Build.Decider, Build.Now);
        _project.SendBack(SubmitUpTo(PhaseKind.ProductionDeployment), PhaseKind.ModelDevelopment, Reason, Build.Decider, Build.Now);

        Assert.Equal(3, _project.Iteration);
        Assert.Equal([2, 3, 3, 3], _project.Phases.Select(p => p.Iteration));
        Assert.Equal(PhaseKind.ModelDevelopment, _project.CurrentPhase);
    }

    [Theory]
    [InlineData(PhaseKind.ProductionDeployment, "to rework this phase, reject the gate")]
    [InlineData(PhaseKind.BusinessAnalysis, "Business Analysis comes after it")]
    public void A_gate_sends_the_project_back_only_to_an_earlier_phase(PhaseKind to, string why)
    {
        var review = SubmitUpTo(PhaseKind.ProductionDeployment);

        var refused = Assert.Throws<DomainRuleException>(() => _project.SendBack(review, to, Reason, Build.Decider, Build.Now));

        Assert.Equal($"The Production Deployment gate sends the project back only to an earlier phase; {why}.", refused.Message);
        AssertUndecided(review);
    }

    [Fact]
    public void The_data_development_gate_has_no_earlier_phase_to_send_the_project_back_to()
    {
        var review = SubmitUpTo(PhaseKind.DataDevelopment);

        Assert.Empty(WorkRules.SendBackTargets(PhaseKind.DataDevelopment, _project.Phases.Select(p => p.Kind)));
        Assert.Throws<DomainRuleException>(() => _project.SendBack(review, PhaseKind.DataDevelopment, Reason, Build.Decider, Build.Now));
        AssertUndecided(review);
    }

    [Fact]
    public void The_phases_a_gate_sends_back_to_are_the_projects_phases_before_it()
    {
        var all = Enum.GetValues<PhaseKind>();

        Assert.Equal([PhaseKind.DataDevelopment, PhaseKind.ModelDevelopment, PhaseKind.ProductionDeployment], WorkRules.SendBackTargets(PhaseKind.BusinessAnalysis, all));
        Assert.Equal([PhaseKind.DataDevelopment], WorkRules.SendBackTargets(PhaseKind.ModelDevelopment, all));
        Assert.Equal([PhaseKind.ModelDevelopment], WorkRules.SendBackTargets(PhaseKind.ProductionDeployment, [PhaseKind.ProductionDeployment, PhaseKind.ModelDevelopment]));
        Assert.All(all.Where(k => k != PhaseKind.BusinessAnalysis), k => Assert.Equal(k, GateOutcomes.IteratesFrom(GateOutcomes.IterateFrom(k))));
        Assert.Null(GateOutcomes.IteratesFrom(GateOutcome.NextPhase));
        Assert.Null(GateOutcomes.IteratesFrom(GateOutcome.CompleteProject));
    }

    [Fact]
    public void A_review_no_longer_awaiting_its_decision_is_not_sent_back()
    {
        var review = SubmitUpTo(PhaseKind.ProductionDeployment);
        _project.RejectGate(review, "The endpoint has no authentication.", Build.Decider, Build.Now);

        var refused = Assert.Throws<DomainRuleException>(() => _project.SendBack(review, PhaseKind.ModelDevelopment, Reason, Build.Decider, Build.Now));

        Assert.Contains("decisions are final", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, _project.Iteration);
        Assert.Equal(PhaseState.Active, _project.Phase(PhaseKind.ProductionDeployment).State);
    }

    [Fact]
    public void A_send_back_needs_a_reason_and_someone_other_than_the_submitter()
    {
        var review = SubmitUpTo(PhaseKind.ProductionDeployment);

        Assert.Throws<DomainRuleException>(() => _project.SendBack(review, PhaseKind.ModelDevelopment, "  ", Build.Decider, Build.Now));
        Assert.Throws<DomainRuleException>(() => _project.SendBack(review, PhaseKind.ModelDevelopment, new string('x', Limits.Reason + 1), Build.Decider, Build.Now));
        var own = Assert.Throws<DomainRuleException>(() => _project.SendBack(review, PhaseKind.ModelDevelopment, Reason, Build.Lead, Build.Now));

        Assert.Equal("You submitted this gate, so someone else decides it.", own.Message);
        AssertUndecided(review);
    }

    [Fact]
    public void A_project_on_hold_or_cancelled_sends_nothing_back()
    {
        var review = SubmitUpTo(PhaseKind.ProductionDeployment);
        _project.PutOnHold("Budget review", Build.Lead, Build.Now);

        var onHold = Assert.Throws<DomainRuleException>(() => _project.SendBack(review, PhaseKind.ModelDevelopment, Reason, Build.Decider, Build.Now));
        _project.Cancel("Budget cut", Build.Lead, Build.Now);
        var cancelled = Assert.Throws<DomainRuleException>(() => _project.SendBack(review, PhaseKind.ModelDevelopment, Reason, Build.Decider, Build.Now));

        Assert.Contains("on hold", onHold.Message, StringComparison.Ordinal);
        Assert.Contains("cancelled", cancelled.Message, StringComparison.Ordinal);
        AssertUndecided(review);
    }

    /// <summary>Passes every gate before <paramref name="phase"/> and submits it (as the lead).</summary>
    private GateReview SubmitUpTo(PhaseKind phase)
    {
        foreach (var earlier in _project.Phases.Where(p => p.Kind < phase && p.State != PhaseState.Completed).Select(p => p.Kind).ToList())
        {
            Build.PassGate(_project, earlier);
        }

        Build.FinishRequiredTasks(_project.Phase(phase));
        return _project.SubmitGate(phase, null, Build.Met(phase), Build.Lead, Build.Now);
    }

    private void AssertUndecided(GateReview review)
    {
        Assert.Null(review.Decision);
        Assert.Equal(1, _project.Iteration);
        Assert.Equal(PhaseState.AwaitingGate, _project.Phase(review.Phase).State);
    }
}
