using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Application.Projects;
using DsProcess.Domain.Projects;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Teams.Queries.ProjectTeam;

/// <summary>A project's team with each member's roles and load, and how each working role is staffed.</summary>
public sealed record ProjectTeamQuery(string Key) : IQuery<ProjectTeamDto>;

public sealed record ProjectTeamDto(Guid ProjectId, string Key, string Name, bool CanPlan, IReadOnlyList<TeamMember> Members, IReadOnlyList<RoleStaffing> Roles);

/// <summary>A member; <see cref="Email"/> is null for callers who may not see e-mail addresses (see <see cref="Access.SeesEmailAddressesAsync"/>).</summary>
public sealed record TeamMember(Guid PersonId, string Name, string? Email, IReadOnlyList<ProjectRole> Roles, int OpenTasks, int OverdueTasks);

/// <summary>For one role: who holds it, how many open tasks it owns, and how many of those nobody has taken.</summary>
public sealed record RoleStaffing(ProjectRole Role, int Holders, int OpenTasks, int UnassignedTasks);

public sealed class ProjectTeamQueryHandler(IAppDbContext db, Access access, TimeProvider clock) : IQueryHandler<ProjectTeamQuery, ProjectTeamDto>
{
    public async ValueTask<ProjectTeamDto> Handle(ProjectTeamQuery query, CancellationToken cancellationToken)
    {
        var project = await db.Projects.AsNoTracking()
            .WithKey(query.Key)
            .Select(p => new { p.Id, p.Key, p.Name, p.Status })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Project", query.Key);
        var me = await access.ToProjectAsync(project.Id, cancellationToken);
        var emails = await access.SeesEmailAddressesAsync(cancellationToken);

        var members = await db.Members.AsNoTracking()
            .Where(m => m.ProjectId == project.Id)
            .Join(db.People, m => m.PersonId, p => p.Id, (m, p) => new { p.Id, p.DisplayName, Email = emails ? p.Email : null, m.Roles })
            .ToListAsync(cancellationToken);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var openTasks = await db.Tasks.AsNoTracking()
            .Where(t => t.ProjectId == project.Id
                && t.Status != ProjectTaskStatus.Done && t.Status != ProjectTaskStatus.NotApplicable
                && t.Phase.State != PhaseState.Completed)
            .Select(t => new { t.ResponsibleRole, t.AssigneeId, t.Status, PhaseState = t.Phase.State, t.Due })
            .ToListAsync(cancellationToken);
        var overdue = openTasks.Where(t => WorkRules.CountsOverdue(project.Status) && WorkRules.IsOverdue(t.Status, t.PhaseState, t.Due, today)).ToList();

        return new ProjectTeamDto(
            project.Id,
            project.Key,
            project.Name,
            me.CanPlan && WorkRules.TakesPlanning(project.Status),
            [.. members
                .OrderBy(m => m.DisplayName)
                .Select(m => new TeamMember(
                    m.Id,
                    m.DisplayName,
                    m.Email,
                    m.Roles,
                    openTasks.Count(t => t.AssigneeId == m.Id),
                    overdue.Count(t => t.AssigneeId == m.Id)))],
            // A custom role shows where this project uses it: on an open task or held by a member.
            [.. WorkRules.TaskOwnerRoles
                .Where(role => !CustomRoles.IsCustom(role) || openTasks.Any(t => t.ResponsibleRole == role) || members.Any(m => m.Roles.Contains(role)))
                .Select(role => new RoleStaffing(
                role,
                members.Count(m => m.Roles.Contains(role)),
                openTasks.Count(t => t.ResponsibleRole == role),
                openTasks.Count(t => t.ResponsibleRole == role && t.AssigneeId is null)))]);
    }
}
