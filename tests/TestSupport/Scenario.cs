using DsProcess.Application.Gates.Commands.DecideGate;
using DsProcess.Application.Gates.Commands.SetGateCriterion;
using DsProcess.Application.Gates.Commands.SubmitGate;
using DsProcess.Application.Projects.Commands.CreateProject;
using DsProcess.Application.Projects.Queries.ProjectBoard;
using DsProcess.Application.Tasks.Commands.ChangeTaskStatus;
using DsProcess.Application.Tasks.Commands.SetChecklistItem;
using DsProcess.Domain.Common;
using DsProcess.Domain.Gates;
using DsProcess.Domain.Playbooks;
using DsProcess.Domain.Projects;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Tests;

/// <summary>Steps that many tests take, each sent through the mediator as the UI sends it.</summary>
public static class Scenario
{
    /// <summary>
    /// A new project from the playbook; unless <paramref name="withEvidence"/> is off, with evidence meeting every
    /// automatic gate criterion, so that tests about other things pass its gates.
    /// </summary>
    public static async Task<ProjectBoardDto> CreateProjectAsync(this AppFixture app, string? key = null, string name = "Customer churn", bool withEvidence = true)
    {
        var created = await app.SendAsync(new CreateProjectCommand
        {
            Name = name,
            Key = key ?? Keys.Next(),
            Objective = "Predict churn 60 days ahead",
            TargetDate = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(120),
        });
        if (withEvidence)
        {
            await app.AddCompleteEvidenceAsync(created.Id);
        }

        return await app.BoardAsync(created.Key);
    }

    /// <summary>A copy of the default playbook under a new name, arranged directly; returns its id.</summary>
    public static Task<Guid> AddPlaybookAsync(this AppFixture app, string? name = null) => app.WithDbAsync(async db =>
    {
        var playbook = Playbook.Import(name ?? $"Playbook {Guid.NewGuid():N}", null, DefaultPlaybook.Create().Phases, Actor.System, DateTimeOffset.UtcNow);
        db.Playbooks.Add(playbook);
        await db.SaveChangesAsync();
        return playbook.Id;
    });

    /// <summary>A draft of version 2 of a new playbook, as saved (its version token set).</summary>
    public static async Task<Playbook> AddPlaybookDraftAsync(this AppFixture app, string? name = null)
    {
        var id = await app.AddPlaybookAsync(name);
        return await app.WithDbAsync(async db =>
        {
            var draft = (await db.Playbooks.SingleAsync(p => p.Id == id)).NextDraft(Actor.System, DateTimeOffset.UtcNow);
            db.Playbooks.Add(draft);
            await db.SaveChangesAsync();
            return draft;
        });
    }

    public static Task<ProjectBoardDto> BoardAsync(this AppFixture app, string key) => app.SendAsync(new ProjectBoardQuery(key));

    public static async Task<BoardTask> TaskAsync(this AppFixture app, string key, string title) =>
        (await app.BoardAsync(key)).Tasks.Single(t => t.Title == title);

    public static async Task<BoardTask> MoveAsync(this AppFixture app, string key, string title, TaskMove move, string? reason = null)
    {
        var task = await app.TaskAsync(key, title);
        await app.SendAsync(new ChangeTaskStatusCommand(task.Id, task.Version, move, reason));
        return await app.TaskAsync(key, title);
    }

    public static async Task FinishAsync(this AppFixture app, string key, string title)
    {
        var task = await app.TaskAsync(key, title);
        if (task.Status == ProjectTaskStatus.NotStarted)
        {
            task = await app.MoveAsync(key, title, TaskMove.Start);
        }

        foreach (var item in task.Checklist.Where(i => i.IsRequired && !i.IsDone))
        {
            await app.SendAsync(new SetChecklistItemCommand(task.Id, item.Number, Done: true));
        }

        await app.MoveAsync(key, title, TaskMove.Done);
    }

    /// <summary>Finishes the phase's required tasks and meets its gate criteria (as the lead), so it can be submitted.</summary>
    public static async Task FinishRequiredTasksAsync(this AppFixture app, string key, PhaseKind phase)
    {
        var board = await app.BoardAsync(key);
        var boardPhase = board.Phases.Single(p => p.Kind == phase);
        foreach (var task in boardPhase.Tasks.Where(t => !t.IsOptional && !t.IsFinished))
        {
            await app.FinishAsync(key, task.Title);
        }

        foreach (var criterion in boardPhase.Gate.Where(c => !c.IsMet))
        {
            await app.SendAsync(new SetGateCriterionCommand(board.Id, phase, criterion.Number, Met: true));
        }
    }

    /// <summary>Takes the phase through its gate: finished by the lead, submitted by the lead, approved by <paramref name="decider"/>.</summary>
    public static async Task PassGateAsync(this AppFixture app, string key, PhaseKind phase, TestPerson decider, GateOutcome outcome = GateOutcome.NextPhase)
    {
        await app.FinishRequiredTasksAsync(key, phase);
        var board = await app.BoardAsync(key);
        var review = await app.SendAsync(new SubmitGateCommand(board.Id, phase));
        await app.SendAsync(new DecideGateCommand(review, GateDecision.Approved, outcome), decider);
    }
}
