using DsProcess.Domain.Activity;
using DsProcess.Domain.Common;
using DsProcess.Domain.Projects;
using static DsProcess.Domain.Projects.PhaseState;

namespace DsProcess.Domain.Tests;

public sealed class ProjectPhaseTransitionTests
{
    public enum Move
    {
        Activate,
        Submit,
        ReturnToWork,
        Complete,
    }

    public static TheoryData<Move, PhaseState, PhaseState?> Matrix() => new()
    {
        { Move.Activate, NotStarted, Active },
        { Move.Activate, Active, null },
        { Move.Activate, AwaitingGate, null },
        { Move.Activate, Completed, null },
        { Move.Submit, NotStarted, null },
        { Move.Submit, Active, AwaitingGate },
        { Move.Submit, AwaitingGate, null },
        { Move.Submit, Completed, null },
        { Move.ReturnToWork, NotStarted, null },
        { Move.ReturnToWork, Active, null },
        { Move.ReturnToWork, AwaitingGate, Active },
        { Move.ReturnToWork, Completed, null },
        { Move.Complete, NotStarted, null },
        { Move.Complete, Active, null },
        { Move.Complete, AwaitingGate, Completed },
        { Move.Complete, Completed, null },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Every_move_from_every_state_is_allowed_or_refused_as_specified(Move move, PhaseState from, PhaseState? expected)
    {
        var project = Build.Project();
        var phase = from == NotStarted ? project.Phase(PhaseKind.ModelDevelopment) : project.Phase(PhaseKind.DataDevelopment);
        Build.FinishRequiredTasks(project.Phase(PhaseKind.DataDevelopment));
        if (from is AwaitingGate or Completed)
        {
            phase.SubmitForGate(Build.Lead, Build.Now);
        }

        if (from is Completed)
        {
            phase.Complete(Build.Lead, Build.Now);
        }

        Assert.Equal(from, phase.State);
        phase.ClearPendingActivity();

        var act = () => Apply(phase, move);

        if (expected is { } to)
        {
            act();
            Assert.Equal(to, phase.State);
            var entry = Assert.Single(phase.PendingActivity);
            Assert.Equal(ActivityKind.PhaseStateChanged, entry.Kind);
            Assert.Equal(DisplayNames.Of(to), entry.To);
        }
        else
        {
            Assert.Throws<DomainRuleException>(act);
            Assert.Equal(from, phase.State);
            Assert.Empty(phase.PendingActivity);
        }
    }

    [Fact]
    public void Submitting_is_refused_while_a_required_task_is_open()
    {
        var project = Build.Project();
        var phase = project.Phase(PhaseKind.DataDevelopment);
        Build.FinishRequiredTasks(phase);
        Build.Task(project, "Data monitoring").Reopen("monitors were not switched on", Build.Lead, Build.Now);

        var error = Assert.Throws<DomainRuleException>(() => phase.SubmitForGate(Build.Lead, Build.Now));

        Assert.Contains("Data monitoring", error.Message, StringComparison.Ordinal);
        Assert.Equal(Active, phase.State);
    }

    [Fact]
    public void Open_optional_tasks_do_not_hold_the_phase_back()
    {
        var project = Build.Project();
        var phase = project.Phase(PhaseKind.DataDevelopment);
        Build.FinishRequiredTasks(phase);
        Assert.Equal(ProjectTaskStatus.NotStarted, Build.OptionalActiveTask(project).Status);

        phase.SubmitForGate(Build.Lead, Build.Now);

        Assert.Equal(AwaitingGate, phase.State);
    }

    [Fact]
    public void Tasks_can_be_added_until_the_phase_is_submitted_for_its_gate()
    {
        var project = Build.Project();
        var phase = project.Phase(PhaseKind.DataDevelopment);

        var task = phase.AddTask("Label images", "Outsourced labelling", ProjectRole.DataScientist, [ProjectRole.DataEngineer], isOptional: false, null, null, Build.Lead, Build.Now);

        Assert.Equal(7, task.Order);
        Assert.True(task.IsCustom);
        Assert.Equal(ActivityKind.TaskAdded, Assert.Single(task.PendingActivity).Kind);
        Assert.Throws<DomainRuleException>(() => phase.AddTask("Viewer task", null, ProjectRole.Viewer, [], false, null, null, Build.Lead, Build.Now));
        var viewerSupport = Assert.Throws<DomainRuleException>(() =>
            phase.AddTask("Viewer support", null, ProjectRole.DataScientist, [ProjectRole.Viewer], false, null, null, Build.Lead, Build.Now));
        Assert.Contains("Viewer role cannot support", viewerSupport.Message, StringComparison.Ordinal);

        Build.FinishRequiredTasks(phase);
        phase.SubmitForGate(Build.Lead, Build.Now);
        var awaiting = Assert.Throws<DomainRuleException>(() => phase.AddTask("Sneaked in", null, ProjectRole.DataEngineer, [], false, null, null, Build.Lead, Build.Now));
        Assert.Contains("awaiting its gate decision", awaiting.Message, StringComparison.Ordinal);
        phase.Complete(Build.Lead, Build.Now);
        Assert.Throws<DomainRuleException>(() => phase.AddTask("Too late", null, ProjectRole.DataEngineer, [], false, null, null, Build.Lead, Build.Now));
        Assert.Equal(7, phase.Tasks.Count);
    }

    [Fact]
    public void A_task_move_changes_its_phase_so_a_concurrent_gate_submission_conflicts()
    {
        var project = Build.Project();
        var phase = project.Phase(PhaseKind.DataDevelopment);
        var later = Build.Now.AddMinutes(5);

        phase.Tasks[0].Start(Build.Lead, later);

        Assert.Equal(later, phase.UpdatedAt);
    }

    private static void Apply(ProjectPhase phase, Move move)
    {
        switch (move)
        {
            case Move.Activate:
                phase.Activate(Build.Lead, Build.Now);
                break;
            case Move.Submit:
                phase.SubmitForGate(Build.Lead, Build.Now);
                break;
            case Move.ReturnToWork:
                phase.ReturnToWork("metrics below target", Build.Lead, Build.Now);
                break;
            case Move.Complete:
                phase.Complete(Build.Lead, Build.Now);
                break;
        }
    }
}
