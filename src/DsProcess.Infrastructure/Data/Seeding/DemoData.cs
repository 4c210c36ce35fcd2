using DsProcess.Application.Common.Interfaces;
using DsProcess.Domain.Common;
using DsProcess.Domain.People;
using DsProcess.Domain.Playbooks;
using DsProcess.Domain.Projects;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Infrastructure.Data.Seeding;

/// <summary>
/// One account per role and a handful of projects at different phases with a plausible history, for trying
/// the app out. Never seeded unless configured; the passwords are public (README).
/// </summary>
internal sealed class DemoData(Actor lead)
{
    public static readonly DemoAccount[] Accounts =
    [
        new("admin@dsprocess.local", "Ada Admin", SystemRole.Admin, null, "Admin-demo-2026"),
        new("lead@dsprocess.local", "Lea Lead", SystemRole.TeamLead, ProjectRole.TeamLead, "Lead-demo-2026"),
        new("engineer@dsprocess.local", "Dan Engineer", SystemRole.Member, ProjectRole.DataEngineer, "Engineer-demo-2026"),
        new("scientist@dsprocess.local", "Sara Scientist", SystemRole.Member, ProjectRole.DataScientist, "Scientist-demo-2026"),
        new("mlengineer@dsprocess.local", "Milo Ops", SystemRole.Member, ProjectRole.MLEngineer, "MLEngineer-demo-2026"),
        new("viewer@dsprocess.local", "Vera Viewer", SystemRole.Viewer, null, "Viewer-demo-2026"),
    ];

    public static async Task<int> SeedAsync(AppDbContext db, IIdentityService identity, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var team = new List<(Guid Id, string Name, ProjectRole Role)>();
        foreach (var account in Accounts)
        {
            var id = await identity.CreateUserAsync(account.Email, account.Name, account.SystemRole, account.Password, Actor.System, cancellationToken);
            if (account.ProjectRole is { } role)
            {
                team.Add((id, account.Name, role));
            }
        }

        var leader = team.Single(m => m.Role == ProjectRole.TeamLead);
        var demo = new DemoData(new Actor(leader.Id, leader.Name));
        var playbook = await db.Playbooks.SingleAsync(p => p.Id == DefaultPlaybook.Id, cancellationToken);
        Project[] projects =
        [
            demo.Create(playbook, now, "DEMAND", "Store demand forecast", "Forecast weekly demand per store to cut stock-outs by 20%.", startedDaysAgo: 12, lengthDays: 120, completedPhases: 0, finishedInActive: 1, blockActive: true),
            demo.Create(playbook, now, "CHURN", "Customer churn prediction", "Flag customers likely to cancel in the next 60 days so retention can call them first.", startedDaysAgo: 50, lengthDays: 150, completedPhases: 1, finishedInActive: 2, blockActive: false),
            demo.Create(playbook, now, "FRAUD", "Card fraud detection", "Score card transactions in real time and stop the riskiest for review.", startedDaysAgo: 110, lengthDays: 140, completedPhases: 2, finishedInActive: 3, blockActive: false),
            demo.Create(playbook, now, "SHELF", "Shelf image recognition", "Recognise empty shelf spots from store camera images.", startedDaysAgo: 160, lengthDays: 150, completedPhases: 3, finishedInActive: 2, blockActive: false),
            demo.Create(playbook, now, "PRICE", "Markdown price optimisation", "Recommend markdown prices that clear seasonal stock with the least margin loss.", startedDaysAgo: 200, lengthDays: 180, completedPhases: 4, finishedInActive: 0, blockActive: false),
        ];
        foreach (var project in projects)
        {
            demo.Staff(project, team, project.CreatedAt);
        }

        db.Projects.AddRange(projects);
        await db.SaveChangesAsync(cancellationToken);
        return projects.Length;
    }

    /// <summary>Puts the working roles on the team and gives each their role's open tasks.</summary>
    private void Staff(Project project, List<(Guid Id, string Name, ProjectRole Role)> team, DateTimeOffset at)
    {
        foreach (var member in team.Where(m => m.Role != ProjectRole.TeamLead))
        {
            project.AddMember(member.Id, member.Name, [member.Role], lead, at);
        }

        foreach (var task in project.Tasks.Where(t => !t.IsFinished && t.Phase.State != PhaseState.Completed))
        {
            var owner = team.FirstOrDefault(m => m.Role == task.ResponsibleRole);
            if (owner.Id != Guid.Empty && task.Phase.State == PhaseState.Active)
            {
                task.Assign(owner.Id, owner.Name, [owner.Role], null, lead, at);
            }
        }
    }

    private Project Create(
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
        var project = Project.CreateFromPlaybook(playbook, key, name, objective, startDate, startDate.AddDays(lengthDays), lead, started);

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
                    task.MarkNotApplicable("Not needed for this use case.", lead, Next());
                }
                else
                {
                    Finish(task, Next());
                }
            }

            project.CompleteActivePhase(lead, Next());
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
            next.Start(lead, Next());
            next.SetChecklistItem(1, done: true, lead, Next());
            if (blockActive)
            {
                next.Block("Waiting for access to the point-of-sale database.", lead, Next());
            }
        }

        return project;
    }

    private void Finish(ProjectTask task, DateTimeOffset at)
    {
        task.Start(lead, at);
        foreach (var item in task.Checklist.Where(i => i.IsRequired))
        {
            task.SetChecklistItem(item.Number, done: true, lead, at);
        }

        task.MarkDone(lead, at);
    }
}

internal sealed record DemoAccount(string Email, string Name, SystemRole SystemRole, ProjectRole? ProjectRole, string Password);
