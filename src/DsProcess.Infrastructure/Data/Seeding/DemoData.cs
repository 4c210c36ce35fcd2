using DsProcess.Domain.Common;
using DsProcess.Domain.Playbooks;
using DsProcess.Domain.Projects;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Infrastructure.Data.Seeding;

/// <summary>A handful of projects at different phases, with a plausible history, for trying the app out.</summary>
internal static class DemoData
{
    private static readonly Actor Lead = new(null, "Demo team lead");

    public static async Task<int> SeedAsync(AppDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var playbook = await db.Playbooks.SingleAsync(p => p.Id == DefaultPlaybook.Id, cancellationToken);
        Project[] projects =
        [
            Create(playbook, now, "DEMAND", "Store demand forecast", "Forecast weekly demand per store to cut stock-outs by 20%.", startedDaysAgo: 12, lengthDays: 120, completedPhases: 0, finishedInActive: 1, blockActive: true),
            Create(playbook, now, "CHURN", "Customer churn prediction", "Flag customers likely to cancel in the next 60 days so retention can call them first.", startedDaysAgo: 50, lengthDays: 150, completedPhases: 1, finishedInActive: 2, blockActive: false),
            Create(playbook, now, "FRAUD", "Card fraud detection", "Score card transactions in real time and stop the riskiest for review.", startedDaysAgo: 110, lengthDays: 140, completedPhases: 2, finishedInActive: 3, blockActive: false),
            Create(playbook, now, "SHELF", "Shelf image recognition", "Recognise empty shelf spots from store camera images.", startedDaysAgo: 160, lengthDays: 150, completedPhases: 3, finishedInActive: 2, blockActive: false),
            Create(playbook, now, "PRICE", "Markdown price optimisation", "Recommend markdown prices that clear seasonal stock with the least margin loss.", startedDaysAgo: 200, lengthDays: 180, completedPhases: 4, finishedInActive: 0, blockActive: false),
        ];
        db.Projects.AddRange(projects);
        await db.SaveChangesAsync(cancellationToken);
        return projects.Length;
    }

    private static Project Create(
        Playbook playbook,
        DateTimeOffset now,
        string key,
        string name,
        string objective,
        int startedDaysAgo,
        int lengthDays,
        int completedPhases,
        int finishedInActive,
        bool blockActive)
    {
        var started = now.AddDays(-startedDaysAgo);
        var startDate = DateOnly.FromDateTime(started.UtcDateTime);
        var project = Project.CreateFromPlaybook(playbook, key, name, objective, startDate, startDate.AddDays(lengthDays), Lead, started);

        // Walk through the history a day or so per task, so timestamps look like real work.
        var at = started;
        DateTimeOffset Next() => at = at.AddHours(20) < now ? at.AddHours(20) : now;

        for (var i = 0; i < completedPhases; i++)
        {
            var phase = project.Phases.Single(p => p.State == PhaseState.Active);
            foreach (var task in phase.Tasks)
            {
                if (task.IsOptional)
                {
                    task.MarkNotApplicable("Not needed for this use case.", Lead, Next());
                }
                else
                {
                    Finish(task, Next());
                }
            }

            project.CompleteActivePhase(Lead, Next());
        }

        if (project.Status != ProjectStatus.Active)
        {
            return project;
        }

        var active = project.Phases.Single(p => p.State == PhaseState.Active);
        var required = active.Tasks.Where(t => !t.IsOptional).ToList();
        foreach (var task in required.Take(finishedInActive))
        {
            Finish(task, Next());
        }

        var next = required.Skip(finishedInActive).FirstOrDefault();
        if (next is not null)
        {
            next.Start(Lead, Next());
            next.SetChecklistItem(1, done: true, Lead, Next());
            if (blockActive)
            {
                next.Block("Waiting for access to the point-of-sale database.", Lead, Next());
            }
        }

        return project;
    }

    private static void Finish(ProjectTask task, DateTimeOffset at)
    {
        task.Start(Lead, at);
        foreach (var item in task.Checklist.Where(i => i.IsRequired))
        {
            task.SetChecklistItem(item.Number, done: true, Lead, at);
        }

        task.MarkDone(Lead, at);
    }
}
