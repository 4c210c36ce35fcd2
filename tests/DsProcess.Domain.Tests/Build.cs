using DsProcess.Domain.Common;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.Gates;
using DsProcess.Domain.Playbooks;
using DsProcess.Domain.Projects;

namespace DsProcess.Domain.Tests;

/// <summary>Builds domain objects in a known state for the tests.</summary>
internal static class Build
{
    public static readonly Actor Lead = new(Guid.NewGuid(), "Lea Lead");

    /// <summary>Someone other than the submitter, to decide gates.</summary>
    public static readonly Actor Decider = new(Guid.NewGuid(), "Dee Decider");
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    public static readonly DateOnly Today = DateOnly.FromDateTime(Now.UtcDateTime);

    public static Project Project() =>
        Domain.Projects.Project.CreateFromPlaybook(
            DefaultPlaybook.Create(), "CHURN", "Customer churn", "Predict churn", Today, Today.AddDays(100), Lead, Now);

    public static ProjectTask Task(Project project, string title) =>
        project.Phases.SelectMany(p => p.Tasks).Single(t => t.Title == title);

    /// <summary>"Data augmentation": an optional task of the phase that is active from the start.</summary>
    public static ProjectTask OptionalActiveTask(Project project) => Task(project, "Data augmentation");

    public static void TickAll(ProjectTask task)
    {
        foreach (var item in task.Checklist)
        {
            task.SetChecklistItem(item.Number, done: true, Lead, Now);
        }
    }

    public static void PutIn(ProjectTask task, ProjectTaskStatus status)
    {
        switch (status)
        {
            case ProjectTaskStatus.NotStarted:
                break;
            case ProjectTaskStatus.InProgress:
                task.Start(Lead, Now);
                break;
            case ProjectTaskStatus.Blocked:
                task.Block("waiting for access", Lead, Now);
                break;
            case ProjectTaskStatus.Done:
                task.Start(Lead, Now);
                TickAll(task);
                task.MarkDone(Lead, Now);
                break;
            case ProjectTaskStatus.NotApplicable:
                task.MarkNotApplicable("no images in this project", Lead, Now);
                break;
        }

        Assert.Equal(status, task.Status);
    }

    /// <summary>Finishes every required task of the phase (it must be active) and meets its gate criteria, so it can go to its gate.</summary>
    public static void FinishRequiredTasks(ProjectPhase phase)
    {
        foreach (var task in phase.Tasks.Where(t => !t.IsOptional && !t.IsFinished))
        {
            PutIn(task, ProjectTaskStatus.Done);
        }

        foreach (var criterion in phase.Gate)
        {
            phase.SetGateCriterion(criterion.Number, met: true, Lead, Now);
        }
    }

    /// <summary>Finishes the phase's required work, submits its gate (as the lead) and has the decider approve it.</summary>
    /// <summary>A phase's automatic gate criteria, all met (as if the project's evidence satisfied them).</summary>
    public static IReadOnlyList<AutomaticCriterion> Met(PhaseKind kind) =>
        [.. GateEvidence.CriteriaOf(kind).Select(k => new AutomaticCriterion(k, GateEvidence.TextOf(k), true, "evidence", [new EvidenceRef(EvidenceKind.ModelVersion, Guid.NewGuid(), "model v1")]))];

    public static void PassGate(Project project, PhaseKind kind, GateOutcome outcome = GateOutcome.NextPhase)
    {
        FinishRequiredTasks(project.Phase(kind));
        var review = project.SubmitGate(kind, "ready", Met(kind), Lead, Now);
        project.ApproveGate(review, outcome, Met(review.Phase), Decider, Now);
    }

    public static void ClearActivity(Project project)
    {
        project.ClearPendingActivity();
        foreach (var phase in project.Phases)
        {
            phase.ClearPendingActivity();
            foreach (var task in phase.Tasks)
            {
                task.ClearPendingActivity();
            }
        }
    }
}
